/** Helpers of the hostile-model CLI tests: tool calls, their results, the run's workspace, a PATH without bwrap. */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FakeProvider } from '../fake-provider/server.js';
import { unwrapToolOutput } from '../tools/cli-helpers.js';

/** A tool call of a scripted reply. */
export const call = (id: string, name: string, args: Record<string, unknown>) => ({ id, name, args });

/** The result text of the call `id` (without its `<tool_output>` delimiters), from the first request that carries it. */
export function resultOf(fake: FakeProvider, since: number, id: string): string | undefined {
  for (const req of fake.requests) {
    if (req.index < since) continue;
    const found = req.messages.find((m) => m.role === 'tool' && m.toolCallId === id);
    if (found) return unwrapToolOutput(found.text);
  }
  return undefined;
}

/** Every tool result text the models were sent since request `since`. */
export function allToolResults(fake: FakeProvider, since: number): string {
  return fake.requests
    .filter((req) => req.index >= since)
    .flatMap((req) => req.messages.filter((m) => m.role === 'tool').map((m) => m.text))
    .join('\n');
}

/** The one workspace folder of a run started in `home` whose backend `cwd` is `name`. */
export function workspaceOf(home: string, name: string): string {
  const root = path.join(home, '.massgen', 'workspaces');
  const found = readdirSync(root).filter((d) => d.startsWith(`${name}_`));
  if (found.length !== 1)
    throw new Error(`expected one ${name}_* workspace in ${root}, found ${found.length}`);
  return path.join(root, found[0]!);
}

let noBwrap: string | undefined;

/**
 * A PATH on which every program of /usr/bin and /bin is found except `bwrap`: runs given it take
 * the unsandboxed fallback, as on a machine without bubblewrap.
 */
export function pathWithoutBwrap(): string {
  if (noBwrap) return noBwrap;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'massgen-nobwrap-'));
  mkdirSync(path.join(dir, 'bin'));
  for (const source of ['/usr/bin', '/bin']) {
    if (!existsSync(source)) continue;
    for (const name of readdirSync(source)) {
      const target = path.join(dir, 'bin', name);
      if (name === 'bwrap' || existsSync(target)) continue;
      symlinkSync(path.join(source, name), target);
    }
  }
  noBwrap = path.join(dir, 'bin');
  return noBwrap;
}

/** Whether process `pid` is gone (or a zombie waiting to be reaped). */
export function processGone(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const state = stat.slice(stat.lastIndexOf(')') + 2).split(' ')[0];
    return state === 'Z' || state === 'X';
  } catch {
    return true;
  }
}
