import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { bwrapArgs, bwrapStatus, envFilesUnder } from '../../src/workspace/sandbox.js';

/** The mount operations of a bwrap command line, as `op path` (or `op source path`). */
function mounts(args: string[]): string[] {
  const ops: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const op = args[i]!;
    if (['--ro-bind', '--bind', '--symlink'].includes(op)) {
      ops.push(`${op} ${args[i + 1]} ${args[i + 2]}`);
      i += 2;
    } else if (['--tmpfs', '--dev', '--proc', '--remount-ro', '--chdir'].includes(op)) {
      ops.push(`${op} ${args[i + 1]}`);
      i += 1;
    }
  }
  return ops;
}

describe('the bubblewrap sandbox', () => {
  it('binds the context folder, masks MassGen’s folder and .env files in it, then binds the peers’ view and the workspace', () => {
    const home = mkdtempSync(path.join(os.tmpdir(), 'massgen-bwrap-'));
    const dotMassgen = path.join(home, '.massgen');
    const ws = path.join(dotMassgen, 'workspaces', 'ws_1');
    const peers = path.join(dotMassgen, 'temp_workspaces');
    mkdirSync(ws, { recursive: true });
    mkdirSync(peers, { recursive: true });
    writeFileSync(path.join(home, '.env'), 'K=v');
    const args = bwrapArgs(
      {
        workspace: ws,
        readOnly: [home, peers],
        hidden: [dotMassgen, path.join(home, 'absent')],
        maskedFiles: [path.join(home, '.env')],
        home: '/nonexistent-home',
      },
      'echo hi',
    );
    expect(args.slice(0, 5)).toEqual([
      '--unshare-all',
      '--die-with-parent',
      '--new-session',
      '--cap-drop',
      'ALL',
    ]);
    expect(args.slice(-4)).toEqual(['--', '/bin/sh', '-c', 'echo hi']);
    const own = mounts(args).filter((op) => op.includes(home));
    expect(own).toEqual([
      `--ro-bind ${home} ${home}`,
      `--tmpfs ${dotMassgen}`,
      `--ro-bind /dev/null ${path.join(home, '.env')}`,
      `--ro-bind ${peers} ${peers}`,
      `--bind ${ws} ${ws}`,
      `--chdir ${ws}`,
    ]);
    const all = mounts(args);
    expect(all.indexOf('--tmpfs /tmp')).toBeLessThan(all.indexOf(`--ro-bind ${home} ${home}`));
    expect(all.indexOf('--remount-ro /')).toBe(all.indexOf(`--chdir ${ws}`) - 1);
    expect(all.some((op) => op.startsWith('--ro-bind / '))).toBe(false);
  });

  it('finds the .env files under folders, not in skipped ones', () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'massgen-envfiles-'));
    for (const dir of ['a/b', 'node_modules/x', '.git']) mkdirSync(path.join(root, dir), { recursive: true });
    for (const file of ['.env', 'a/b/.env.local', 'node_modules/x/.env', '.git/.env', 'a/.envrc']) {
      writeFileSync(path.join(root, file), '');
    }
    expect(envFilesUnder([root]).sort()).toEqual([
      path.join(root, '.env'),
      path.join(root, 'a/b/.env.local'),
    ]);
  });
});

describe('the sandbox under the safety policy', () => {
  const box = (extra: { network?: boolean; readOnlyWorkspace?: boolean }) => {
    const ws = mkdtempSync(path.join(os.tmpdir(), 'massgen-bwrap-policy-'));
    return { ws, mounts: { workspace: ws, readOnly: [], hidden: [], maskedFiles: [], ...extra } };
  };

  it('shares the network only when the policy allows egress', () => {
    const { mounts: off } = box({});
    expect(bwrapArgs(off, 'true')).not.toContain('--share-net');
    const { mounts: on } = box({ network: true });
    expect(bwrapArgs(on, 'true').slice(0, 2)).toEqual(['--unshare-all', '--share-net']);
  });

  it.runIf(bwrapStatus().available)(
    'a read-only role binds the workspace read-only: a command cannot write in it',
    () => {
      const { ws, mounts: readOnly } = box({ readOnlyWorkspace: true });
      expect(mounts(bwrapArgs(readOnly, 'true'))).toContain(`--ro-bind ${ws} ${ws}`);
      const refused = spawnSync('bwrap', bwrapArgs(readOnly, 'touch made.txt'), { encoding: 'utf8' });
      expect(refused.status).not.toBe(0);
      expect(existsSync(path.join(ws, 'made.txt'))).toBe(false);
      const writable = box({});
      expect(spawnSync('bwrap', bwrapArgs(writable.mounts, 'touch made.txt')).status).toBe(0);
      expect(existsSync(path.join(writable.ws, 'made.txt'))).toBe(true);
    },
  );
});
