/**
 * `results.jsonl`: each finished task × system appended as one line at once, so a crash loses only
 * the runs under way; reading it back drops a last line cut short by a crash.
 */
import { appendFileSync, existsSync, readFileSync, truncateSync } from 'node:fs';
import type { ResultLine } from './result-line.js';

/** Appends one result line. */
export function appendResult(file: string, line: ResultLine): void {
  appendFileSync(file, `${JSON.stringify(line)}\n`);
}

/**
 * The result lines of a file (none when it does not exist). A last line without its newline (the
 * process was killed while writing it) is cut off the file, so the next append starts a clean line.
 */
export function readResults(file: string): ResultLine[] {
  if (!existsSync(file)) return [];
  let text = readFileSync(file, 'utf8');
  if (text !== '' && !text.endsWith('\n')) {
    const end = text.lastIndexOf('\n') + 1;
    truncateSync(file, Buffer.byteLength(text.slice(0, end)));
    text = text.slice(0, end);
  }
  const lines: ResultLine[] = [];
  for (const raw of text.split('\n')) {
    if (raw.trim() === '') continue;
    try {
      lines.push(JSON.parse(raw) as ResultLine);
    } catch {
      // A line that is not JSON is not a result: its task × system runs again.
    }
  }
  return lines;
}
