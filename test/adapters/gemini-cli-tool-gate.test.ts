/** The Gemini CLI's BeforeTool hook and the loopback gate that answers it with the turn's safety checks. */
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { startToolGate } from '../../src/adapters/gemini-cli/tool-gate.js';
import type { AdapterToolCall } from '../../src/types/agent-adapter.js';

interface Hook {
  command: string;
  env: Record<string, string>;
}

/** Runs the hook as the CLI does (`sh -c command`, the hook input on stdin) and returns its stdout. */
function runHook(hook: Hook, input: object): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn('sh', ['-c', hook.command], {
      env: { PATH: process.env.PATH ?? '', ...hook.env },
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
    });
    child.on('error', reject);
    child.on('close', () => resolve(out));
    child.stdin.end(JSON.stringify(input));
  });
}

function hookOf(hooks: Record<string, unknown>): { matcher: string; hook: Hook } {
  const [entry] = hooks.BeforeTool as Array<{ matcher: string; hooks: Hook[] }>;
  return { matcher: entry!.matcher, hook: entry!.hooks[0]! };
}

describe('tool gate', () => {
  it('lets allowed calls run and refuses the others with the reason, asking the checks once per call', async () => {
    const seen: AdapterToolCall[] = [];
    const gate = await startToolGate(
      async (call) => {
        seen.push(call);
        return call.toolName === 'run_shell_command'
          ? { allow: false, message: 'refused by the safety policy: no shell' }
          : { allow: true };
      },
      mkdtempSync(path.join(os.tmpdir(), 'gate-')),
    );
    try {
      const { matcher, hook } = hookOf(gate.hooks);
      const base = { session_id: 's', hook_event_name: 'BeforeTool', cwd: '/w' };
      expect(
        JSON.parse(
          await runHook(hook, { ...base, tool_name: 'run_shell_command', tool_input: { command: 'ls' } }),
        ),
      ).toEqual({ decision: 'deny', reason: 'refused by the safety policy: no shell' });
      expect(
        JSON.parse(await runHook(hook, { ...base, tool_name: 'read_file', tool_input: { file_path: 'a' } })),
      ).toEqual({});
      expect(seen).toEqual([
        { toolCallId: 'hook-1', toolName: 'run_shell_command', input: { command: 'ls' } },
        { toolCallId: 'hook-2', toolName: 'read_file', input: { file_path: 'a' } },
      ]);
      // The workflow tools are left to the engine: the hook is not run for them.
      const matches = (name: string) => new RegExp(matcher).test(name);
      expect(
        ['read_file', 'mcp_files_read', 'mcp_massgen_vote', 'mcp_massgen_new_answer'].map(matches),
      ).toEqual([true, true, false, false]);
    } finally {
      await gate.close();
    }
  });

  it('refuses the call when the gate cannot be reached', async () => {
    const gate = await startToolGate(
      async () => ({ allow: true }),
      mkdtempSync(path.join(os.tmpdir(), 'gate-')),
    );
    const { hook } = hookOf(gate.hooks);
    await gate.close();
    const reply = JSON.parse(await runHook(hook, { tool_name: 'read_file', tool_input: {} }));
    expect(reply.decision).toBe('deny');
    expect(reply.reason).toMatch(/^MassGen could not check this call: /);
  });
});
