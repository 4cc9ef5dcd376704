/**
 * The log recorder: consumes the coordination event stream and writes MassGen's log folder layout
 * for one turn (spec §5.6):
 *
 * ```
 * <turnDir>/events.jsonl                      every event, one line each (texts stored in files
 *                                             are named by path: `contextFile`, `messageFile`)
 *           status.json                       rewritten atomically as the state changes (at
 *                                             most STATUS_WRITE_RATE; the final state always)
 *           execution_metadata.yaml
 *           <agent>/<timestamp>/answer.txt | vote.json, context.txt, update_message.txt,
 *                               workspace/ (the snapshot taken with the answer, sharing its files)
 *           final/<winner>/answer.txt, context.txt, workspace/
 * ```
 *
 * `handle` is synchronous and cheap: it queues the event, and the queue is recorded once per turn of
 * the event loop, after the I/O callbacks of that turn — so when many agents finish at once, their
 * next requests go out before the bookkeeping of what they did. An event that names a workspace to
 * copy is recorded at once (with everything queued before it): the copy must see the folder as it is
 * at that event. All file IO runs in the background, in event order, and never throws into the
 * caller. Failures are collected and reported by `close()`.
 */
import { mkdirSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { errorText } from '../error-text.js';
import { MassGenError } from '../errors.js';
import { queueOn } from '../workspace/snapshots.js';
import { copyTree, type TreeLimits, treeLimits } from '../workspace/tree-copy.js';
import { type AnswerBoard, EMPTY_ANSWER_BOARD, reduceAnswerBoard, voteOptionsAt } from './answer-board.js';
import { CoalescingWriter, type WriteRate, writeFileAtomic } from './atomic-write.js';
import { EventLogWriter } from './event-log.js';
import {
  buildExecutionMetadata,
  type ExecutionMetadata,
  massgenVersion,
  renderExecutionMetadata,
} from './execution-metadata.js';
import { LatePricing } from './late-pricing.js';
import { logTimestamp, safePathSegment } from './log-dir.js';
import { createRedactor, type Redactor } from './redaction.js';
import { initialStatus, reduceStatus } from './status.js';
import type { RunStatusFile } from './status-file.js';
import type { AgentInfo, CoordinationEvent } from './types.js';
import { buildVoteRecord } from './vote-record.js';
import { WhenQuiet } from './when-quiet.js';

export type { ExecutionMetadata } from './execution-metadata.js';

/**
 * How often status.json may be rewritten: a run of many agents changes its state hundreds of times
 * a second. Beyond the first writes, a reader polling the file sees a state at most 100 ms old.
 */
export const STATUS_WRITE_RATE: WriteRate = { burst: 10, intervalMs: 100 };

/** Options of {@link LogRecorder}. */
export interface LogRecorderOptions {
  /** The folder this turn's (or attempt's) files go to; created if missing. */
  turnDir: string;
  /** The run id (`log_<timestamp>`). */
  runId: string;
  /** The user's question. */
  question: string;
  /** Written to `execution_metadata.yaml`. */
  metadata?: ExecutionMetadata;
  /**
   * Where secrets come from (see redaction.ts): variables named like keys, and those the config's
   * secret settings use, are blanked in every file written. Default `process.env`.
   */
  env?: NodeJS.ProcessEnv;
  /** The config run (raw or normalised), for its secret settings; `metadata.config` is read too. */
  config?: unknown;
}

/** Thrown by {@link LogRecorder.close} when some log files could not be written. */
export class LogWriteError extends MassGenError {
  /** Every failed file operation. */
  readonly errors: readonly unknown[];

  constructor(errors: readonly unknown[]) {
    super(`Could not write ${errors.length} log file operation(s): ${errorText(errors[0])}`);
    this.errors = errors;
  }
}

/** Writes one turn's log folder from the event stream. */
export class LogRecorder {
  readonly turnDir: string;
  /** Where agent and final folders go: the turn folder, or `attempt_K/` inside it. */
  private outDir: string;
  private readonly options: LogRecorderOptions;
  private readonly redactor: Redactor;
  private readonly workspaceLimits: TreeLimits;
  private readonly startedAt = Date.now();
  private readonly eventLog: EventLogWriter;
  private readonly statusWriter: CoalescingWriter;
  private readonly failures: unknown[] = [];
  private current: RunStatusFile;
  private agents: AgentInfo[] = [];
  private board: AnswerBoard = EMPTY_ANSWER_BOARD;
  private readonly executions = new Map<string, number>();
  private readonly usedDirs = new Set<string>();
  private tail: Promise<void> = Promise.resolve();
  private pendingOps = 0;
  private closing: Promise<void> | undefined;
  private readonly initialMetadata: WhenQuiet<void>;
  /** Loads the price table (for status.json `costs`) at the run's first quiet moment. */
  private readonly prices: WhenQuiet<void>;
  private readonly pricing = new LatePricing();
  /** Events handed to `handle` and not recorded yet, in order. */
  private queued: CoordinationEvent[] = [];
  private drainScheduled = false;
  /** execution_metadata.yaml as last rendered, and the question it was rendered for. */
  private metadataText: { question: string; text: string } | undefined;

  constructor(options: LogRecorderOptions) {
    this.options = options;
    this.turnDir = options.turnDir;
    this.outDir = options.turnDir;
    this.redactor = createRedactor({
      env: options.env ?? process.env,
      config: [options.config, options.metadata?.config],
    });
    this.workspaceLimits = treeLimits(maxWorkspaceBytes(options.config ?? options.metadata?.config));
    this.current = initialStatus({
      runId: options.runId,
      logDir: options.turnDir,
      question: this.redactor.redactText(options.question),
      startTime: this.startedAt,
    });
    try {
      mkdirSync(this.turnDir, { recursive: true });
    } catch (err) {
      this.fail(err);
    }
    const fail = (err: unknown) => this.fail(err);
    this.eventLog = new EventLogWriter(join(this.turnDir, 'events.jsonl'), fail);
    this.statusWriter = new CoalescingWriter(join(this.turnDir, 'status.json'), fail, STATUS_WRITE_RATE);
    // Rendering the metadata (the whole config as YAML) waits for the run's first quiet moment.
    this.initialMetadata = new WhenQuiet(async () => this.enqueue(() => this.writeMetadata()));
    this.prices = new WhenQuiet(() => this.loadPrices());
    this.initialMetadata.poke();
    this.requestStatusWrite(this.current);
  }

  /** The current status (what status.json will say). */
  get status(): RunStatusFile {
    this.drain();
    return this.current;
  }

  /** IO failures so far. */
  get errors(): readonly unknown[] {
    return this.failures;
  }

  /** Takes one event to record. Synchronous, never throws; ignored after `close()`. */
  handle(event: CoordinationEvent): void {
    if (this.closing) return;
    this.initialMetadata.poke();
    this.prices.poke();
    this.queued.push(event);
    if (carriesWorkspace(event)) {
      this.drain();
    } else if (!this.drainScheduled) {
      this.drainScheduled = true;
      setImmediate(() => this.drain());
    }
  }

  /** Records the queued events, in order. */
  private drain(): void {
    this.drainScheduled = false;
    if (this.queued.length === 0) return;
    const events = this.queued;
    this.queued = [];
    for (const event of events) this.record(event);
  }

  private record(event: CoordinationEvent): void {
    try {
      event = this.redactor.redact(event);
      const previous = this.current;
      this.current = reduceStatus(previous, event, this.pricing.price);
      this.pricing.note(event);
      this.eventLog.append(this.writeFilesFor(event));
      this.board = reduceAnswerBoard(this.board, event);
      if (this.current !== previous) this.requestStatusWrite(this.current);
    } catch (err) {
      this.fail(err);
    }
  }

  /** Loads the price table, and prices the calls recorded before it was in. */
  private async loadPrices(): Promise<void> {
    const priceEarlier = await this.pricing.load();
    if (!priceEarlier) return;
    this.current = { ...this.current, costs: priceEarlier(this.current.costs) };
    this.requestStatusWrite(this.current);
  }

  /**
   * Writes the final metadata and status, waits until everything accepted is on disk and closes
   * `events.jsonl`. Idempotent. Rejects with {@link LogWriteError} if any write failed.
   */
  close(): Promise<void> {
    this.closing ??= this.finish();
    return this.closing;
  }

  private async finish(): Promise<void> {
    this.drain();
    await this.initialMetadata.get();
    try {
      await this.prices.get();
    } catch (err) {
      this.fail(err);
    }
    this.enqueue(() => this.writeMetadata());
    this.requestStatusWrite(this.current);
    await this.tail;
    await this.statusWriter.flush();
    await this.eventLog.close();
    if (this.failures.length > 0) throw new LogWriteError(this.failures);
  }

  /**
   * Writes the files an event brings and returns the event as `events.jsonl` records it: texts
   * written to a file (`context`, an update's `message`) are replaced by the file's path relative to
   * the turn folder, so each is stored once and the log grows linearly with the run.
   */
  private writeFilesFor(event: CoordinationEvent): CoordinationEvent {
    switch (event.type) {
      case 'run-start':
        this.agents = [...event.agents];
        return event;
      case 'agent-start':
        this.executions.set(event.agentId, event.execution);
        return event;
      case 'answer': {
        const { context, ...logged } = event;
        const dir = this.writeSnapshot(event.agentId, event.ts, {
          'answer.txt': event.content,
          'context.txt': context,
          'planned_actions.json': event.plannedActions
            ? `${JSON.stringify(event.plannedActions, null, 2)}\n`
            : undefined,
        });
        // The snapshot is not written again: the copy shares its files.
        if (event.workspace) this.copyWorkspace(event.workspace, dir, true);
        return context === undefined ? event : { ...logged, contextFile: this.logPath(dir, 'context.txt') };
      }
      case 'vote': {
        const { context, ...logged } = event;
        const record = buildVoteRecord(event, {
          agents: this.agents,
          status: this.current,
          executions: this.executions,
          options: voteOptionsAt(this.board, event),
        });
        const dir = this.writeSnapshot(event.agentId, event.ts, {
          'vote.json': `${JSON.stringify(record, null, 2)}\n`,
          'context.txt': context,
        });
        return context === undefined ? event : { ...logged, contextFile: this.logPath(dir, 'context.txt') };
      }
      case 'update-injected': {
        const { message, ...logged } = event;
        const dir = this.writeSnapshot(event.agentId, event.ts, { 'update_message.txt': message });
        return message === undefined
          ? event
          : { ...logged, messageFile: this.logPath(dir, 'update_message.txt') };
      }
      case 'attempt-start':
        // Each attempt keeps its own agent and final folders; the turn level shows the latest final.
        this.outDir = join(this.turnDir, `attempt_${event.attempt}`);
        return event;
      case 'final-answer': {
        const { context, ...logged } = event;
        const files = { 'answer.txt': event.content, 'context.txt': context };
        const agent = safePathSegment(event.agentId);
        const dirs = [join(this.turnDir, 'final', agent)];
        if (this.outDir !== this.turnDir) dirs.unshift(join(this.outDir, 'final', agent));
        // The live workspace is copied once; the second copy shares the first one's files.
        let from = event.workspace;
        for (const dir of dirs) {
          this.writeFiles(dir, files);
          if (from) from = this.copyWorkspace(from, dir, from !== event.workspace);
        }
        // The attempt's own copy: the turn-level one is replaced by a later attempt's.
        return context === undefined
          ? event
          : { ...logged, contextFile: this.logPath(dirs[0]!, 'context.txt') };
      }
      default:
        return event;
    }
  }

  /** `dir/name` relative to the turn folder, with `/` separators (as `events.jsonl` names files). */
  private logPath(dir: string, name: string): string {
    return relative(this.turnDir, join(dir, name)).split(sep).join('/');
  }

  /**
   * Copies a workspace into `<dir>/workspace/` in the background, queued on the source folder now
   * (so a snapshot replaced later is copied as it is at this event); with `link`, the copy shares
   * the source's files (a snapshot nothing writes). A failure is collected like any other; the
   * status file waits for the copy. Returns the copy's folder.
   */
  private copyWorkspace(from: string, dir: string, link: boolean): string {
    const to = join(dir, 'workspace');
    const limits = this.workspaceLimits;
    const done = queueOn([from, to], async () => {
      await rm(to, { recursive: true, force: true });
      await copyTree(from, to, { link, limits });
    });
    this.enqueue(() => done);
    return to;
  }

  /** Writes files into a fresh `<agent>/<timestamp>/` folder; returns the folder. */
  private writeSnapshot(agentId: string, ts: number, files: Record<string, string | undefined>): string {
    const agentDir = join(this.outDir, safePathSegment(agentId));
    let dir = join(agentDir, logTimestamp(new Date(ts)));
    for (let n = 1; this.usedDirs.has(dir); n++) {
      dir = join(agentDir, n < 1000 ? logTimestamp(new Date(ts)) : `${logTimestamp(new Date(ts))}_${n}`);
    }
    this.usedDirs.add(dir);
    this.writeFiles(dir, files);
    return dir;
  }

  private writeFiles(dir: string, files: Record<string, string | undefined>): void {
    this.enqueue(async () => {
      await mkdir(dir, { recursive: true });
      await Promise.all(
        Object.entries(files).map(([name, content]) =>
          content === undefined ? undefined : writeFile(join(dir, name), content, 'utf8'),
        ),
      );
    });
  }

  private async writeMetadata(): Promise<void> {
    const question = this.current.meta.question;
    if (this.metadataText?.question !== question) {
      const fields = this.redactor.redact(
        buildExecutionMetadata({
          question,
          startedAt: this.startedAt,
          metadata: this.options.metadata,
          version: await massgenVersion(),
        }),
      );
      this.metadataText = { question, text: renderExecutionMetadata(fields) };
    }
    await writeFileAtomic(join(this.turnDir, 'execution_metadata.yaml'), this.metadataText.text);
  }

  /**
   * Hands a status snapshot to the coalescing writer — only after the file operations queued before
   * it, so status.json never mentions an answer or vote whose files are not on disk yet.
   */
  private requestStatusWrite(snapshot: RunStatusFile): void {
    const render = () => `${JSON.stringify(snapshot, null, 2)}\n`;
    if (this.pendingOps === 0) this.statusWriter.write(render);
    else this.enqueue(() => this.statusWriter.write(render));
  }

  /** Runs `op` after every operation queued before it; failures are collected. */
  private enqueue(op: () => Promise<void> | void): void {
    this.pendingOps++;
    this.tail = this.tail
      .then(op)
      .catch((err: unknown) => this.fail(err))
      .finally(() => {
        this.pendingOps--;
      });
  }

  private fail(error: unknown): void {
    this.failures.push(error);
  }
}

/** Whether recording `event` copies a workspace folder (which may change after the event). */
function carriesWorkspace(event: CoordinationEvent): boolean {
  return (event.type === 'answer' || event.type === 'final-answer') && event.workspace !== undefined;
}

/** `orchestrator.max_workspace_bytes` of a config (raw or normalised), if set. */
function maxWorkspaceBytes(config: unknown): number | undefined {
  const block = (config as { orchestrator?: { max_workspace_bytes?: unknown } } | undefined)?.orchestrator;
  const max = typeof block === 'object' && block !== null ? block.max_workspace_bytes : undefined;
  return typeof max === 'number' ? max : undefined;
}
