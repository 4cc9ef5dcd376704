/** How Codex's `PreToolUse` hook inputs are judged: the calls each one stands for. */
import { describe, expect, it } from 'vitest';
import { callsOfHook, patchFiles } from '../../src/adapters/codex/pre-tool-hook.js';

const PATCH = `*** Begin Patch
*** Add File: notes/new.md
+hello
*** Update File: src/app.ts
@@
-a
+b
*** Delete File: old.txt
*** End Patch`;

describe('Codex hook inputs', () => {
  it('a shell command is one Bash call with its command line', () => {
    expect(
      callsOfHook({ tool_name: 'Bash', tool_input: { command: 'rm -rf build' }, tool_use_id: 'call_1' }),
    ).toEqual([{ toolCallId: 'call_1', toolName: 'Bash', input: { command: 'rm -rf build' } }]);
  });

  it('a patch is one call per file it adds, updates or deletes', () => {
    expect(patchFiles(PATCH)).toEqual(['notes/new.md', 'src/app.ts', 'old.txt']);
    expect(
      callsOfHook({ tool_name: 'apply_patch', tool_input: { command: PATCH }, tool_use_id: 'c' }),
    ).toEqual([
      { toolCallId: 'c', toolName: 'apply_patch', input: { path: 'notes/new.md' } },
      { toolCallId: 'c', toolName: 'apply_patch', input: { path: 'src/app.ts' } },
      { toolCallId: 'c', toolName: 'apply_patch', input: { path: 'old.txt' } },
    ]);
  });

  it('the workflow server is not checked; other MCP tools are, by name', () => {
    expect(callsOfHook({ tool_name: 'mcp__massgen__vote', tool_input: { agent_id: 'agent1' } })).toEqual([]);
    expect(
      callsOfHook({ tool_name: 'mcp__files__write', tool_input: { path: 'x' }, tool_use_id: 'd' }),
    ).toEqual([{ toolCallId: 'd', toolName: 'mcp__files__write', input: { path: 'x' } }]);
  });
});
