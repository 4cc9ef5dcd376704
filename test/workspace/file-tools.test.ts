import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ToolEntry } from '../../src/tools/types.js';
import { commandToolEntry } from '../../src/workspace/command-tool.js';
import { fileToolEntries, workspacePermissionHook } from '../../src/workspace/file-tools.js';
import { canonicalPath, type PathPolicy } from '../../src/workspace/permissions.js';

function setup() {
  const root = canonicalPath(mkdtempSync(path.join(os.tmpdir(), 'massgen-files-')), '/');
  const workspace = path.join(root, 'ws');
  mkdirSync(path.join(root, 'peers'), { recursive: true });
  mkdirSync(workspace);
  const policy: PathPolicy = {
    workspace,
    peerRoot: path.join(root, 'peers'),
    contextPaths: [],
    presenting: () => false,
  };
  const tools = new Map(fileToolEntries(policy, 5000).map((e) => [e.name, e]));
  const context = { signal: new AbortController().signal, agentId: 'a', toolCallId: 't' };
  const run = (name: string, input: unknown) => (tools.get(name) as ToolEntry).execute!(input, context);
  return { root, workspace, policy, tools, run, context };
}

describe('file tools', () => {
  it('write, read, edit, list and search inside the workspace', async () => {
    const { workspace, run } = setup();
    expect((await run('write_file', { path: 'src/a.txt', content: 'one two one' })).value).toBe(
      `Wrote 11 bytes to ${path.join(workspace, 'src/a.txt')}`,
    );
    expect((await run('read_file', { path: 'src/a.txt' })).value).toBe('one two one');
    await expect(run('edit_file', { path: 'src/a.txt', old_string: 'one', new_string: '1' })).rejects.toThrow(
      /occurs 2 times/,
    );
    await expect(run('edit_file', { path: 'src/a.txt', old_string: 'zzz', new_string: '1' })).rejects.toThrow(
      /was not found/,
    );
    await run('edit_file', { path: 'src/a.txt', old_string: 'one', new_string: '1', replace_all: true });
    expect(readFileSync(path.join(workspace, 'src/a.txt'), 'utf8')).toBe('1 two 1');
    writeFileSync(path.join(workspace, 'bin.dat'), Buffer.from([1, 0, 2]));
    await expect(run('read_file', { path: 'bin.dat' })).rejects.toThrow(/binary file/);
    expect((await run('list_directory', {})).value).toBe(`${workspace}: 2 entries\nbin.dat\nsrc/`);
    expect((await run('search_files', { pattern: 't[wW]o', regex: true })).value).toBe(
      'src/a.txt:1: 1 two 1',
    );
    expect((await run('search_files', { pattern: 'absent' })).value).toMatch(/^No matches/);
    await expect(run('search_files', { pattern: '(', regex: true })).rejects.toThrow(
      /invalid regular expression/,
    );
  });

  it('the before-call hook denies a path outside with the path and the rule; the tool itself re-checks', async () => {
    const { root, policy, tools, run } = setup();
    const hook = workspacePermissionHook(policy);
    const entry = tools.get('write_file')!;
    const call = { toolCallId: 't', toolName: 'write_file', input: { path: '../x.txt', content: '' } };
    const decision = await hook(call, entry, { agentId: 'a', signal: new AbortController().signal });
    expect(decision).toEqual({
      allow: false,
      reason: `write access to ${path.join(root, 'x.txt')} denied: the path is outside your workspace (${policy.workspace}), peers' snapshots and the context paths`,
    });
    await expect(run('write_file', call.input)).rejects.toThrow(/denied/);
  });
});

describe('execute_command', () => {
  it('runs in the workspace, reports the exit status, refuses blocked commands and says when it is unsandboxed', async () => {
    const { workspace, context } = setup();
    const entry = commandToolEntry({
      workspace,
      lists: { allowed: ['echo', 'pwd', 'sleep'], blocked: ['echo no'] },
      defaultTimeoutSeconds: 1,
      env: { PATH: process.env.PATH ?? '' },
    });
    expect(entry.description).toMatch(/WITHOUT a sandbox/);
    expect(await entry.execute!({ command: 'pwd' }, context)).toEqual({
      value: `exit code 0\nstdout:\n${workspace}\n\nstderr:\n`,
      isError: false,
    });
    expect((await entry.execute!({ command: 'echo no' }, context)).value).toMatch(
      /blocked pattern "echo no"/,
    );
    expect((await entry.execute!({ command: 'ls' }, context)).value).toMatch(
      /none of command_line_allowed_commands/,
    );
    const slow = await entry.execute!({ command: 'sleep 5', timeout_seconds: 1 }, context);
    expect(slow).toMatchObject({ isError: true, value: expect.stringMatching(/^timed out after 1s/) });
  });

  it('shows 20000 characters of each stream and says how much more there was', async () => {
    const { workspace, context } = setup();
    const entry = commandToolEntry({
      workspace,
      lists: {},
      defaultTimeoutSeconds: 10,
      env: { PATH: process.env.PATH ?? '' },
    });
    const run = (command: string) => entry.execute!({ command }, context).then((r) => String(r.value));
    const a = (n: number) => 'a'.repeat(n);
    // Within what is kept: the rest is counted in characters.
    expect(await run(`head -c 30000 /dev/zero | tr '\\0' a`)).toBe(
      `exit code 0\nstdout:\n${a(20_000)}\n[… 10000 more characters]\nstderr:\n`,
    );
    // Past it: what was not even kept is counted in bytes.
    expect(await run(`head -c 100000 /dev/zero | tr '\\0' a`)).toBe(
      `exit code 0\nstdout:\n${a(20_000)}\n[… 60000 more characters and 20000 more bytes]\nstderr:\n`,
    );
  });
});
