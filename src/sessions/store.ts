/**
 * The session store: `.massgen/sessions/<session_id>/` folders (MassGen's layout), their
 * `session.json` and the `index.json` of all sessions.
 *
 * A turn is written only once it completed: `turn_N/answer.txt`, then `turn_N/metadata.json` (its
 * presence is what makes the turn count), then `session.json` and the index. A process killed
 * mid-turn therefore leaves every earlier turn intact and the session resumable.
 *
 * Several processes may save turns of one session at the same time: a turn is numbered and written,
 * and `session.json` re-read and rewritten, while holding the session's lock file (`.session.lock`),
 * so each completed turn gets its own `turn_N` and no update is lost.
 */
import { mkdir, readdir, readFile, rmdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { ConfigError } from '../errors.js';
import { writeFileAtomic } from '../events/atomic-write.js';
import type { HistoryMessage } from '../types/history.js';
import { withFileLock } from './file-lock.js';
import {
  readIndex,
  type SessionSummary,
  sortByRecency,
  toSummary,
  updateIndex,
  upsertIndex,
} from './index-file.js';
import { formatSessionId, isValidSessionId } from './session-id.js';
import type { SessionInfo, SessionTurn, TurnInput, TurnMetadata } from './types.js';

/** A session id that names no saved session (CLI exit code 1). */
export class SessionNotFoundError extends ConfigError {
  readonly sessionId: string;

  constructor(sessionId: string, root: string) {
    super(
      `Unknown session "${sessionId}": no saved session of that id in ${root}. ` +
        'List the sessions with: massgen --list-sessions',
    );
    this.sessionId = sessionId;
  }
}

const TURN_DIR = /^turn_(\d+)$/;
/** The lock file held in a session folder while a turn is saved. */
export const SESSION_LOCK = '.session.lock';

function isErrno(error: unknown, code: string): boolean {
  return (error as NodeJS.ErrnoException | undefined)?.code === code;
}

async function readJson(file: string): Promise<unknown> {
  try {
    return JSON.parse(await readFile(file, 'utf8'));
  } catch {
    return undefined;
  }
}

async function writeJson(file: string, value: unknown): Promise<void> {
  await writeFileAtomic(file, `${JSON.stringify(value, null, 2)}\n`);
}

function isSessionInfo(value: unknown): value is SessionInfo {
  const v = value as Partial<SessionInfo> | undefined;
  return typeof v?.session_id === 'string' && typeof v.updated === 'string' && typeof v.turns === 'number';
}

function isTurnMetadata(value: unknown): value is TurnMetadata {
  const v = value as Partial<TurnMetadata> | undefined;
  return typeof v?.turn === 'number' && typeof v.task === 'string';
}

/** Sessions saved under one folder (normally `<cwd>/.massgen/sessions`). */
export class SessionStore {
  /** Absolute path of the sessions folder. */
  readonly root: string;

  constructor(root: string) {
    this.root = resolve(root);
  }

  /** The store of a working directory: `<cwd>/.massgen/sessions`. */
  static inDirectory(cwd: string = process.cwd()): SessionStore {
    return new SessionStore(join(cwd, '.massgen', 'sessions'));
  }

  /** The folder of a session. */
  dirOf(sessionId: string): string {
    return join(this.root, sessionId);
  }

  /**
   * Creates the folder of a new session and returns its id: `id` when given (an existing folder is
   * reused), else a fresh `session_YYYYMMDD_HHMMSS[_K]` no other session has.
   */
  async reserve(options: { id?: string; date?: Date } = {}): Promise<string> {
    await mkdir(this.root, { recursive: true });
    if (options.id !== undefined) {
      if (!isValidSessionId(options.id)) {
        throw new ConfigError(
          `Invalid session id "${options.id}": use letters, digits, ".", "_" and "-" only.`,
        );
      }
      await mkdir(this.dirOf(options.id), { recursive: true });
      return options.id;
    }
    const base = formatSessionId(options.date);
    for (let n = 1; ; n++) {
      const id = n === 1 ? base : `${base}_${n}`;
      try {
        await mkdir(this.dirOf(id));
        return id;
      } catch (error) {
        if (!isErrno(error, 'EEXIST') || n >= 10_000) throw error;
      }
    }
  }

  /** Removes a reserved session folder that never got a turn (no-op otherwise). */
  async releaseIfEmpty(sessionId: string): Promise<void> {
    await rmdir(this.dirOf(sessionId)).catch(() => {});
  }

  /** A saved session, or undefined (also for ids that cannot name a session). */
  async get(sessionId: string): Promise<SessionInfo | undefined> {
    if (!isValidSessionId(sessionId)) return undefined;
    const info = await readJson(join(this.dirOf(sessionId), 'session.json'));
    // A session.json naming another session (copied or edited) does not count: the folder names it.
    return isSessionInfo(info) && info.session_id === sessionId ? info : undefined;
  }

  /** A saved session; throws {@link SessionNotFoundError} when there is none of that id. */
  async require(sessionId: string): Promise<SessionInfo> {
    const info = await this.get(sessionId);
    if (!info) throw new SessionNotFoundError(sessionId, this.root);
    return info;
  }

  /**
   * Every saved session, most recently updated first. Read from the index; session folders the
   * index does not know (e.g. written by a process that crashed before updating it) are added, and
   * entries whose folder is gone are dropped, and the index is repaired.
   */
  async list(): Promise<SessionInfo[]> {
    let names: string[];
    try {
      const entries = await readdir(this.root, { withFileTypes: true });
      names = entries.filter((e) => e.isDirectory()).map((e) => e.name);
    } catch (error) {
      if (isErrno(error, 'ENOENT')) return [];
      throw error;
    }
    let found = await this.reconcile(await readIndex(this.root), names);
    if (found.changed) {
      // Repaired under the index's lock, from the index as it is then: no concurrent update is lost.
      await updateIndex(this.root, async (current) => {
        found = await this.reconcile(current, names);
        return found.changed && (current !== undefined || found.sessions.length > 0)
          ? found.sessions
          : undefined;
      }).catch(() => {});
    }
    return sortByRecency(found.sessions);
  }

  /** The sessions of the folders `names`: their index entry, else their `session.json`. */
  private async reconcile(
    index: SessionSummary[] | undefined,
    names: string[],
  ): Promise<{ sessions: SessionSummary[]; changed: boolean }> {
    const known = new Map((index ?? []).map((s) => [s.session_id, s]));
    const present = new Set(names);
    let changed = index === undefined || [...known.keys()].some((id) => !present.has(id));
    const sessions: SessionSummary[] = [];
    for (const name of names) {
      const entry = known.get(name);
      if (entry) {
        sessions.push(entry);
        continue;
      }
      const info = await this.get(name);
      if (info) {
        sessions.push(toSummary(info));
        changed = true;
      }
    }
    return { sessions, changed };
  }

  /** The most recently updated session, if any. */
  async latest(): Promise<SessionInfo | undefined> {
    const [first] = await this.list();
    return first && ((await this.get(first.session_id)) ?? first);
  }

  /** The completed turns of a session, in order. Unfinished turn folders are skipped. */
  async turns(sessionId: string): Promise<SessionTurn[]> {
    let names: string[];
    try {
      names = await readdir(this.dirOf(sessionId));
    } catch (error) {
      if (isErrno(error, 'ENOENT')) return [];
      throw error;
    }
    const numbered = names
      .map((name) => ({ name, n: Number(TURN_DIR.exec(name)?.[1] ?? Number.NaN) }))
      .filter((t) => Number.isInteger(t.n))
      .sort((a, b) => a.n - b.n);
    const turns: SessionTurn[] = [];
    for (const { name } of numbered) {
      const dir = join(this.dirOf(sessionId), name);
      const metadata = await readJson(join(dir, 'metadata.json'));
      if (!isTurnMetadata(metadata)) continue;
      try {
        turns.push({ ...metadata, answer: await readFile(join(dir, 'answer.txt'), 'utf8') });
      } catch {
        // an answer file that cannot be read makes the turn incomplete
      }
    }
    return turns;
  }

  /** The conversation so far: the question and final answer of every completed turn. */
  async history(sessionId: string): Promise<HistoryMessage[]> {
    return (await this.turns(sessionId)).flatMap((t): HistoryMessage[] => [
      { role: 'user', content: t.task },
      { role: 'assistant', content: t.answer },
    ]);
  }

  /**
   * Saves a completed turn as the session's next turn; creates `session.json` on the first one.
   * Holds the session's lock throughout, so turns saved at the same time get distinct numbers.
   */
  recordTurn(sessionId: string, input: TurnInput): Promise<{ turn: number; info: SessionInfo }> {
    return withFileLock(join(this.dirOf(sessionId), SESSION_LOCK), () => this.writeTurn(sessionId, input));
  }

  private async writeTurn(sessionId: string, input: TurnInput): Promise<{ turn: number; info: SessionInfo }> {
    const done = await this.turns(sessionId);
    const turn = (done.at(-1)?.turn ?? 0) + 1;
    const timestamp = (input.date ?? new Date()).toISOString();
    const dir = join(this.dirOf(sessionId), `turn_${turn}`);
    await mkdir(dir, { recursive: true });
    await writeFileAtomic(join(dir, 'answer.txt'), input.answer);
    const metadata: TurnMetadata = {
      turn,
      timestamp,
      winning_agent: input.winningAgent ?? null,
      task: input.task,
      session_id: sessionId,
      log_dir: input.logDir ?? null,
      status: input.status,
    };
    await writeJson(join(dir, 'metadata.json'), metadata);

    const previous = await this.get(sessionId);
    const info: SessionInfo = {
      session_id: sessionId,
      created: previous?.created ?? timestamp,
      updated: timestamp,
      config_path: input.configPath ?? previous?.config_path ?? null,
      turns: turn,
      description: previous?.description ?? done[0]?.task ?? input.task,
      log_dir: input.runDir ?? previous?.log_dir ?? null,
    };
    const config = input.configPath !== undefined ? input.config : (input.config ?? previous?.config);
    if (config !== undefined) info.config = config;
    await writeJson(join(this.dirOf(sessionId), 'session.json'), info);
    await upsertIndex(this.root, info);
    return { turn, info };
  }
}
