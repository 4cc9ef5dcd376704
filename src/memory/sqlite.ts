/**
 * Opening the memory database: better-sqlite3 with the sqlite-vec extension, both loaded on first
 * use (they are native and stay outside the bundled CLI). SQLite failures become
 * {@link MemoryStoreError}s that name the file and say what to do.
 *
 * Many processes may use one database at once (runs in parallel): it is journaled in WAL mode, so
 * readers never wait for a writer; a writer waits up to {@link BUSY_TIMEOUT_MS} per statement for
 * another one, and {@link retryWhileBusy} tries again with growing delays for a few seconds more.
 * Each wait is short, so an interrupt or a deadline is never held up for long.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import { errorText } from '../error-text.js';
import { MemoryStoreError } from './errors.js';

export type SqliteDatabase = BetterSqlite3.Database;

/** How long one statement waits for another process holding the database (SQLite's busy timeout). */
export const BUSY_TIMEOUT_MS = 1000;
/** How long a write (recording memories, creating the store) keeps retrying a database that is busy. */
export const WRITE_RETRY_MS = 10_000;
/** How long a read on an agent's path (recall before its turn) keeps retrying. */
export const READ_RETRY_MS = 2_000;

function codeOf(error: unknown): string {
  return typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
}

/** Whether a failure is another connection holding the database (SQLITE_BUSY, SQLITE_LOCKED and their variants). */
export function isBusy(error: unknown): boolean {
  const cause = MemoryStoreError.isInstance(error) ? error.cause : error;
  const code = codeOf(cause);
  return code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED');
}

/** Options of {@link retryWhileBusy}. */
export interface BusyRetryOptions {
  /** How long to keep retrying, from the first attempt; default {@link WRITE_RETRY_MS}. */
  budgetMs?: number;
  /** Ends the waiting (rejects with the signal's reason). */
  signal?: AbortSignal;
  /** Called before each retry, with the 1-based number of the retry and the failure. */
  onRetry?: (retry: number, error: unknown) => void;
}

function wait(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * Runs `fn` (one SQLite transaction or statement), again after a growing, jittered delay (20 ms
 * doubling, at most 500 ms) as long as it fails because the database is busy and the budget lasts.
 * Other failures, and the last busy one, are thrown as MemoryStoreErrors naming `file`.
 */
export async function retryWhileBusy<T>(
  file: string,
  fn: () => T | Promise<T>,
  options: BusyRetryOptions = {},
): Promise<T> {
  const budgetMs = options.budgetMs ?? WRITE_RETRY_MS;
  const started = Date.now();
  for (let retry = 1; ; retry++) {
    try {
      return await fn();
    } catch (error) {
      const waited = Date.now() - started;
      if (!isBusy(error)) throw storeError(file, error);
      if (waited >= budgetMs) throw busyError(file, error, waited);
      options.onRetry?.(retry, error);
      const delay = Math.min(500, 20 * 2 ** Math.min(retry - 1, 5)) * (0.5 + Math.random());
      await wait(Math.min(delay, Math.max(1, budgetMs - waited)), options.signal);
    }
  }
}

/** The database stayed busy through all the retries. */
function busyError(file: string, error: unknown, waitedMs: number): MemoryStoreError {
  const cause = MemoryStoreError.isInstance(error) ? (error.cause ?? error) : error;
  return new MemoryStoreError(
    file,
    `is locked by another process (${errorText(cause)}), still after ${(waitedMs / 1000).toFixed(1)} s of retries; nothing was changed — run again once the other process has finished, or give this config its own memory.persistent_memory.path`,
    { cause, isRetryable: true },
  );
}

/** Turns a SQLite (or file system) failure into a MemoryStoreError with a fix. */
export function storeError(file: string, error: unknown): MemoryStoreError {
  if (MemoryStoreError.isInstance(error)) return error;
  const code = codeOf(error);
  const detail = errorText(error);
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
    return new MemoryStoreError(
      file,
      `is locked by another process (${detail}); memory was skipped this time and nothing was changed — try again when the other massgen process has finished`,
      { cause: error, isRetryable: true },
    );
  }
  if (code.startsWith('SQLITE_NOTADB') || code.startsWith('SQLITE_CORRUPT')) {
    return new MemoryStoreError(
      file,
      `is not a valid SQLite database (${detail}); it was left untouched — move it away to start a new store, or set memory.persistent_memory.path`,
      { cause: error },
    );
  }
  if (code.startsWith('SQLITE_CANTOPEN') || code.startsWith('SQLITE_READONLY') || code.startsWith('E')) {
    return new MemoryStoreError(file, `cannot be opened for writing (${detail})`, { cause: error });
  }
  return new MemoryStoreError(file, detail, { cause: error });
}

/** Runs `fn`, converting failures with {@link storeError}. */
export function guarded<T>(file: string, fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    throw storeError(file, error);
  }
}

/** Options of {@link openDatabase}. */
export interface OpenOptions {
  /** Open an existing file for reading only (nothing is created). */
  readonly?: boolean;
  /** How long to keep retrying while another process holds the database; default {@link WRITE_RETRY_MS}. */
  retryMs?: number;
  signal?: AbortSignal;
}

/**
 * Opens (creating if needed) a database with sqlite-vec loaded and WAL journaling; retried while
 * another process holds the database (e.g. while it switches a new file to WAL).
 */
export async function openDatabase(file: string, options: OpenOptions = {}): Promise<SqliteDatabase> {
  let Database: typeof BetterSqlite3;
  let sqliteVec: typeof import('sqlite-vec');
  try {
    Database = (await import('better-sqlite3')).default;
    sqliteVec = await import('sqlite-vec');
  } catch (error) {
    throw new MemoryStoreError(
      file,
      `the SQLite driver could not be loaded (${errorText(error)}); reinstall with \`npm ci\` so better-sqlite3 is built`,
      { cause: error },
    );
  }
  const open = () => {
    if (file !== ':memory:' && !options.readonly) mkdirSync(path.dirname(file), { recursive: true });
    const db = new Database(file, {
      timeout: BUSY_TIMEOUT_MS,
      readonly: options.readonly ?? false,
      fileMustExist: options.readonly ?? false,
    });
    try {
      sqliteVec.load(db);
      // Reads the header: a file that is not a database fails here, not halfway through a run.
      db.prepare('SELECT count(*) FROM sqlite_master').get();
      // Switching to WAL needs the database to itself: done once, by whoever creates the file.
      if (!options.readonly && file !== ':memory:' && db.pragma('journal_mode', { simple: true }) !== 'wal')
        db.pragma('journal_mode = WAL');
      return db;
    } catch (error) {
      db.close();
      throw error;
    }
  };
  return retryWhileBusy(file, open, { budgetMs: options.retryMs, signal: options.signal });
}
