import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { commandRefusal } from '../../src/workspace/command-policy.js';
import { canonicalPath, checkPath, type PathPolicy } from '../../src/workspace/permissions.js';

function setup(presenting = false) {
  const root = canonicalPath(mkdtempSync(path.join(os.tmpdir(), 'massgen-perm-')), '/');
  const dirs = ['ws', 'peers/agent2', 'docs', 'project/secrets', 'outside'].map((d) => path.join(root, d));
  for (const d of dirs) mkdirSync(d, { recursive: true });
  writeFileSync(path.join(root, 'outside', 'x.txt'), 'x');
  symlinkSync(path.join(root, 'outside'), path.join(root, 'ws', 'escape'));
  const state = { presenting };
  const policy: PathPolicy = {
    workspace: path.join(root, 'ws'),
    peerRoot: path.join(root, 'peers'),
    contextPaths: [
      { path: path.join(root, 'docs'), permission: 'read', protectedPaths: [] },
      {
        path: path.join(root, 'project'),
        permission: 'write',
        protectedPaths: [path.join(root, 'project', 'secrets')],
      },
    ],
    presenting: () => state.presenting,
  };
  return { root, policy, state };
}

describe('checkPath (the one permission function)', () => {
  it('lets an agent read and write its own workspace; relative paths resolve against it', () => {
    const { root, policy } = setup();
    expect(checkPath(policy, 'a/b.txt', 'write')).toEqual({
      allow: true,
      path: path.join(root, 'ws/a/b.txt'),
    });
    expect(checkPath(policy, path.join(root, 'ws'), 'read').allow).toBe(true);
  });

  it("makes peers' snapshots read-only", () => {
    const { root, policy } = setup();
    expect(checkPath(policy, path.join(root, 'peers/agent2/f.txt'), 'read').allow).toBe(true);
    const denied = checkPath(policy, path.join(root, 'peers/agent2/f.txt'), 'write');
    expect(denied).toMatchObject({ allow: false, path: path.join(root, 'peers/agent2/f.txt') });
    expect(!denied.allow && denied.rule).toMatch(/snapshots .* are read-only/);
  });

  it('applies context paths: read is read-only, write opens only for the presenter, protected paths never', () => {
    const { root, policy, state } = setup();
    expect(checkPath(policy, path.join(root, 'docs/readme.md'), 'read').allow).toBe(true);
    const docs = checkPath(policy, path.join(root, 'docs/readme.md'), 'write');
    expect(!docs.allow && docs.rule).toMatch(/context path .*docs is read-only/);
    const before = checkPath(policy, path.join(root, 'project/main.ts'), 'write');
    expect(!before.allow && before.rule).toMatch(/writable only for the agent presenting the final answer/);
    state.presenting = true;
    expect(checkPath(policy, path.join(root, 'project/main.ts'), 'write').allow).toBe(true);
    const secret = checkPath(policy, path.join(root, 'project/secrets/key'), 'write');
    expect(!secret.allow && secret.rule).toMatch(/protected path .*never writable/);
    expect(checkPath(policy, path.join(root, 'project/secrets/key'), 'read').allow).toBe(true);
  });

  it('denies everything else, also through .. and symlinks out of the workspace', () => {
    const { root, policy } = setup();
    for (const target of [
      path.join(root, 'outside/x.txt'),
      '../outside/x.txt',
      'escape/x.txt',
      '/etc/passwd',
    ]) {
      const decision = checkPath(policy, target, 'read');
      expect(decision.allow, target).toBe(false);
      expect(!decision.allow && decision.rule).toMatch(/outside your workspace/);
    }
    expect(checkPath(policy, 'escape/x.txt', 'read').path).toBe(path.join(root, 'outside/x.txt'));
  });
});

describe('command lists', () => {
  it('match as regular expressions at the start or as prefixes; blocked wins', () => {
    const lists = { allowed: ['echo', 'python.*', 'ls('], blocked: ['rm -rf.*', 'echo secret'] };
    expect(commandRefusal('echo hi', lists)).toBeUndefined();
    expect(commandRefusal('python3 x.py', lists)).toBeUndefined();
    expect(commandRefusal('ls( weird', lists)).toBeUndefined();
    expect(commandRefusal('rm -rf /', lists)).toMatch(/blocked pattern "rm -rf\.\*"/);
    expect(commandRefusal('echo secret', lists)).toMatch(/blocked/);
    expect(commandRefusal('curl x', lists)).toMatch(/none of command_line_allowed_commands/);
    expect(commandRefusal('curl x', {})).toBeUndefined();
  });
});
