/**
 * `.massgen/sessions/index.json`: one summary line per session, most recently updated first, so
 * listing sessions and finding the latest one reads one file. Every change re-reads the file and
 * rewrites it atomically while holding `.index.lock`, so processes saving at the same time lose no
 * entry; `session.json` in each session folder stays the source of truth (see {@link SessionStore.list}).
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../events/atomic-write.js';
import { withFileLock } from './file-lock.js';
import type { SessionInfo } from './types.js';

/** One entry of the index: a session's summary without its stored config. */
export type SessionSummary = Omit<SessionInfo, 'config'>;

interface IndexFile {
  version: 1;
  sessions: SessionSummary[];
}

export const INDEX_FILE = 'index.json';
/** The lock file held while the index is read, changed and rewritten. */
export const INDEX_LOCK = '.index.lock';

/** The summary of a session as kept in the index. */
export function toSummary(info: SessionInfo): SessionSummary {
  const { config: _config, ...summary } = info;
  return summary;
}

/** Most recently updated first (ties: the later id first). */
export function sortByRecency<T extends { updated: string; session_id: string }>(items: T[]): T[] {
  return items.sort((a, b) => b.updated.localeCompare(a.updated) || b.session_id.localeCompare(a.session_id));
}

/** The index entries, or undefined when the file is missing or unreadable. */
export async function readIndex(root: string): Promise<SessionSummary[] | undefined> {
  try {
    const parsed = JSON.parse(await readFile(join(root, INDEX_FILE), 'utf8')) as Partial<IndexFile>;
    if (!Array.isArray(parsed.sessions)) return undefined;
    return parsed.sessions.filter(
      (s): s is SessionSummary => typeof s?.session_id === 'string' && typeof s.updated === 'string',
    );
  } catch {
    return undefined;
  }
}

/** Replaces the index with these entries (sorted most recent first). */
export async function writeIndex(root: string, sessions: SessionSummary[]): Promise<void> {
  const file: IndexFile = { version: 1, sessions: sortByRecency([...sessions]) };
  await writeFileAtomic(join(root, INDEX_FILE), `${JSON.stringify(file, null, 2)}\n`);
}

/**
 * Changes the index under its lock: `change` gets the entries as they are now (undefined when the
 * file is missing or unreadable) and returns the new ones, or undefined to leave the file as it is.
 */
export async function updateIndex(
  root: string,
  change: (current: SessionSummary[] | undefined) => Promise<SessionSummary[] | undefined>,
): Promise<void> {
  await withFileLock(join(root, INDEX_LOCK), async () => {
    const next = await change(await readIndex(root));
    if (next) await writeIndex(root, next);
  });
}

/** Adds or replaces one session's entry. */
export async function upsertIndex(root: string, info: SessionInfo): Promise<void> {
  await updateIndex(root, async (current) => [
    ...(current ?? []).filter((s) => s.session_id !== info.session_id),
    toSummary(info),
  ]);
}
