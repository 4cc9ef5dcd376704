/**
 * `streamRun`: a run as a stream of its events, with its outcome and a way to stop it.
 *
 * ```ts
 * const run = streamRun(config, { question: 'What is 2+2?' });
 * for await (const event of run) if (event.type === 'vote') console.log(event.agentId, '→', event.votedFor);
 * const { winner, finalAnswer, usage } = await run.result;
 * ```
 */
import type { CoordinationEvent } from '../events/types.js';
import type { ConfigSource } from './config-source.js';
import { runConfig } from './run-config.js';
import type { RunOptions, RunOutcome } from './run-options.js';

/** A run under way. */
export interface RunStream extends AsyncIterable<CoordinationEvent> {
  /**
   * The outcome, once the run has ended and its logs are flushed. Rejects with a ConfigError when
   * the config cannot run (nothing started), or with the error that broke the run.
   */
  readonly result: Promise<RunOutcome>;
  /** Interrupts the run: it ends as `interrupted`, keeping what it has (logs flushed, outcome resolved). */
  abort(reason?: unknown): void;
}

/** Options of {@link streamRun}: those of `runConfig`; `signal` still interrupts the run too. */
export interface StreamRunOptions extends RunOptions {
  /**
   * Keep every event for the run's lifetime, so that every iterator gets every event from the first
   * one (default true). False keeps none: a caller that only uses `onEvent` holds no events, and an
   * iterator gets only the events from when it starts iterating.
   */
  retainEvents?: boolean;
}

/**
 * Starts a run at once and streams its events. Every iterator gets every event from the first one
 * (events are kept for the run's lifetime; see {@link StreamRunOptions.retainEvents}), ending after
 * `run-end`; when the run cannot start, iteration throws its error. The events are also given to
 * `options.onEvent`.
 */
export function streamRun(source: ConfigSource, options: StreamRunOptions): RunStream {
  const { retainEvents = true, ...runOptions } = options;
  /** The events kept; without retaining, only those no iterator has taken yet. */
  const events: CoordinationEvent[] = [];
  /** The index in the run's events of `events[0]`. */
  let dropped = 0;
  /** Per iterator, the index of its next event (when events are not retained). */
  const cursors = new Set<{ next: number }>();
  let sawEvent = false;
  const wakers = new Set<() => void>();
  let done = false;
  let failure: unknown;
  const wake = () => {
    for (const w of wakers) w();
    wakers.clear();
  };
  const stop = new AbortController();
  const signal = options.signal ? AbortSignal.any([options.signal, stop.signal]) : stop.signal;
  /** Without retaining, forgets the events every iterator has taken. */
  const trim = () => {
    if (retainEvents) return;
    let low = dropped + events.length;
    for (const c of cursors) low = Math.min(low, c.next);
    events.splice(0, low - dropped);
    dropped = low;
  };
  const result = runConfig(source, {
    ...runOptions,
    signal,
    onEvent: (event) => {
      sawEvent = true;
      if (retainEvents || cursors.size > 0) events.push(event);
      else dropped++;
      wake();
      options.onEvent?.(event);
    },
  }).then(
    (outcome) => {
      done = true;
      wake();
      return outcome;
    },
    (error: unknown) => {
      done = true;
      failure = error;
      wake();
      throw error;
    },
  );
  // A caller that only iterates must not see an unhandled rejection: iteration rethrows it.
  result.catch(() => {});

  return {
    result,
    abort(reason?: unknown) {
      stop.abort(reason ?? new Error('aborted'));
    },
    async *[Symbol.asyncIterator]() {
      const cursor = { next: retainEvents ? 0 : dropped + events.length };
      cursors.add(cursor);
      try {
        for (;;) {
          if (cursor.next < dropped + events.length) {
            const event = events[cursor.next++ - dropped]!;
            trim();
            yield event;
            continue;
          }
          if (done) {
            if (failure !== undefined && !sawEvent) throw failure;
            return;
          }
          await new Promise<void>((resolve) => wakers.add(resolve));
        }
      } finally {
        cursors.delete(cursor);
        trim();
      }
    },
  };
}
