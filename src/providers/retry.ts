/**
 * Retries of provider calls: a language-model middleware that retries a request the provider marks
 * retryable (429, 5xx, overloaded), honouring `retry-after-ms` / `retry-after`, with exponential
 * backoff and jitter otherwise. Errors once a stream has started are left to the caller.
 */
import { APICallError, type LanguageModelV3, type LanguageModelV3Middleware } from '@ai-sdk/provider';
import { wrapLanguageModel } from 'ai';

export interface RetryPolicy {
  /** Retries after the first attempt. */
  maxRetries: number;
  /** First backoff delay; doubles each retry. */
  baseDelayMs: number;
  /** Longest delay honoured from a retry-after header. */
  maxDelayMs: number;
}

export interface RetryNotice {
  attempt: number;
  delayMs: number;
  error: unknown;
}

/** Default policy; `MASSGEN_RETRY_BASE_MS` overrides the base delay. */
export function defaultRetryPolicy(env: NodeJS.ProcessEnv = process.env): RetryPolicy {
  const base = Number(env.MASSGEN_RETRY_BASE_MS);
  return { maxRetries: 3, baseDelayMs: Number.isFinite(base) && base >= 0 ? base : 1000, maxDelayMs: 60_000 };
}

/** Delay before retry number `attempt` (1-based) of `error`. */
export function retryDelay(error: unknown, attempt: number, policy: RetryPolicy): number {
  const headers = APICallError.isInstance(error) ? error.responseHeaders : undefined;
  const fromHeader = headers ? headerDelay(headers) : undefined;
  if (fromHeader !== undefined && fromHeader <= policy.maxDelayMs) return fromHeader;
  const exp = policy.baseDelayMs * 2 ** (attempt - 1);
  return Math.min(policy.maxDelayMs, exp * (0.8 + Math.random() * 0.4));
}

function headerDelay(headers: Record<string, string>): number | undefined {
  const ms = Number.parseFloat(headers['retry-after-ms'] ?? '');
  if (Number.isFinite(ms) && ms >= 0) return ms;
  const raw = headers['retry-after'];
  if (!raw) return undefined;
  const seconds = Number.parseFloat(raw);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(raw);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

export function isRetryableError(error: unknown): boolean {
  return APICallError.isInstance(error) && error.isRetryable;
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

async function withRetries<T>(
  run: () => PromiseLike<T>,
  policy: RetryPolicy,
  signal: AbortSignal | undefined,
  onRetry?: (notice: RetryNotice) => void,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (error) {
      if (attempt > policy.maxRetries || !isRetryableError(error) || signal?.aborted) throw error;
      const delayMs = retryDelay(error, attempt, policy);
      onRetry?.({ attempt, delayMs, error });
      await sleep(delayMs, signal);
    }
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
    wrapGenerate: ({ doGenerate, params }) => withRetries(doGenerate, policy, params.abortSignal, onRetry),
    wrapStream: ({ doStream, params }) => withRetries(doStream, policy, params.abortSignal, onRetry),
  };
  return wrapLanguageModel({ model, middleware });
}
