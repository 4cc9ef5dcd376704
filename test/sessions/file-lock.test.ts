import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { LockTimeoutError, withFileLock } from '../../src/sessions/file-lock.js';

let lock: string;

beforeEach(() => {
  lock = path.join(mkdtempSync(path.join(os.tmpdir(), 'massgen-lock-')), 'folder', '.lock');
});

/** The pid of a process that has exited. */
function deadPid(): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', ''], { stdio: 'ignore' });
    child.on('error', reject);
    child.on('exit', () => resolve(child.pid!));
  });
}

const ownedBy = (pid: number) => JSON.stringify({ pid, host: os.hostname(), token: 'other' });

describe('withFileLock', () => {
  it('lets one holder in at a time and removes the lock afterwards, also when the section throws', async () => {
    let inside = 0;
    let most = 0;
    const order: number[] = [];
    const section = (n: number) => async () => {
      inside++;
      most = Math.max(most, inside);
      await new Promise((done) => setImmediate(done));
      order.push(n);
      inside--;
      if (n === 3) throw new Error('section failed');
      return n;
    };
    const results = await Promise.allSettled(
      Array.from({ length: 8 }, (_, n) => withFileLock(lock, section(n))),
    );
    expect(most).toBe(1);
    expect(order.sort()).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(results.filter((r) => r.status === 'rejected')).toHaveLength(1);
    expect(existsSync(lock)).toBe(false);
  });

  it('takes over at once a lock whose owner process is gone', async () => {
    await withFileLock(lock, async () => {}); // creates the folder
    writeFileSync(lock, ownedBy(await deadPid()));
    // Not by age: it is fresh, and the wait is shorter than the stale age.
    expect(await withFileLock(lock, async () => 'mine', { staleMs: 60_000, timeoutMs: 1_000 })).toBe('mine');
    expect(existsSync(lock)).toBe(false);
  });

  it('takes over a lock older than staleMs, even of a live process', async () => {
    await withFileLock(lock, async () => {});
    writeFileSync(lock, ownedBy(process.pid));
    const old = new Date(Date.now() - 60_000);
    utimesSync(lock, old, old);
    expect(await withFileLock(lock, async () => 'mine', { staleMs: 10_000, timeoutMs: 1_000 })).toBe('mine');
  });

  it('gives up on a fresh lock of a live process with an error naming the lock file and the fix', async () => {
    await withFileLock(lock, async () => {});
    writeFileSync(lock, ownedBy(process.pid));
    const error = await withFileLock(lock, async () => 'never', { timeoutMs: 50 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LockTimeoutError);
    expect((error as LockTimeoutError).lockFile).toBe(lock);
    expect((error as Error).message).toContain(
      `waiting for the lock ${lock} (held by process ${process.pid}`,
    );
    expect((error as Error).message).toContain(`if no massgen process is running, delete ${lock}`);
    // Someone else's lock is left alone.
    expect(readFileSync(lock, 'utf8')).toBe(ownedBy(process.pid));
  });
});
