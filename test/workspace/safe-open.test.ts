import { execFileSync } from 'node:child_process';
import {
  existsSync,
  linkSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PathPermissionError } from '../../src/workspace/errors.js';
import { canonicalPath } from '../../src/workspace/permissions.js';
import { openRegular, readFolder } from '../../src/workspace/safe-open.js';

function setup() {
  const root = canonicalPath(mkdtempSync(path.join(os.tmpdir(), 'massgen-open-')), '/');
  mkdirSync(path.join(root, 'ws'));
  mkdirSync(path.join(root, 'outside'));
  writeFileSync(path.join(root, 'outside', 'f.txt'), 'outside');
  mkdirSync(path.join(root, 'outside', 'sub'));
  // A folder of the workspace swapped for a link after the path was checked.
  symlinkSync(path.join(root, 'outside'), path.join(root, 'ws', 'swapped'));
  const seen: string[] = [];
  const recheck = (real: string) => {
    seen.push(real);
    return real.startsWith(path.join(root, 'ws')) ? undefined : 'outside the workspace';
  };
  return { root, recheck, seen };
}

describe('openRegular / readFolder', () => {
  it.skipIf(process.platform !== 'linux')(
    'catch a folder swapped for a link after the check: reads and listings are refused, a file created there is removed',
    async () => {
      const { root, recheck, seen } = setup();
      const through = path.join(root, 'ws', 'swapped', 'f.txt');
      await expect(openRegular(through, 'read', recheck)).rejects.toBeInstanceOf(PathPermissionError);
      await expect(readFolder(path.join(root, 'ws', 'swapped', 'sub'), recheck)).rejects.toBeInstanceOf(
        PathPermissionError,
      );
      const created = path.join(root, 'ws', 'swapped', 'new.txt');
      await expect(openRegular(created, 'write', recheck)).rejects.toThrow(/changed while it was opened/);
      expect(existsSync(path.join(root, 'outside', 'new.txt'))).toBe(false);
      expect(seen).toEqual(['f.txt', 'sub', 'new.txt'].map((name) => path.join(root, 'outside', name)));
    },
  );

  it('refuse FIFOs, links and folders without opening them', async () => {
    const { root, recheck } = setup();
    const fifo = path.join(root, 'ws', 'pipe');
    execFileSync('mkfifo', [fifo]);
    for (const mode of ['read', 'update', 'write'] as const) {
      await expect(openRegular(fifo, mode, recheck)).rejects.toThrow(/is not a regular file/);
    }
    await expect(openRegular(path.join(root, 'ws', 'swapped'), 'read', recheck)).rejects.toThrow(
      /is a symbolic link/,
    );
    await expect(openRegular(path.join(root, 'ws'), 'read', recheck)).rejects.toThrow(/is a directory/);
    await expect(openRegular(path.join(root, 'ws', 'none'), 'read', recheck)).rejects.toThrow(
      /does not exist/,
    );
  });

  it('never write a file that has another name elsewhere (a hard link)', async () => {
    const { root, recheck } = setup();
    const alias = path.join(root, 'ws', 'alias');
    linkSync(path.join(root, 'outside', 'f.txt'), alias);
    for (const mode of ['update', 'write'] as const) {
      await expect(openRegular(alias, mode, recheck)).rejects.toThrow(/has other hard links/);
    }
    const { handle } = await openRegular(alias, 'read', recheck);
    await handle.close();
    expect(readFileSync(path.join(root, 'outside', 'f.txt'), 'utf8')).toBe('outside');
  });
});
