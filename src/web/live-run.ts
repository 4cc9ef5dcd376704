/**
 * A run under way in the server: its events as clients get them (secrets redacted, the long texts
 * `events.jsonl` keeps in files left out), its view, and every client's cursor over the events.
 */
import { serializeEvent } from '../events/event-log.js';
import type { Redactor } from '../events/redaction.js';
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

export class LiveRun {
  readonly id: string;
  /** The turn's log folder, when logging is on. */
  readonly turnDir: string | undefined;
  /** The session the run is a turn of. */
  readonly sessionId: string | undefined;
  private readonly stream: RunStream;
  private readonly events: CoordinationEvent[] = [];
  /** The SSE frame of each event, made when a client first needs it. */
  private readonly frames: string[] = [];
  private view: RunViewState;
  private readonly wakers = new Set<() => void>();
  private ended = false;
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
  }) {
    this.id = init.id;
    this.turnDir = init.turnDir;
    this.sessionId = init.sessionId;
    this.stream = init.stream;
    this.view = initialRunView(init.id, init.question);
  }

  /** Takes the run's next event (already made public). */
  push(event: CoordinationEvent): void {
    this.events.push(event);
    this.view = reduceRunView(this.view, event);
    if (event.type === 'run-end') this.ended = true;
    this.wake();
  }

  /** The run is over and its logs are flushed (or it failed): no event will follow. */
  finish(): void {
    this.ended = true;
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
    for await (const [from, to] of this.rangesAfter(after, signal)) {
      for (let i = from; i < to; i++) yield this.events[i]!;
    }
  }

  /**
   * The same events as Server-Sent Events (`id: <seq>` and `data: <event JSON>` each), every event
   * available at once in one piece of text: a client that falls behind catches up in few writes.
   */
  async *framesAfter(after: number, signal?: AbortSignal): AsyncGenerator<string> {
    for await (const [from, to] of this.rangesAfter(after, signal)) {
      let text = '';
      for (let i = from; i < to; i++) {
        this.frames[i] ??= `id: ${this.events[i]!.seq}\ndata: ${serializeEvent(this.events[i]!)}\n\n`;
        text += this.frames[i];
      }
      yield text;
    }
  }

  /** Index ranges `[from, to)` of the events after `after`, as they become available. */
  private async *rangesAfter(after: number, signal?: AbortSignal): AsyncGenerator<[number, number]> {
    let next = this.events.findIndex((e) => e.seq > after);
    if (next < 0) next = this.events.length;
    while (!signal?.aborted) {
      if (next < this.events.length) {
        const from = next;
        let end = -1;
        for (let i = from; i < this.events.length && end < 0; i++)
          if (this.events[i]!.type === 'run-end') end = i;
        next = end < 0 ? this.events.length : end + 1;
        yield [from, next];
        if (end >= 0) {
          await Promise.race([this.settled, aborted(signal)]);
          return;
        }
        continue;
      }
      if (this.ended) return;
      await new Promise<void>((resolve) => {
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
}

/** Resolves when `signal` aborts (never without one). */
function aborted(signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) resolve();
    signal?.addEventListener('abort', () => resolve(), { once: true });
  });
}
