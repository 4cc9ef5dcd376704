import { execFileSync } from 'node:child_process';
import {
  closeSync,
  existsSync,
  ftruncateSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  readlinkSync,
  statSync,
  symlinkSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { queueOn, swapInCopy } from '../../src/workspace/snapshots.js';
import { copyTree, measureTree, TreeTooLargeError } from '../../src/workspace/tree-copy.js';

const MiB = 1024 * 1024;
const tmp = () => mkdtempSync(path.join(os.tmpdir(), 'massgen-tree-'));

/** A source tree: a sparse file with data in the middle, a text file, a link out, a FIFO. */
function source(): string {
  const dir = path.join(tmp(), 'src');
  mkdirSync(path.join(dir, 'sub'), { recursive: true });
  const fd = openSync(path.join(dir, 'sparse.bin'), 'w');
  writeSync(fd, Buffer.from('middle'), 0, 6, 50 * MiB);
  ftruncateSync(fd, 100 * MiB);
  closeSync(fd);
  writeFileSync(path.join(dir, 'sub', 'a.txt'), 'text');
  symlinkSync('/etc/passwd', path.join(dir, 'link'));
  execFileSync('mkfifo', [path.join(dir, 'pipe')]);
  return dir;
}

describe('copyTree', () => {
  it('keeps sparse files sparse and their data in place, copies links as links, skips FIFOs', async () => {
    const from = source();
    const to = path.join(tmp(), 'deep', 'copy');
    await copyTree(from, to);
    const sparse = path.join(to, 'sparse.bin');
    expect(statSync(sparse).size).toBe(100 * MiB);
    expect(statSync(sparse).blocks * 512).toBeLessThan(MiB);
    expect(
      readFileSync(sparse)
        .subarray(50 * MiB, 50 * MiB + 6)
        .toString(),
    ).toBe('middle');
    expect(readFileSync(path.join(to, 'sub', 'a.txt'), 'utf8')).toBe('text');
    expect(readlinkSync(path.join(to, 'link'))).toBe('/etc/passwd');
    expect(existsSync(path.join(to, 'pipe'))).toBe(false);
  });

  it('with link, shares the files of the source instead of copying them', async () => {
    const from = source();
    const to = path.join(tmp(), 'linked');
    await copyTree(from, to, { link: true });
    expect(statSync(path.join(to, 'sub', 'a.txt')).ino).toBe(statSync(path.join(from, 'sub', 'a.txt')).ino);
    expect(lstatSync(path.join(to, 'link')).isSymbolicLink()).toBe(true);
  });

  it('refuses a tree over its limits and leaves nothing half-copied; measureTree says which limit', async () => {
    const from = source();
    const to = path.join(tmp(), 'refused');
    const limits = { maxBytes: 10 * MiB, maxEntries: 100 };
    await expect(copyTree(from, to, { limits })).rejects.toBeInstanceOf(TreeTooLargeError);
    expect(existsSync(to)).toBe(false);
    expect(await measureTree(from, limits)).toMatchObject({ over: 'bytes' });
    expect(await measureTree(from, { maxBytes: 1024 * MiB, maxEntries: 2 })).toMatchObject({
      over: 'entries',
    });
    // sparse.bin, sub, sub/a.txt, link: the FIFO is not counted.
    expect(await measureTree(from)).toEqual({ bytes: 100 * MiB + 4, entries: 4 });
  });
});

describe('snapshot jobs', () => {
  it('run in the order queued on any shared folder; a failed job does not stop the next', async () => {
    const order: string[] = [];
    let release!: () => void;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const first = queueOn('/snap/a', async () => {
      await held;
      order.push('copy a');
    });
    const failing = queueOn('/snap/b', async () => {
      order.push('fail b');
      throw new Error('no');
    });
    const both = queueOn(['/snap/a', '/snap/b'], async () => {
      order.push('read a and b');
    });
    release();
    await first;
    await expect(failing).rejects.toThrow('no');
    await both;
    expect(order).toEqual(['fail b', 'copy a', 'read a and b']);
  });

  it('swapInCopy replaces a folder whole', async () => {
    const from = source();
    const to = path.join(tmp(), 'view');
    mkdirSync(to);
    writeFileSync(path.join(to, 'old.txt'), 'old');
    await swapInCopy(from, to, { link: true });
    expect(existsSync(path.join(to, 'old.txt'))).toBe(false);
    expect(readFileSync(path.join(to, 'sub', 'a.txt'), 'utf8')).toBe('text');
  });
});
