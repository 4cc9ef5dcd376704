/**
 * A lock shared by processes on one folder: a lock file created exclusively (`open(…, 'wx')`),
 * holding its owner's pid, host and start time. Sections under the lock are a few small file
 * writes, so a lock is stale when its owner process (on this host) is gone, or when it is older
 * than `staleMs`; a stale lock is removed and taken over. Waiters poll with growing, jittered delays.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, stat, unlink } from 'node:fs/promises';
import os from 'node:os';
import { dirname } from 'node:path';
import { MassGenError } from '../errors.js';

/** Options of {@link withFileLock}. */
export interface FileLockOptions {
  /** A lock older than this is taken over (default 10 s; a section takes milliseconds). */
  staleMs?: number;
  /** How long to wait for the lock before giving up with {@link LockTimeoutError} (default 30 s). */
  timeoutMs?: number;
}

/** The lock could not be taken in time: another process holds it. Names the lock file and the fix. */
export class LockTimeoutError extends MassGenError {
  /** Absolute path of the lock file. */
  readonly lockFile: string;
  override readonly isRetryable = true;

  constructor(lockFile: string, waitedMs: number, owner: string | undefined) {
    super(
      `Timed out after ${Math.round(waitedMs / 1000)} s waiting for the lock ${lockFile}` +
        `${owner ? ` (held by ${owner})` : ''}: another massgen process is saving to this folder. ` +
        `Run again; if no massgen process is running, delete ${lockFile}.`,
    );
    this.lockFile = lockFile;
  }
}

interface Owner {
  pid: number;
  host: string;
  token: string;
}

const DEFAULT_STALE_MS = 10_000;
const DEFAULT_TIMEOUT_MS = 30_000;

const code = (error: unknown) => (error as NodeJS.ErrnoException | undefined)?.code;

function parseOwner(text: string): Owner | undefined {
  try {
    const v = JSON.parse(text) as Partial<Owner>;
    if (typeof v.pid === 'number' && typeof v.host === 'string' && typeof v.token === 'string')
      return v as Owner;
  } catch {
    // a lock file being written, or not ours: judged by its age alone
  }
  return undefined;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return code(error) === 'EPERM';
  }
}

/** Tries to create the lock file; false when it exists. */
async function tryCreate(lockFile: string, owner: Owner): Promise<boolean> {
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(lockFile, 'wx');
  } catch (error) {
    if (code(error) === 'EEXIST') return false;
    if (code(error) !== 'ENOENT') throw error;
    // The folder itself is missing (never made, or removed meanwhile): make it and try again.
    await mkdir(dirname(lockFile), { recursive: true });
    return tryCreate(lockFile, owner);
  }
  try {
    await handle.writeFile(JSON.stringify(owner));
  } finally {
    await handle.close();
  }
  return true;
}

/**
 * Removes the lock file when it is stale. Its content is read again just before removing it, so a
 * lock another waiter has meanwhile taken over (new content) is left alone.
 */
async function breakIfStale(lockFile: string, staleMs: number): Promise<string | undefined> {
  let text: string;
  let ageMs: number;
  try {
    [text, ageMs] = await Promise.all([
      readFile(lockFile, 'utf8'),
      stat(lockFile).then((s) => Date.now() - s.mtimeMs),
    ]);
  } catch (error) {
    if (code(error) === 'ENOENT') return undefined; // released meanwhile
    throw error;
  }
  const owner = parseOwner(text);
  const gone = owner !== undefined && owner.host === os.hostname() && !isAlive(owner.pid);
  const described = owner ? `process ${owner.pid} on ${owner.host}` : undefined;
  if (!gone && ageMs < staleMs) return described;
  const again = await readFile(lockFile, 'utf8').catch(() => undefined);
  if (again === text) await unlink(lockFile).catch(() => {});
  return described;
}

function pause(ms: number): Promise<void> {
  return new Promise((done) => setTimeout(done, ms));
}

/**
 * Runs `fn` while holding the lock file `lockFile` (created with its folder if needed), and
 * removes the lock afterwards, also when `fn` throws.
 */
export async function withFileLock<T>(
  lockFile: string,
  fn: () => Promise<T>,
  options: FileLockOptions = {},
): Promise<T> {
  const staleMs = options.staleMs ?? DEFAULT_STALE_MS;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const owner: Owner = { pid: process.pid, host: os.hostname(), token: randomBytes(8).toString('hex') };
  const started = Date.now();
  for (let attempt = 0; !(await tryCreate(lockFile, owner)); attempt++) {
    const holder = await breakIfStale(lockFile, staleMs);
    const waited = Date.now() - started;
    if (waited >= timeoutMs) throw new LockTimeoutError(lockFile, waited, holder);
    await pause(Math.min(100, 2 * 2 ** Math.min(attempt, 6)) * (0.5 + Math.random()));
  }
  try {
    return await fn();
  } finally {
    // Only our own lock is removed (it may have been taken over after a very long section).
    const text = await readFile(lockFile, 'utf8').catch(() => undefined);
    if (text !== undefined && parseOwner(text)?.token === owner.token) await unlink(lockFile).catch(() => {});
  }
}
