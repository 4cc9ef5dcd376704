/**
 * A multi-turn conversation bound to a saved session: each question runs with the earlier turns as
 * history, logs to the session's run folder (`log_<ts>/turn_N/`), and is saved as the session's
 * next turn once it has a final answer. Used by single runs, `--continue` and interactive mode.
 *
 * Other processes may run turns of the same session at the same time. A turn's history is the
 * session's turns saved before it starts (whoever saved them); turns still running elsewhere are not
 * in it. Each turn logs to a `turn_K/` folder of its own, and is saved under the next free number
 * once it ends, so concurrent turns never overwrite each other.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { MassGenConfig } from '../config/schema.js';
import { errorText } from '../error-text.js';
import { ConfigError } from '../errors.js';
import type { RunOptions, RunOutcome } from '../run/run-options.js';
import type { HistoryMessage } from '../types/history.js';
import { formatSessionId } from './session-id.js';
import type { SessionStore } from './store.js';
import type { SessionInfo, SessionTurn } from './types.js';

/** The question and final answer of each turn, oldest first. */
function historyOf(turns: readonly SessionTurn[]): HistoryMessage[] {
  return turns.flatMap((t): HistoryMessage[] => [
    { role: 'user', content: t.task },
    { role: 'assistant', content: t.answer },
  ]);
}

/** Where the session's config came from, saved in `session.json`. */
export interface ConfigSource {
  /** The config file, or a description such as `command-line config`. */
  configPath: string | null;
  /** The config itself when it is not a file (secrets redacted), so a resumed session can rebuild it. */
  config?: unknown;
}

/** Options of {@link Conversation.ask}: those of `runConfig` that the conversation does not set. */
export type AskOptions = Omit<RunOptions, 'question' | 'history' | 'logDir'>;

/** How a question went. */
export interface TurnResult {
  outcome: RunOutcome;
  /** The session turn number it was saved as; undefined when it was not saved (no final answer). */
  turn?: number;
  /** Why a turn with a final answer could not be saved (e.g. a read-only folder); the answer itself stands. */
  saveError?: string;
}

type Runner = (config: MassGenConfig, options: RunOptions) => Promise<RunOutcome>;

/**
 * The next `turn_K` (K ≥ `turn`) that does not exist yet in `runDir`: an interrupted turn's logs are
 * kept. A hint only: the log folder is claimed exclusively when the run opens it (see openLogDir).
 */
function freeLogTurn(runDir: string, turn: number): number {
  let k = turn;
  while (existsSync(join(runDir, `turn_${k}`))) k++;
  return k;
}

/** Reserves a session folder; one that cannot be written must not stop the run (saving will warn). */
async function reserve(store: SessionStore, id?: string): Promise<string> {
  try {
    return await store.reserve({ id });
  } catch (error) {
    if (ConfigError.isInstance(error)) throw error; // an unusable name is the user's to fix
    return id ?? formatSessionId();
  }
}

export class Conversation {
  readonly store: SessionStore;
  /** The current session's id (changes on {@link reset}). */
  sessionId: string;
  /** Question and final answer of every turn, oldest first: those saved, then those this conversation could not save. */
  history: HistoryMessage[];
  /** Number of saved turns. */
  turns: number;
  /** The run log folder turns log to, once known. */
  runDir: string | undefined;
  source: ConfigSource;
  /** Whether the current session was resumed rather than started by this conversation. */
  resumed: boolean;
  private readonly runner: Runner | undefined;
  /** This conversation's turns that have a final answer but could not be saved, oldest first. */
  private unsaved: HistoryMessage[] = [];

  private constructor(
    store: SessionStore,
    init: {
      sessionId: string;
      history: HistoryMessage[];
      turns: number;
      runDir?: string;
      source: ConfigSource;
      resumed: boolean;
      runner?: Runner;
    },
  ) {
    this.store = store;
    this.sessionId = init.sessionId;
    this.history = init.history;
    this.turns = init.turns;
    this.runDir = init.runDir;
    this.source = init.source;
    this.resumed = init.resumed;
    this.runner = init.runner;
  }

