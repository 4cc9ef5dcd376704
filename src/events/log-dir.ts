/**
 * Log folder naming and creation, compatible with MassGen's layout:
 * `<root>/log_YYYYMMDD_HHMMSS_ffffff/turn_N/[attempt_K/]` (root is normally `<cwd>/.massgen/massgen_logs`).
 */
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';

let lastMs = Number.NaN;
let sameMsCounter = 0;

/**
 * A MassGen log timestamp, `YYYYMMDD_HHMMSS_ffffff` in local time.
 *
 * JavaScript clocks have millisecond resolution, so the microsecond field is `ms * 1000` plus a
 * per-process counter that grows while consecutive calls fall in the same millisecond: names made in
 * one process within one millisecond are still distinct (up to 1000 of them).
 */
export function logTimestamp(date: Date = new Date()): string {
  const ms = date.getTime();
  if (ms === lastMs) {
    sameMsCounter = Math.min(sameMsCounter + 1, 999);
  } else {
    lastMs = ms;
    sameMsCounter = 0;
  }
  const micros = date.getMilliseconds() * 1000 + sameMsCounter;
  const day = `${date.getFullYear()}${pad(date.getMonth() + 1, 2)}${pad(date.getDate(), 2)}`;
  const time = `${pad(date.getHours(), 2)}${pad(date.getMinutes(), 2)}${pad(date.getSeconds(), 2)}`;
  return `${day}_${time}_${pad(micros, 6)}`;
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

/** Options of {@link createRunLogDir} and {@link createTurnLogDir}. */
export interface LogDirOptions {
  /** 1-based turn number; default 1. */
  turn?: number;
  /** 1-based orchestration attempt; when given, files go to `turn_N/attempt_K/`. */
  attempt?: number;
}

/** Folders of one run, all absolute. */
export interface RunLogDir {
  /** `<root>/log_<timestamp>`. */
  runDir: string;
  /** Where this turn's (or attempt's) files go: `<runDir>/turn_N[/attempt_K]`. */
  turnDir: string;
  /** `log_<timestamp>`: the run id and `status.json`'s `session_id`. */
  runId: string;
}

/**
 * Creates a fresh `<root>/log_<timestamp>/turn_<N>[/attempt_<K>]/` and returns its paths.
 * If another process already took the name, a new timestamp is tried.
 */
export async function createRunLogDir(
  root: string,
  options: LogDirOptions & { date?: Date } = {},
): Promise<RunLogDir> {
  const absRoot = resolve(root);
  await mkdir(absRoot, { recursive: true });
  const date = options.date ?? new Date();
  for (let tries = 0; ; tries++) {
    const runId = `log_${logTimestamp(date)}`;
    const runDir = join(absRoot, runId);
    try {
      await mkdir(runDir);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'EEXIST' && tries < 1000) continue;
      throw err;
    }
    const turnDir = await createTurnLogDir(runDir, options);
    return { runDir, turnDir, runId };
  }
}

/**
 * Creates (or reuses) `<runDir>/turn_<N>[/attempt_<K>]/` inside a run folder. Returns the absolute
 * path. For a turn other processes may log to as well, use {@link claimTurnLogDir}.
 */
export async function createTurnLogDir(runDir: string, options: LogDirOptions = {}): Promise<string> {
  const turn = options.turn ?? 1;
  const parts = [resolve(runDir), `turn_${turn}`];
  if (options.attempt !== undefined) parts.push(`attempt_${options.attempt}`);
  const dir = join(...parts);
  await mkdir(dir, { recursive: true });
  return dir;
}

/**
 * Claims a fresh turn folder inside a run folder (created if missing), e.g. for the next turn of a
 * resumed session: the first `<runDir>/turn_<K>/` with K ≥ `fromTurn` that does not exist, created
 * exclusively, so runs continuing one session at the same time each get their own folder.
 */
export async function claimTurnLogDir(
  runDir: string,
  fromTurn = 1,
): Promise<{ turnDir: string; turn: number }> {
  const absRunDir = resolve(runDir);
  await mkdir(absRunDir, { recursive: true });
  for (let turn = Math.max(1, Math.floor(fromTurn)); ; turn++) {
    const turnDir = join(absRunDir, `turn_${turn}`);
    try {
      await mkdir(turnDir);
      return { turnDir, turn };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST' || turn - fromTurn > 100_000) throw err;
    }
  }
}

/**
 * Makes an agent id safe as one path segment: path separators, characters Windows forbids and
 * control characters become `_`, and `.`/`..` are replaced. Ordinary ids are unchanged.
 */
export function safePathSegment(name: string): string {
  const cleaned = name.replace(/[/\\:*?"<>|\u0000-\u001f]/g, '_');
  if (cleaned === '' || cleaned === '.' || cleaned === '..') return cleaned.replace(/\./g, '_') || '_';
  return cleaned;
}
