/**
 * A run under way in the server: its events as clients get them (secrets redacted, the long texts
 * `events.jsonl` keeps in files left out), its view, and every client's cursor over the events.
 * Only a window of the latest events stays in memory when the run logs: a client that needs older
 * ones reads them from the turn's `events.jsonl`, then continues from memory.
 */
import { type FSWatcher, watch } from 'node:fs';
import path from 'node:path';
import { serializeEvent } from '../events/event-log.js';
import type { Redactor } from '../events/redaction.js';
import { streamEventLog } from '../events/replay.js';
import type { CoordinationEvent } from '../events/types.js';
import type { RunStream } from '../run/stream-run.js';
import { initialRunView, type RunDetail, type RunViewState, reduceRunView } from './run-view.js';

/** An event as the API sends it: redacted, without the texts the log keeps in files. */
export function publicEvent(event: CoordinationEvent, redactor: Redactor): CoordinationEvent {
  const redacted = redactor.redact(event) as CoordinationEvent & { context?: string; message?: string };
  if (
    redacted.context === undefined &&
    (redacted.type !== 'update-injected' || redacted.message === undefined)
  )
    return redacted;
  const { context: _context, ...rest } = redacted;
  if (rest.type === 'update-injected') {
    const { message: _message, ...update } = rest as typeof rest & { message?: string };
    return update as CoordinationEvent;
  }
  return rest as CoordinationEvent;
}

/**
 * An event of `events.jsonl` as the API sends it, the same as when it was live: redacted, and
 * without the paths of the files the log keeps its long texts in.
 */
export function publicLoggedEvent(event: CoordinationEvent, redactor: Redactor): CoordinationEvent {
  const logged = event as CoordinationEvent & { contextFile?: string; messageFile?: string };
  if (logged.contextFile === undefined && logged.messageFile === undefined)
    return publicEvent(event, redactor);
  const { contextFile: _contextFile, messageFile: _messageFile, ...rest } = logged;
  return publicEvent(rest as CoordinationEvent, redactor);
}

/** Events a logging run keeps in memory by default; older ones are read back from its log. */
export const LIVE_EVENT_WINDOW = 2_000;

/** Events read from the log sent as one batch (one write of SSE text). */
const LOG_BATCH = 500;

export class LiveRun {
  readonly id: string;
  /** The turn's log folder, when logging is on. */
  readonly turnDir: string | undefined;
  /** The session the run is a turn of. */
  readonly sessionId: string | undefined;
  private readonly stream: RunStream;
  private readonly redactor: Redactor;
  /** The latest events (all of them without a log folder). */
  private readonly events: CoordinationEvent[] = [];
  /** The SSE frame of each kept event, made when a client first needs it. */
  private readonly frames: (string | undefined)[] = [];
  /** The seq of the latest event let go from memory (0: none). */
  private lastDropped = 0;
  private readonly window: number;
  private peak = 0;
  private view: RunViewState;
  private readonly wakers = new Set<() => void>();
  private ended = false;
  private isSettled = false;
  private markSettled!: () => void;
  /** Resolves once the run is over and its logs are flushed. */
  readonly settled = new Promise<void>((resolve) => {
    this.markSettled = resolve;
  });

  constructor(init: {
    id: string;
    turnDir?: string;
    sessionId?: string;
    question: string;
    stream: RunStream;
    /** Applied to the events read back from the log (the live ones come already public). */
    redactor: Redactor;
    /** Events kept in memory when the run logs (default {@link LIVE_EVENT_WINDOW}); all without a log. */
    window?: number;
  }) {
    this.id = init.id;
    this.turnDir = init.turnDir;
    this.sessionId = init.sessionId;
    this.stream = init.stream;
    this.redactor = init.redactor;
    this.window = init.turnDir ? Math.max(1, init.window ?? LIVE_EVENT_WINDOW) : Number.POSITIVE_INFINITY;
    this.view = initialRunView(init.id, init.question);
  }

  /** Takes the run's next event (already made public). */
  push(event: CoordinationEvent): void {
    this.events.push(event);
    this.frames.push(undefined);
    if (this.events.length > this.window) {
      this.lastDropped = this.events.shift()!.seq;
      this.frames.shift();
    }
    this.peak = Math.max(this.peak, this.events.length);
    this.view = reduceRunView(this.view, event);
    if (event.type === 'run-end') this.ended = true;
    this.wake();
  }

  /** The number of events held in memory now. */
  get heldEvents(): number {
    return this.events.length;
  }

  /** The most events held in memory at once so far. */
  get peakHeldEvents(): number {
    return this.peak;
  }

  /** The run is over and its logs are flushed (or it failed): no event will follow. */
  finish(): void {
    this.ended = true;
    this.isSettled = true;
    this.markSettled();
    this.wake();
  }

  private wake(): void {
    for (const wake of this.wakers) wake();
    this.wakers.clear();
  }

  get detail(): RunDetail {
    return this.sessionId && !this.view.detail.sessionId
      ? { ...this.view.detail, sessionId: this.sessionId }
      : this.view.detail;
  }

  get isEnded(): boolean {
    return this.ended;
  }

  /** The outcome (see RunStream.result). */
  get result(): RunStream['result'] {
    return this.stream.result;
  }

  /** Interrupts the run. */
  cancel(): void {
    this.stream.abort(new Error('cancelled through the HTTP API'));
  }

