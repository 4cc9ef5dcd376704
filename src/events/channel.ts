/**
 * The run's event channel: stamps events with run id, sequence number and time, hands them to
 * listeners synchronously, and can be consumed as an AsyncIterable.
 */

import { errorText } from '../error-text.js';
import type { CoordinationEvent, EventInput } from './types.js';

export type EventListener = (event: CoordinationEvent) => void;

export class EventChannel implements AsyncIterable<CoordinationEvent> {
  private seq = 0;
  private readonly listeners = new Set<EventListener>();
  private readonly queues = new Set<{ items: CoordinationEvent[]; wake?: () => void }>();
  private ended = false;

  constructor(readonly runId: string) {}

  /** Stamps and publishes an event; returns it. Listener errors are reported, never thrown. */
  emit(input: EventInput): CoordinationEvent {
    const event = { ...input, runId: this.runId, seq: ++this.seq, ts: Date.now() } as CoordinationEvent;
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch (error) {
        process.emitWarning(`event listener failed: ${errorText(error)}`);
      }
    }
    for (const q of this.queues) {
      q.items.push(event);
      q.wake?.();
    }
    return event;
  }

  /** Calls `listener` for every later event; returns an unsubscribe function. */
  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Ends iteration for all consumers once queued events are drained. */
  end(): void {
    this.ended = true;
    for (const q of this.queues) q.wake?.();
  }

  async *[Symbol.asyncIterator](): AsyncIterator<CoordinationEvent> {
    const q: { items: CoordinationEvent[]; wake?: () => void } = { items: [] };
    this.queues.add(q);
    try {
      while (true) {
        const next = q.items.shift();
        if (next) {
          yield next;
          continue;
        }
        if (this.ended) return;
        await new Promise<void>((resolve) => {
          q.wake = resolve;
        });
        q.wake = undefined;
      }
    } finally {
      this.queues.delete(q);
    }
  }
}
