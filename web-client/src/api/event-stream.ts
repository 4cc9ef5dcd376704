/**
 * A run's events over Server-Sent Events. The browser reconnects by itself and sends the last
 * `id:` as `Last-Event-ID`, so the server resumes after it; the reducer ignores any repeat.
 */
import type { CoordinationEvent } from '../../../src/events/types.js';
import { withToken } from './token.js';

export interface EventStreamHandlers {
  onEvent(event: CoordinationEvent): void;
  /** The server sent every event of the run (`event: end`). */
  onEnd(): void;
  /** The connection failed and the browser will retry (or gave up: `closed`). */
  onError?(closed: boolean): void;
}

/** Opens the stream; returns its close. */
export function openEventStream(runId: string, handlers: EventStreamHandlers): () => void {
  const source = new EventSource(withToken(`/api/runs/${encodeURIComponent(runId)}/events`));
  source.onmessage = (message) => {
    try {
      handlers.onEvent(JSON.parse(message.data) as CoordinationEvent);
    } catch {
      // A line that is not an event is not the page's to show.
    }
  };
  source.addEventListener('end', () => {
    source.close();
    handlers.onEnd();
  });
  source.onerror = () => handlers.onError?.(source.readyState === EventSource.CLOSED);
  return () => source.close();
}
