/** `massgen --list-sessions [--json]`: the saved sessions of the working directory, most recent first. */
import type { SessionStore } from '../sessions/store.js';
import type { SessionInfo } from '../sessions/types.js';
import { oneLine, terminalJson, terminalText } from '../ui/terminal-text.js';
import { EXIT } from './exit-codes.js';

/** `YYYY-MM-DD HH:MM` in local time. */
function shortTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

/** A saved question on one line of at most `max` characters, its control characters shown. */
function shortLine(text: string, max: number): string {
  const flat = oneLine(text);
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/** A table of sessions; `current` is marked with `*`. */
export function formatSessionList(sessions: SessionInfo[], root: string, current?: string): string {
  if (sessions.length === 0) return `No saved sessions in ${root}.\n`;
  const idWidth = Math.max(7, ...sessions.map((s) => s.session_id.length));
  const header = `  ${'SESSION'.padEnd(idWidth)}  TURNS  UPDATED           FIRST QUESTION`;
  const rows = sessions.map((s) => {
    const mark = s.session_id === current ? '* ' : '  ';
    const turns = String(s.turns).padStart(5);
    return `${mark}${s.session_id.padEnd(idWidth)}  ${turns}  ${shortTime(s.updated)}  ${shortLine(s.description, 60)}`;
  });
  return terminalText(`${[header, ...rows].join('\n')}\n`);
}

/** Prints the sessions (a table, or JSON with each session's folder) and returns the exit code. */
export async function listSessionsCommand(
  store: SessionStore,
  json: boolean,
  write: (text: string) => void = (t) => process.stdout.write(t),
): Promise<number> {
  const sessions = await store.list();
  if (json) {
    const entries = sessions.map((s) => ({ ...s, path: store.dirOf(s.session_id) }));
    write(`${terminalJson(entries)}\n`);
    return EXIT.ok;
  }
  write(formatSessionList(sessions, store.root));
  if (sessions.length > 0) {
    write('\nContinue the latest with `massgen --continue`, another with `massgen --session-id ID`.\n');
  }
  return EXIT.ok;
}
