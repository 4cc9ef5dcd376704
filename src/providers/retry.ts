/**
 * Retries of provider calls: a language-model middleware that retries a request whose failure a
 * later attempt may not meet (429, 5xx, overloaded, a broken connection or stream), waiting as long
 * as the provider asks (see retry-hint.ts), with exponential backoff and jitter otherwise.
 *
 * A stream is retried only while nothing of the reply has been seen: failures before its first
 * content (an HTTP error, an in-stream `error` event, a cut right after the headers) are retried
 * here; later ones go to the caller, which retries the agent's whole turn. A failure retried here
 * until the retries ran out is reported once to the caller and not retried again (see
 * {@link retriesSpent}).
 */
import type {
  LanguageModelV3,
  LanguageModelV3Middleware,
  LanguageModelV3StreamPart,
  LanguageModelV3StreamResult,
} from '@ai-sdk/provider';
import { wrapLanguageModel } from 'ai';
import { type FaultKind, faultKind, isRetryableFault } from './faults.js';
import { retryHintMs } from './retry-hint.js';

export interface RetryPolicy {
  /** Retries after the first attempt. */
  maxRetries: number;
  /** First backoff delay; doubles each retry. */
  baseDelayMs: number;
  /** Longest delay waited, also when the provider asks for more. */
  maxDelayMs: number;
  /**
   * First backoff delay when the endpoint could not be reached at all (doubles each retry); default
   * a quarter of `baseDelayMs`, so that a dead endpoint is given up on within a few seconds.
   */
  connectDelayMs?: number;
}

/** One retry about to happen: after `delayMs`, attempt `attempt + 1` of the request. */
export interface RetryNotice {
  /** 1-based number of this retry. */
  attempt: number;
  delayMs: number;
  /** The failure being retried. */
  error: unknown;
}

/** Default policy; `MASSGEN_RETRY_BASE_MS` overrides the base delay. */
export function defaultRetryPolicy(env: NodeJS.ProcessEnv = process.env): RetryPolicy {
  const base = Number(env.MASSGEN_RETRY_BASE_MS);
  return { maxRetries: 3, baseDelayMs: Number.isFinite(base) && base >= 0 ? base : 1000, maxDelayMs: 60_000 };
}

function backoff(kind: FaultKind, attempt: number, policy: RetryPolicy): number {
  const base = kind === 'connection' ? (policy.connectDelayMs ?? policy.baseDelayMs / 4) : policy.baseDelayMs;
  return base * 2 ** (attempt - 1) * (0.8 + Math.random() * 0.4);
}

/** Delay before retry number `attempt` (1-based) of `error`: the provider's wish, else backoff; capped. */
export function retryDelay(error: unknown, attempt: number, policy: RetryPolicy): number {
  const wanted = retryHintMs(error) ?? backoff(faultKind(error), attempt, policy);
  return Math.min(policy.maxDelayMs, wanted);
}

/** Whether a later attempt may not meet this failure. */
export function isRetryableError(error: unknown): boolean {
  return isRetryableFault(faultKind(error));
}

const spent = new WeakMap<object, number>();

/**
 * How many times the middleware retried the request that ended in `error` before giving up, when it
 * did; undefined for failures it did not retry (not retryable, or after the reply's first content).
 */
export function retriesSpent(error: unknown): number | undefined {
  return typeof error === 'object' && error !== null ? spent.get(error) : undefined;
}