  /** A new session (`id` for a named one, e.g. YAML `session_id`); its folder is reserved now. */
  static async start(
    store: SessionStore,
    source: ConfigSource,
    options: { id?: string; runner?: Runner } = {},
  ): Promise<Conversation> {
    const sessionId = await reserve(store, options.id);
    return new Conversation(store, {
      sessionId,
      history: [],
      turns: 0,
      source,
      resumed: false,
      runner: options.runner,
    });
  }

  /** Continues a saved session: its turns become the history; logs go to its run folder if it still exists. */
  static async resume(
    store: SessionStore,
    info: SessionInfo,
    source: ConfigSource,
    options: { runner?: Runner } = {},
  ): Promise<Conversation> {
    const turns = await store.turns(info.session_id);
    return new Conversation(store, {
      sessionId: info.session_id,
      history: historyOf(turns),
      turns: turns.at(-1)?.turn ?? 0,
      runDir: info.log_dir && existsSync(info.log_dir) ? info.log_dir : undefined,
      source,
      resumed: true,
      runner: options.runner,
    });
  }

  /**
   * Runs `question` as the next turn with the history so far. Saves it when it ends with a final
   * answer — also when it was interrupted after presenting it (during post-evaluation); otherwise
   * nothing is saved and the history is unchanged.
   */
  async ask(config: MassGenConfig, question: string, options: AskOptions = {}): Promise<TurnResult> {
    await this.refresh();
    const turn = this.turns + 1;
    const logDir = this.runDir ? { runDir: this.runDir, turn: freeLogTurn(this.runDir, turn) } : { turn };
    const run = this.runner ?? (await import('../run/run-config.js')).runConfig;
    const outcome = await run(config, {
      ...options,
      question,
      history: [...this.history],
      logDir,
      sessionId: options.sessionId ?? this.sessionId,
      metadata: { ...options.metadata, session_id: this.sessionId, session_turn: turn },
    });
    if (outcome.runDir) this.runDir = outcome.runDir;
    if (outcome.finalAnswer === undefined) return { outcome };
    const exchange: HistoryMessage[] = [
      { role: 'user', content: question },
      { role: 'assistant', content: outcome.finalAnswer },
    ];
    this.history.push(...exchange);
    try {
      const saved = await this.store.recordTurn(this.sessionId, {
        task: question,
        answer: outcome.finalAnswer,
        winningAgent: outcome.winner,
        status: outcome.status,
        logDir: outcome.logDir,
        runDir: this.runDir,
        configPath: this.source.configPath,
        config: this.source.config,
      });
      this.turns = saved.turn;
      return { outcome, turn: saved.turn };
    } catch (error) {
      // The conversation goes on in memory; only its saved copy is missing.
      this.unsaved.push(...exchange);
      this.turns++;
      return { outcome, saveError: errorText(error) };
    }
  }

  /**
   * Reloads the session's saved turns, which other processes may have added since; the turns this
   * conversation could not save follow them. When the store cannot be read, the history stays as it is.
   */
  private async refresh(): Promise<void> {
    let saved: SessionTurn[];
    try {
      saved = await this.store.turns(this.sessionId);
    } catch {
      return;
    }
    this.history = [...historyOf(saved), ...this.unsaved];
    this.turns = Math.max(this.turns, saved.at(-1)?.turn ?? 0);
  }

  /** Clears the history and starts a new session (the old one stays saved). */
  async reset(): Promise<void> {
    await this.close();
    this.sessionId = await reserve(this.store);
    this.history = [];
    this.unsaved = [];
    this.turns = 0;
    this.runDir = undefined;
    this.resumed = false;
  }

  /** Removes the session's folder if no turn was ever saved in it. */
  async close(): Promise<void> {
    if (this.turns === 0) await this.store.releaseIfEmpty(this.sessionId);
  }
}
