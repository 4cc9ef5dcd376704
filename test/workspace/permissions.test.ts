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

describe('checkPath against a hostile workspace', () => {
  it('judges a dangling link by its target, also one to a protected path not written yet', () => {
    const { root, policy, state } = setup(true);
    symlinkSync(path.join(root, 'outside', 'new.txt'), path.join(root, 'ws', 'd'));
    symlinkSync(path.join(root, 'project', 'secrets', 'not-yet.txt'), path.join(root, 'ws', 'p'));
    const out = checkPath(policy, 'd', 'write');
    expect(out).toMatchObject({ allow: false, path: path.join(root, 'outside', 'new.txt') });
    expect(!out.allow && out.rule).toMatch(/outside your workspace/);
    state.presenting = true;
    const prot = checkPath(policy, 'p', 'write');
    expect(!prot.allow && prot.rule).toMatch(/protected path .*never writable/);
  });

  it('lets names that merely start with `..` stay inside', () => {
    const { root, policy } = setup();
    expect(checkPath(policy, '..notes', 'write')).toEqual({
      allow: true,
      path: path.join(root, 'ws', '..notes'),
    });
    expect(checkPath(policy, 'a/..b/c', 'write').allow).toBe(true);
    expect(checkPath(policy, '../ws2', 'read').allow).toBe(false);
  });

  it("keeps MassGen's folders and .env files of context paths closed; a context path inside a hidden folder stays open", () => {
    const { root, policy } = setup();
    const hidden = path.join(root, 'dot-massgen');
    mkdirSync(path.join(hidden, 'shared'), { recursive: true });
    const withHidden: PathPolicy = {
      ...policy,
      hidden: [hidden],
      contextPaths: [
        ...policy.contextPaths,
        { path: path.join(hidden, 'shared'), permission: 'read', protectedPaths: [] },
      ],
    };
    const logs = checkPath(withHidden, path.join(hidden, 'massgen_logs', 'x'), 'read');
    expect(!logs.allow && logs.rule).toMatch(/MassGen's own folder/);
    expect(checkPath(withHidden, path.join(hidden, 'shared', 'f'), 'read').allow).toBe(true);
    for (const name of ['.env', '.env.local', 'sub/.env.production']) {
      const env = checkPath(withHidden, path.join(root, 'docs', name), 'read');
      expect(!env.allow && env.rule, name).toMatch(/environment files .* hold keys/);
    }
    expect(checkPath(withHidden, path.join(root, 'docs', '.envrc'), 'read').allow).toBe(true);
    // In the agent's own workspace, a .env is its own file.
    expect(checkPath(withHidden, '.env', 'write').allow).toBe(true);
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
