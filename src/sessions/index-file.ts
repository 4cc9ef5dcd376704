/**
 * `.massgen/sessions/index.json`: one summary line per session, most recently updated first, so
 * listing sessions and finding the latest one reads one file. Rewritten atomically; `session.json`
 * in each session folder stays the source of truth (see {@link SessionStore.list}).
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../events/atomic-write.js';
import type { SessionInfo } from './types.js';

/** One entry of the index: a session's summary without its stored config. */
export type SessionSummary = Omit<SessionInfo, 'config'>;

interface IndexFile {
  version: 1;
  sessions: SessionSummary[];
}

export const INDEX_FILE = 'index.json';

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

/** Adds or replaces one session's entry. */
export async function upsertIndex(root: string, info: SessionInfo): Promise<void> {
  const current = (await readIndex(root)) ?? [];
  const others = current.filter((s) => s.session_id !== info.session_id);
  await writeIndex(root, [...others, toSummary(info)]);
}
