/**
 * Opening the memory database: better-sqlite3 with the sqlite-vec extension, both loaded on first
 * use (they are native and stay outside the bundled CLI). SQLite failures become
 * {@link MemoryStoreError}s that name the file and say what to do.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import { errorText } from '../error-text.js';
import { MemoryStoreError } from './errors.js';

export type SqliteDatabase = BetterSqlite3.Database;

/** How long a write waits for another process holding the database before giving up. */
export const BUSY_TIMEOUT_MS = 1500;

function codeOf(error: unknown): string {
  return typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
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

/** Opens (creating if needed) a database with sqlite-vec loaded and WAL journaling. */
export async function openDatabase(
  file: string,
  options: { readonly?: boolean } = {},
): Promise<SqliteDatabase> {
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
  return guarded(file, () => {
    if (file !== ':memory:' && !options.readonly) mkdirSync(path.dirname(file), { recursive: true });
    const db = new Database(file, {
      timeout: BUSY_TIMEOUT_MS,
      readonly: options.readonly ?? false,
      fileMustExist: options.readonly ?? false,
    });
    try {
      sqliteVec.load(db);
      if (!options.readonly && file !== ':memory:') db.pragma('journal_mode = WAL');
      // Reads the header: a file that is not a database fails here, not halfway through a run.
      db.prepare('SELECT count(*) FROM sqlite_master').get();
      return db;
    } catch (error) {
      db.close();
      throw error;
    }
  });
}
