/**
 * What every run mode shares: the run's abort signal (user interrupt or run deadline), the
 * `run-start` event and the services started right after it, and how an aborted run ends
 * (`timeout` or `interrupted`).
 */
import type { EventChannel } from '../events/channel.js';
import type { EventInput } from '../events/types.js';
import type { AgentRuntime } from '../types/agent-runtime.js';

/** The version of the event format the runs emit (`run-start.schemaVersion`). */
export const EVENT_SCHEMA_VERSION = 2;

/** The reason a run's signal aborts when its deadline passes. */
export class RunDeadline extends Error {}

export interface RunScopeOptions {
  agents: readonly AgentRuntime[];
  question: string;
  channel: EventChannel;
  /** The caller's interrupt (Ctrl-C). */
  signal?: AbortSignal;
  runTimeoutMs: number;
  logDir?: string;
  /** The session the run belongs to (status.json `meta.session_id`); default the run id. */
  sessionId?: string;
  /**
   * Called right after `run-start` is emitted, before anything else runs: where the run's services
   * start (MCP servers), so that their events follow `run-start`.
   */
  onStarted?: (emit: (event: EventInput) => void) => void;
}

export interface RunScope {
  emit: (event: EventInput) => void;
  /** Aborts on interrupt or when the deadline passes. */
  signal: AbortSignal;
  /** When the run started (ms since the epoch). */
  started: number;
  /** Why the run was aborted, if it was. */
  aborted(): 'timeout' | 'interrupted' | undefined;
  /** Stops the deadline timer and detaches from the caller's signal. */
  close(): void;
}

/** Opens a run: arms the deadline, links the interrupt, emits `run-start` and calls `onStarted`. */
export function openRun(options: RunScopeOptions): RunScope {
  const started = Date.now();
  const emit = (event: EventInput) => options.channel.emit(event);
  const run = new AbortController();
  const onInterrupt = () => run.abort(options.signal?.reason ?? new Error('interrupted'));
  options.signal?.addEventListener('abort', onInterrupt, { once: true });
  if (options.signal?.aborted) onInterrupt();
  const deadline = setTimeout(() => run.abort(new RunDeadline('run deadline')), options.runTimeoutMs);
  emit({
    type: 'run-start',
    schemaVersion: EVENT_SCHEMA_VERSION,
    question: options.question,
    logDir: options.logDir,
    sessionId: options.sessionId,
    agents: options.agents.map((a) => ({
      id: a.id,
      label: a.label,
      backend: a.backendType,
      model: a.modelId,
      ...(a.priceAs ? { priceAs: a.priceAs } : {}),
    })),
  });
  const close = () => {
    clearTimeout(deadline);
    options.signal?.removeEventListener('abort', onInterrupt);
  };
  try {
    options.onStarted?.(emit);
  } catch (error) {
    close();
    throw error;
  }
  return { emit, signal: run.signal, started, aborted: () => abortKind(run.signal), close };
}

/** `timeout` when a signal aborted for the run deadline, `interrupted` for anything else. */
export function abortKind(signal: AbortSignal): 'timeout' | 'interrupted' | undefined {
  if (!signal.aborted) return undefined;
  return signal.reason instanceof RunDeadline ? 'timeout' : 'interrupted';
}

/** A deadline linked to the caller's interrupt: `signal` aborts with a {@link RunDeadline} or the interrupt's reason. */
export interface Deadline {
  signal: AbortSignal;
  /** Stops the timer. */
  clear(): void;
}

/** Arms a run deadline of `ms` that also aborts when `interrupt` does. */
export function armDeadline(ms: number, interrupt?: AbortSignal): Deadline {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new RunDeadline('run deadline')), ms);
  timer.unref?.();
  return {
    signal: interrupt ? AbortSignal.any([interrupt, controller.signal]) : controller.signal,
    clear: () => clearTimeout(timer),
  };
}
