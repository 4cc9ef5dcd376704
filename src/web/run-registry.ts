/**
 * The runs of the server: each started with `streamRun` in this process, several at once, each
 * logging to its own folder exactly as the CLI does (a session's `log_<ts>/turn_N/`, saved as the
 * session's next turn), kept here while it runs so clients can follow and cancel it.
 */
import type { ResolvedConfig } from '../cli/resolve-config.js';
import { configSource } from '../cli/session-start.js';
import type { MassGenConfig } from '../config/schema.js';
import { createRedactor } from '../events/redaction.js';
import type { CoordinationEvent } from '../events/types.js';
import type { RunOptions, RunOutcome } from '../run/run-options.js';
import { type RunStream, streamRun } from '../run/stream-run.js';
import { Conversation } from '../sessions/conversation.js';
import { SessionStore } from '../sessions/store.js';
import type { HistoryMessage } from '../types/history.js';
import type { ApprovalBroker } from './approvals.js';
import { LiveRun, publicEvent } from './live-run.js';
import { runIdOfTurnDir } from './run-id.js';

/** Ended runs without a log folder kept in memory (the oldest are forgotten). */
const KEPT_UNLOGGED = 100;

/** Where runs run. */
export interface RunRegistryOptions {
  /** The working directory of every run (log folder, sessions, workspaces). */
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Answers the runs' approval requests. */
  approvals: ApprovalBroker;
  /** Home folder of the runs (policy and audit files); default the user's. */
  homeDir?: string;
  /**
   * Events of a logging run kept in memory (default LIVE_EVENT_WINDOW); clients that need older
   * ones get them from the run's `events.jsonl`.
   */
  eventWindow?: number;
}

/** What to run. */
export interface StartRequest {
  resolved: ResolvedConfig;
  question: string;
  /** Continue this saved session (its turns are the history). */
  sessionId?: string;
  /**
   * The conversation so far, given by the caller (the OpenAI-compatible endpoint): the run is then
   * not a session turn.
   */
  history?: HistoryMessage[];
  /** Files for every agent (the uploads' paths). */
  attachments?: string[];
}

/** A started run. */
export interface StartedRun {
  run: LiveRun;
  sessionId?: string;
}

export class RunRegistry {
  private readonly runs = new Map<string, LiveRun>();
  private readonly settling = new Set<Promise<unknown>>();
  /** Every run started and not settled, also those still opening their log folder. */
  private readonly streams = new Set<RunStream>();
  private readonly options: RunRegistryOptions;

  constructor(options: RunRegistryOptions) {
    this.options = options;
  }

  /** A run this server holds (under way, or ended without a log folder). */
  get(id: string): LiveRun | undefined {
    return this.runs.get(id);
  }

  /** Every run this server holds, newest first. */
  list(): LiveRun[] {
    return [...this.runs.values()].reverse();
  }

  /**
   * Starts a run; resolves once it has its id (its log folder exists), rejects with the error that
   * kept it from starting (a ConfigError for a bad config or a missing key, an unknown session).
   */
  async start(request: StartRequest): Promise<StartedRun> {
    const { resolved } = request;
    const redactor = createRedactor({ env: this.options.env, config: [resolved.raw, resolved.config] });
    let stream: RunStream | undefined;
    let live: LiveRun | undefined;
    const early: CoordinationEvent[] = [];
    let opened!: (run: LiveRun) => void;
    let failed!: (error: unknown) => void;
    const ready = new Promise<LiveRun>((resolve, reject) => {
      opened = resolve;
      failed = reject;
    });
    let sessionId: string | undefined;
    const open = (id: string, turnDir?: string) => {
      if (live || !stream) return;
      live = new LiveRun({
        id,
        turnDir,
        sessionId,
        question: redactor.redactText(request.question),
        stream,
        redactor,
        window: this.options.eventWindow,
      });
      this.runs.set(id, live);
      for (const event of early.splice(0)) live.push(event);
      opened(live);
    };
    const options: RunOptions = {
      question: request.question,
      cwd: this.options.cwd,
      env: this.options.env,
      homeDir: this.options.homeDir,
      configPath: resolved.path,
      metadata: { config_path: resolved.path, config: resolved.raw, cli_args: [] },
      onLogDir: (dir) => open(runIdOfTurnDir(dir), dir),
      onEvent: (event) => {
        const shown = publicEvent(event, redactor);
        if (!live) open(event.runId);
        if (live) live.push(shown);
        else early.push(shown);
      },
      onApproval: this.options.approvals.portFor(() => live?.id ?? ''),
      ...(request.attachments ? { attachments: request.attachments } : {}),
    };
    const run = (config: MassGenConfig, opts: RunOptions): Promise<RunOutcome> => {
      const started = streamRun(config, { ...opts, retainEvents: false });
      stream = started;
      this.streams.add(started);
      return started.result.finally(() => this.streams.delete(started));
    };

    let done: Promise<unknown>;
    if (request.history !== undefined) {
      done = run(resolved.config, { ...options, history: request.history });
    } else {
      const conversation = await this.conversation(resolved, request.sessionId, run);
      sessionId = conversation.sessionId;
      const { question: _q, ...askOptions } = options;
      done = Promise.resolve()
        .then(() =>
          conversation
            .ask(resolved.config, request.question, askOptions)
            .finally(() => conversation.close().catch(() => {})),
        )
        .then((turn) => turn.outcome);
    }
    const settled = done.then(
      () => {
        if (!live) failed(new Error('the run ended before it started'));
        this.settle(live);
      },
      (error: unknown) => {
        failed(error);
        this.settle(live);
      },
    );
    this.settling.add(settled);
    void settled.finally(() => this.settling.delete(settled));
    const started = await ready;
    return { run: started, ...(sessionId ? { sessionId } : {}) };
  }

  /**
   * The run's logs are flushed: one with a log folder is history from now on; of those without one
   * the latest {@link KEPT_UNLOGGED} are kept.
   */
  private settle(live: LiveRun | undefined): void {
    if (!live) return;
    live.finish();
    if (live.turnDir) {
      this.runs.delete(live.id);
      return;
    }
    const ended = [...this.runs.values()].filter((r) => r.isEnded && !r.turnDir);
    for (const old of ended.slice(0, Math.max(0, ended.length - KEPT_UNLOGGED))) this.runs.delete(old.id);
  }

  private async conversation(
    resolved: ResolvedConfig,
    sessionId: string | undefined,
    runner: (config: MassGenConfig, options: RunOptions) => Promise<RunOutcome>,
  ): Promise<Conversation> {
    const store = SessionStore.inDirectory(this.options.cwd);
    const source = configSource(resolved);
    if (sessionId !== undefined) {
      return Conversation.resume(store, await store.require(sessionId), source, { runner });
    }
    const named = resolved.config.session_id;
    const saved = named !== undefined ? await store.get(named) : undefined;
    return saved
      ? Conversation.resume(store, saved, source, { runner })
      : Conversation.start(store, source, { id: named, runner });
  }

  /** Interrupts every run and waits until their logs are flushed. */
  async close(): Promise<void> {
    for (const stream of this.streams) stream.abort(new Error('the server is stopping'));
    await Promise.allSettled([...this.settling]);
  }
}
