/**
 * Replaying a recorded run: find its `events.jsonl` (a file, a turn folder, a run folder `log_*`
 * — its latest `turn_*` — or a logs root — its latest run; `@examples/NAME` for packaged
 * recordings), read it line by line and check every line, and play the events back with their
 * original timing. Recordings of every event format version replay (see `run-start.schemaVersion`).
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { type FileHandle, open } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { EXAMPLES_PREFIX, examplesDir } from '../config/examples.js';
import { errorText } from '../error-text.js';
import { MassGenError } from '../errors.js';
import type { CoordinationEvent } from './types.js';

/** A recording that cannot be replayed: missing, unreadable or corrupt (exit code 1). */
export class ReplayError extends MassGenError {
  override readonly exitCode = 1;
  /** The file (or folder) concerned; the 1-based line for a corrupt line. */
  readonly file: string;
  readonly line?: number;

  constructor(message: string, file: string, line?: number) {
    super(message);
    this.file = file;
    this.line = line;
  }
}

const EVENTS_FILE = 'events.jsonl';

/** The `events.jsonl` a replay target names (relative paths from `cwd`). Throws {@link ReplayError}. */
export function resolveEventLog(target: string, cwd = process.cwd()): string {
  const start = target.startsWith(EXAMPLES_PREFIX)
    ? path.join(examplesDir(), target.slice(EXAMPLES_PREFIX.length))
    : path.resolve(cwd, target);
  if (!existsSync(start)) throw new ReplayError(`cannot replay ${start}: no such file or folder`, start);
  let dir = start;
  for (let depth = 0; depth < 3; depth++) {
    if (!statSync(dir).isDirectory()) return dir;
    const file = path.join(dir, EVENTS_FILE);
    if (existsSync(file)) return file;
    const next = latestChild(dir, /^turn_(\d+)$/) ?? latestChild(dir, /^log_\d{8}_\d{6}_\d{6}$/);
    if (!next) break;
    dir = next;
  }
  throw new ReplayError(
    `cannot replay ${start}: no ${EVENTS_FILE} in it (give a log folder, a run folder log_*/ or an ${EVENTS_FILE} file)`,
    start,
  );
}

/** The sub-folder matching `pattern` with the highest number (turn_N) or latest name (log_<ts>). */
function latestChild(dir: string, pattern: RegExp): string | undefined {
  const names = readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && pattern.test(d.name))
    .map((d) => d.name);
  const key = (name: string) => {
    const m = /^turn_(\d+)$/.exec(name);
    return m ? Number(m[1]).toString().padStart(12, '0') : name;
  };
  names.sort((a, b) => (key(a) < key(b) ? -1 : 1));
  const last = names[names.length - 1];
  return last === undefined ? undefined : path.join(dir, last);
}

/** Reads and checks a whole recording. Throws {@link ReplayError} naming the file and the bad line. */
export async function readEventLog(file: string): Promise<CoordinationEvent[]> {
  const events: CoordinationEvent[] = [];
  for await (const event of streamEventLog(file)) events.push(event);
  return events;
}

/**
 * Reads a recording as a stream, line by line, checking each line as it comes: the file is never
 * held in memory whole. Throws {@link ReplayError} naming the file and the bad line, or saying the
 * file is unreadable or holds no events.
 */
export async function* streamEventLog(file: string): AsyncGenerator<CoordinationEvent> {
  let handle: FileHandle;
  try {
    handle = await open(file, 'r');
  } catch (error) {
    throw new ReplayError(`cannot read ${file}: ${readFailure(error)}`, file);
  }
  const lines = createInterface({
    input: handle.createReadStream({ encoding: 'utf8' }),
    crlfDelay: Infinity,
  });
  let number = 0;
  let count = 0;
  try {
    for await (const line of lines) {
      const event = parseLine(line, ++number, file);
      if (event === undefined) continue;
      count++;
      yield event;
    }
  } catch (error) {
    if (error instanceof ReplayError) throw error;
    throw new ReplayError(`cannot read ${file}: ${readFailure(error)}`, file);
  } finally {
    lines.close();
    await handle.close().catch(() => {});
  }
  if (count === 0) throw new ReplayError(`${file}: no events to replay (the file is empty)`, file);
}

function readFailure(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  return code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a folder' : errorText(error);
}

/** Parses JSON Lines of events; blank lines are skipped. */
export function parseEventLog(text: string, file: string): CoordinationEvent[] {
  const events: CoordinationEvent[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const event = parseLine(lines[i]!, i + 1, file);
    if (event !== undefined) events.push(event);
  }
  if (events.length === 0) throw new ReplayError(`${file}: no events to replay (the file is empty)`, file);
  return events;
}

/** One line of a recording: its event, or undefined for a blank line. */
function parseLine(text: string, number: number, file: string): CoordinationEvent | undefined {
  const line = text.trim();
  if (line === '') return undefined;
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (error) {
    const reason = errorText(error);
    throw new ReplayError(`${file}: line ${number} is not valid JSON (${reason})`, file, number);
  }
  if (!isEvent(value)) {
    throw new ReplayError(
      `${file}: line ${number} is not a coordination event (it needs "type", "seq" and "ts")`,
      file,
      number,
    );
  }
  return value;
}

function isEvent(value: unknown): value is CoordinationEvent {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const v = value as Record<string, unknown>;
  return typeof v.type === 'string' && typeof v.seq === 'number' && typeof v.ts === 'number';
}

/** A replay in progress: its virtual clock and the playing itself. */
export interface Playback {
  /** The recording's time now: the first event's timestamp plus the elapsed time × speed. */
  now(): number;
  /**
   * Hands every event to `onEvent` at its original time divided by the speed (speed 0: at once).
   * Resolves true when all were played, false when `signal` stopped it.
   */
  play(onEvent: (event: CoordinationEvent) => void, signal?: AbortSignal): Promise<boolean>;
}

/** Prepares a replay of `events` at `speed` (2 = twice as fast, 0 = as fast as possible). */
export function createPlayback(events: readonly CoordinationEvent[], speed: number): Playback {
  const first = events[0]?.ts ?? 0;
  const last = events[events.length - 1]?.ts ?? first;
  let startedAt: number | undefined;
  let played = 0;
  const at = (i: number) => Math.max(0, events[i]!.ts - first);

  return {
    now() {
      if (startedAt === undefined) return first;
      if (speed === 0) return played > 0 ? events[played - 1]!.ts : first;
      return Math.min(last, first + (Date.now() - startedAt) * speed);
    },
    play(onEvent, signal) {
      startedAt = Date.now();
      return new Promise<boolean>((resolve) => {
        let timer: NodeJS.Timeout | undefined;
        const stop = () => {
          if (timer) clearTimeout(timer);
          resolve(false);
        };
        if (signal?.aborted) return stop();
        signal?.addEventListener('abort', stop, { once: true });
        const step = () => {
          if (signal?.aborted) return;
          const elapsed = speed === 0 ? Number.POSITIVE_INFINITY : (Date.now() - startedAt!) * speed;
          // Everything due now, then sleep until the next one (yielding between bursts at speed 0).
          let burst = 0;
          while (played < events.length && at(played) <= elapsed && burst < 500) {
            onEvent(events[played++]!);
            burst++;
          }
          if (played >= events.length) {
            signal?.removeEventListener('abort', stop);
            resolve(true);
            return;
          }
          const wait = speed === 0 ? 0 : Math.max(0, (at(played) - elapsed) / speed);
          timer = setTimeout(step, wait);
        };
        step();
      });
    },
  };
}