function giveUp(error: unknown, retries: number): void {
  if (typeof error === 'object' && error !== null && isRetryableError(error)) spent.set(error, retries);
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

type Part = LanguageModelV3StreamPart;

/** Parts that come before anything of the reply itself: a failure after them loses nothing. */
const PREAMBLE = new Set<Part['type']>([
  'stream-start',
  'response-metadata',
  'raw',
  'text-start',
  'text-end',
  'reasoning-start',
  'reasoning-end',
  'tool-input-start',
  'tool-input-end',
]);

/** The start of a stream, read up to its first content or its first failure. */
interface StreamHead {
  parts: Part[];
  reader: ReadableStreamDefaultReader<Part>;
  /** A failure before any content: an `error` part, or an error thrown by the stream. */
  failure?: { error: unknown; thrown: boolean };
  done: boolean;
}

async function readHead(stream: ReadableStream<Part>): Promise<StreamHead> {
  const reader = stream.getReader();
  const parts: Part[] = [];
  while (true) {
    let next: Awaited<ReturnType<typeof reader.read>>;
    try {
      next = await reader.read();
    } catch (error) {
      return { parts, reader, failure: { error, thrown: true }, done: true };
    }
    if (next.done) return { parts, reader, done: true };
    if (next.value.type === 'error')
      return { parts, reader, failure: { error: next.value.error, thrown: false }, done: false };
    parts.push(next.value);
    if (!PREAMBLE.has(next.value.type)) return { parts, reader, done: false };
  }
}

/** The stream again, exactly as the provider sent it: the parts read so far, then the rest. */
function replay(head: StreamHead): ReadableStream<Part> {
  const { reader, failure } = head;
  return new ReadableStream<Part>({
    start(controller) {
      for (const part of head.parts) controller.enqueue(part);
      if (failure?.thrown) controller.error(failure.error);
      else if (failure) controller.enqueue({ type: 'error', error: failure.error });
      else if (head.done) controller.close();
    },
    async pull(controller) {
      try {
        const next = await reader.read();
        if (next.done) controller.close();
        else controller.enqueue(next.value);
      } catch (error) {
        controller.error(error);
      }
    },
    cancel: (reason) => reader.cancel(reason),
  });
}

interface Attempts {
  policy: RetryPolicy;
  signal: AbortSignal | undefined;
  onRetry: ((notice: RetryNotice) => void) | undefined;
}

/** Whether `error` on attempt `attempt` is retried; marks it given up on when retries ran out. */
function retrying(error: unknown, attempt: number, { policy, signal }: Attempts): boolean {
  if (signal?.aborted || !isRetryableError(error)) return false;
  if (attempt <= policy.maxRetries) return true;
  giveUp(error, attempt - 1);
  return false;
}

async function pause(error: unknown, attempt: number, attempts: Attempts): Promise<void> {
  const delayMs = retryDelay(error, attempt, attempts.policy);
  attempts.onRetry?.({ attempt, delayMs, error });
  await sleep(delayMs, attempts.signal);
}

async function generateWithRetries<T>(run: () => PromiseLike<T>, attempts: Attempts): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (error) {
      if (!retrying(error, attempt, attempts)) throw error;
      await pause(error, attempt, attempts);
    }
  }
}

async function streamWithRetries(
  run: () => PromiseLike<LanguageModelV3StreamResult>,
  attempts: Attempts,
): Promise<LanguageModelV3StreamResult> {
  for (let attempt = 1; ; attempt++) {
    let failure: unknown;
    try {
      const result = await run();
      const head = await readHead(result.stream);
      if (!head.failure || !retrying(head.failure.error, attempt, attempts)) {
        return { ...result, stream: replay(head) };
      }
      head.reader.cancel().catch(() => {});
      failure = head.failure.error;
    } catch (error) {
      if (!retrying(error, attempt, attempts)) throw error;
      failure = error;
    }
    await pause(failure, attempt, attempts);
  }
}

/** Wraps a model so that retryable request failures are retried under `policy`. */
export function withRetry(
  model: LanguageModelV3,
  policy: RetryPolicy,
  onRetry?: (notice: RetryNotice) => void,
): LanguageModelV3 {
  const middleware: LanguageModelV3Middleware = {
    specificationVersion: 'v3',
    wrapGenerate: ({ doGenerate, params }) =>
      generateWithRetries(doGenerate, { policy, signal: params.abortSignal, onRetry }),
    wrapStream: ({ doStream, params }) =>
      streamWithRetries(doStream, { policy, signal: params.abortSignal, onRetry }),
  };
  return wrapLanguageModel({ model, middleware });
}
