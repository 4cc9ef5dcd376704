/**
 * `events.jsonl`: every coordination event, one JSON object per line, appended in order through one
 * write stream. The file replays a run exactly.
 */
import { createWriteStream, type WriteStream } from 'node:fs';
import { finished } from 'node:stream/promises';
import type { CoordinationEvent } from './types.js';

/**
 * Appends events to a JSON Lines file. `append` never throws and never waits: lines are gathered
 * and handed to the stream once per turn of the event loop, so a burst of deltas costs one write.
 */
export class EventLogWriter {
  readonly path: string;
  private readonly stream: WriteStream;
  private readonly onError: (error: unknown) => void;
  private failed = false;
  private closing: Promise<void> | undefined;
  private batch: string[] = [];
  private flushScheduled = false;

  /** @param onError receives the stream's error (reported once; later appends are dropped). */
  constructor(path: string, onError: (error: unknown) => void = () => {}) {
    this.path = path;
    this.onError = onError;
    this.stream = createWriteStream(path, { flags: 'a', encoding: 'utf8' });
    this.stream.on('error', (err) => {
      if (this.failed) return;
      this.failed = true;
      this.onError(err);
    });
  }

  /** Queues one event as one line. */
  append(event: CoordinationEvent): void {
    if (this.failed || this.closing) return;
    this.batch.push(`${serializeEvent(event)}\n`);
    if (!this.flushScheduled) {
      this.flushScheduled = true;
      setImmediate(() => this.flush());
    }
  }

  /** Hands the gathered lines to the stream. */
  private flush(): void {
    this.flushScheduled = false;
    if (this.batch.length === 0 || this.failed || this.stream.destroyed) return;
    const text = this.batch.join('');
    this.batch = [];
    this.stream.write(text);
  }

  /** Flushes everything appended and closes the file. Idempotent. */
  close(): Promise<void> {
    this.closing ??= this.end();
    return this.closing;
  }

  private async end(): Promise<void> {
    this.flush();
    if (!this.stream.destroyed) this.stream.end();
    try {
      await finished(this.stream);
    } catch (err) {
      if (!this.failed) {
        this.failed = true;
        this.onError(err);
      }
    }
  }
}

/**
 * One event as a single JSON line. Values JSON cannot hold (bigint, cycles in tool input or output)
 * are written as strings instead of failing, so every event gets a parseable line.
 */
export function serializeEvent(event: CoordinationEvent): string {
  try {
    return JSON.stringify(event);
  } catch {
    const seen = new WeakSet<object>();
    try {
      return JSON.stringify(event, (_key, value: unknown) => {
        if (typeof value === 'bigint') return value.toString();
        if (typeof value === 'object' && value !== null) {
          if (seen.has(value)) return '[Circular]';
          seen.add(value);
        }
        return value;
      });
    } catch (err) {
      const { runId, seq, ts, type } = event;
      return JSON.stringify({ runId, seq, ts, type, unserializable: String(err) });
    }
  }
}