  /**
   * The events with `seq` > `after`, then the live ones, ending after `run-end` once the run's logs
   * are flushed (or when the run stops without one, or `signal` aborts).
   */
  async *eventsAfter(after: number, signal?: AbortSignal): AsyncGenerator<CoordinationEvent> {
    const take = (from: number, to: number) => this.events.slice(from, to);
    for await (const batch of this.batchesAfter(after, signal, take, (events) => events)) yield* batch;
  }

  /**
   * The same events as Server-Sent Events (`id: <seq>` and `data: <event JSON>` each), every event
   * available at once in one piece of text: a client that falls behind catches up in few writes.
   */
  async *framesAfter(after: number, signal?: AbortSignal): AsyncGenerator<string> {
    const take = (from: number, to: number) => {
      let text = '';
      for (let i = from; i < to; i++) {
        this.frames[i] ??= frameOf(this.events[i]!);
        text += this.frames[i];
      }
      return text;
    };
    for await (const batch of this.batchesAfter(after, signal, take, (events) =>
      events.map(frameOf).join(''),
    ))
      yield batch;
  }

  /**
   * The events after seq `after` in batches, as they become available: those let go from memory
   * read back from the log (`fromLog` makes their batch), the kept ones taken from memory at once
   * (`take` gets indices into `events`, valid until the next push).
   */
  private async *batchesAfter<T>(
    after: number,
    signal: AbortSignal | undefined,
    take: (from: number, to: number) => T,
    fromLog: (events: CoordinationEvent[]) => T,
  ): AsyncGenerator<T> {
    let last = after;
    while (!signal?.aborted) {
      if (this.lastDropped > last) {
        const logged = this.readLog(last, signal);
        let reached = false;
        for await (const batch of logged) {
          if (batch === 'caught-up') {
            reached = true;
            break;
          }
          last = batch.at(-1)!.seq;
          yield fromLog(batch);
        }
        // The log cannot be read that far (it failed): the client continues with the kept events.
        if (!reached) last = Math.max(last, this.lastDropped);
        continue;
      }
      const from = this.indexAfter(last);
      if (from < this.events.length) {
        let end = -1;
        for (let i = from; i < this.events.length && end < 0; i++)
          if (this.events[i]!.type === 'run-end') end = i;
        const to = end < 0 ? this.events.length : end + 1;
        last = this.events[to - 1]!.seq;
        yield take(from, to);
        if (end >= 0) {
          await Promise.race([this.settled, aborted(signal)]);
          return;
        }
        continue;
      }
      if (this.ended) return;
      await this.nextPush(signal);
    }
  }

  /**
   * The logged events after seq `after` and older than the kept ones, in batches, then
   * `'caught-up'`. The log may not hold the newest let-go events yet (it is written a moment
   * later): it is read again when it changes. Ends without `'caught-up'` when the log cannot be
   * read and the run is over, or `signal` aborts.
   */
  private async *readLog(
    after: number,
    signal: AbortSignal | undefined,
  ): AsyncGenerator<CoordinationEvent[] | 'caught-up'> {
    const file = path.join(this.turnDir!, 'events.jsonl');
    const redactor = this.redactor;
    let last = after;
    let changed = false;
    let notify: (() => void) | undefined;
    let watcher: FSWatcher | undefined;
    try {
      watcher = watch(file, () => {
        changed = true;
        notify?.();
      });
      watcher.on('error', () => {});
    } catch {
      watcher = undefined;
    }
    try {
      while (!signal?.aborted) {
        changed = false;
        const settledBefore = this.isSettled;
        let batch: CoordinationEvent[] = [];
        let overtaken = false;
        try {
          for await (const event of streamEventLog(file)) {
            if (signal?.aborted) return;
            if (event.seq <= last) continue;
            if (event.seq > this.lastDropped) {
              overtaken = true;
              break;
            }
            batch.push(publicLoggedEvent(event, redactor));
            last = event.seq;
            if (batch.length >= LOG_BATCH) {
              yield batch;
              batch = [];
            }
          }
        } catch {
          // A line still being written, or no line yet: read again once the file changes.
        }
        if (batch.length > 0) yield batch;
        if (last >= this.lastDropped) {
          yield 'caught-up';
          return;
        }
        if (settledBefore) return;
        // Past the let-go events of when it was read, but more went since: read on at once.
        if (!overtaken && !changed)
          await Promise.race([
            new Promise<void>((resolve) => {
              notify = resolve;
            }),
            this.settled,
            aborted(signal),
          ]);
        notify = undefined;
      }
    } finally {
      watcher?.close();
    }
  }

  /** The index in `events` of the first kept event with a seq above `seq` (their seqs increase). */
  private indexAfter(seq: number): number {
    let low = 0;
    let high = this.events.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (this.events[mid]!.seq > seq) high = mid;
      else low = mid + 1;
    }
    return low;
  }

  /** Resolves at the next event, the run's end, or when `signal` aborts. */
  private nextPush(signal: AbortSignal | undefined): Promise<void> {
    return new Promise<void>((resolve) => {
      const done = () => {
        signal?.removeEventListener('abort', done);
        this.wakers.delete(done);
        resolve();
      };
      this.wakers.add(done);
      signal?.addEventListener('abort', done, { once: true });
    });
  }
}

/** An event as one Server-Sent Event. */
function frameOf(event: CoordinationEvent): string {
  return `id: ${event.seq}\ndata: ${serializeEvent(event)}\n\n`;
}

/** Resolves when `signal` aborts (never without one). */
function aborted(signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) resolve();
    signal?.addEventListener('abort', () => resolve(), { once: true });
  });
}
