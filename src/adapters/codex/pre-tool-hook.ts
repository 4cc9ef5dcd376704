/**
 * The run's safety policy for Codex's own tool calls, through Codex's `PreToolUse` hook: Codex runs
 * the hook before each shell command, `apply_patch` and MCP tool call and does not run a call the
 * hook denies (its model is told "Command blocked by PreToolUse hook: <reason>"). The hook is a
 * small Node script in the agent's scratch folder that posts the call to a loopback server of this
 * process (random port, random token in its path) and prints the verdict; when it cannot reach the
 * server it blocks the call. Codex runs only hooks someone has trusted, so the Codex CLI is started
 * through a launcher adding `--dangerously-bypass-hook-trust` (the hook is ours, written for this run).
 *
 * How calls are judged: a shell command (`Bash`) as `execute_command` with its command line; an
 * `apply_patch` as one `write_file` per file it adds, updates or deletes; an MCP tool by its name
 * (`mcp__server__tool`; the workflow server's tools are not checked). Denied calls are reported as a
 * tool call with the refusal as its result (Codex reports no item for a call it did not run).
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { AdapterToolCall, AdapterToolVerdict, AdapterTurn } from '../../types/agent-adapter.js';

/** The hook: stdin to the server, its answer to stdout; no answer blocks the call (exit code 2). */
const HOOK_SCRIPT = `let body = '';
process.stdin.on('data', (d) => { body += d; });
process.stdin.on('end', async () => {
  try {
    const res = await fetch(process.argv[2], { method: 'POST', body });
    if (!res.ok) throw new Error('HTTP ' + res.status);
    process.stdout.write(await res.text());
  } catch (error) {
    process.stderr.write('MassGen safety check unavailable: ' + error.message);
    process.exit(2);
  }
});
`;

/** A shell word in single quotes. */
const quote = (word: string) => `'${word.replace(/'/g, `'\\''`)}'`;

/** What Codex sends the hook (the fields read). */
interface HookInput {
  tool_name?: unknown;
  tool_input?: unknown;
  tool_use_id?: unknown;
}

/** The files an `apply_patch` patch touches. */
export function patchFiles(patch: string): string[] {
  return [...patch.matchAll(/^\*\*\* (?:Add|Update|Delete) File: (.+)$/gm)].map((m) =>
    (m[1] as string).trim(),
  );
}

/** The calls one hook input is judged as (none: allowed without a check). */
export function callsOfHook(input: HookInput): AdapterToolCall[] {
  const toolName = typeof input.tool_name === 'string' ? input.tool_name : '';
  const toolCallId = typeof input.tool_use_id === 'string' ? input.tool_use_id : '';
  const args =
    typeof input.tool_input === 'object' && input.tool_input !== null
      ? (input.tool_input as Record<string, unknown>)
      : {};
  if (toolName.startsWith('mcp__massgen__')) return [];
  if (toolName === 'apply_patch') {
    const patch =
      [args.command, args.patch, args.input].find((v): v is string => typeof v === 'string') ?? '';
    const files = patchFiles(patch);
    if (files.length === 0) return [{ toolCallId, toolName, input: args }];
    return files.map((file) => ({ toolCallId, toolName, input: { path: file } }));
  }
  return [{ toolCallId, toolName, input: args }];
}

/** The installed hook of one turn. */
export interface PreToolHook {
  /** The `hooks` table of Codex's config. */
  config: { PreToolUse: Array<{ hooks: Array<{ type: 'command'; command: string; timeout: number }> }> };
  /** The launcher to give the SDK as `codexPathOverride`. */
  launcher: string;
  close(): Promise<void>;
}

/**
 * Starts the hook's server for `turn` and writes the hook and the launcher of `executable` into
 * `dir`. `timeoutSeconds` bounds one check (an approval asked of a person included).
 */
export async function startPreToolHook(
  turn: AdapterTurn & { checkTool: NonNullable<AdapterTurn['checkTool']> },
  dir: string,
  executable: string,
  timeoutSeconds: number,
): Promise<PreToolHook> {
  const route = `/hook/${randomBytes(16).toString('hex')}`;
  const judge = async (input: HookInput): Promise<AdapterToolVerdict> => {
    for (const call of callsOfHook(input)) {
      const verdict = await turn.checkTool(call);
      if (!verdict.allow) {
        const toolName = typeof input.tool_name === 'string' ? input.tool_name : call.toolName;
        turn.events.toolCall({ toolCallId: call.toolCallId, toolName, input: input.tool_input ?? {} });
        turn.events.toolResult({
          toolCallId: call.toolCallId,
          toolName,
          output: verdict.message,
          isError: true,
        });
        return verdict;
      }
    }
    return { allow: true };
  };
  const server = createServer((req, res) => {
    if (req.method !== 'POST' || req.url !== route) {
      res.writeHead(404).end();
      return;
    }
    let body = '';
    req.on('data', (d) => {
      body += d;
    });
    req.on('end', () => {
      let input: HookInput;
      try {
        input = JSON.parse(body) as HookInput;
      } catch {
        res.writeHead(400).end();
        return;
      }
      judge(input)
        .then((verdict) => {
          const answer = verdict.allow
            ? {}
            : {
                hookSpecificOutput: {
                  hookEventName: 'PreToolUse',
                  permissionDecision: 'deny',
                  permissionDecisionReason: verdict.message,
                },
              };
          res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
        })
        .catch(() => res.writeHead(500).end());
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const script = path.join(dir, 'massgen-pre-tool-use.mjs');
  writeFileSync(script, HOOK_SCRIPT);
  const launcher = path.join(dir, 'codex');
  writeFileSync(launcher, `#!/bin/sh\nexec ${quote(executable)} "$@" --dangerously-bypass-hook-trust\n`);
  chmodSync(launcher, 0o700);
  const command = [process.execPath, script, `http://127.0.0.1:${port}${route}`].map(quote).join(' ');
  return {
    config: { PreToolUse: [{ hooks: [{ type: 'command', command, timeout: timeoutSeconds }] }] },
    launcher,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
