/** Exponential backoff shared by MCP start-up retries and the circuit breaker. */

/** `base × factor^(attempt−1)`, the multiplier capped at `maxMultiplier` (MassGen: ×2, at most ×8). */
export function backoffDelay(attempt: number, baseMs: number, factor = 2, maxMultiplier = 8): number {
  return baseMs * Math.min(factor ** Math.max(0, attempt - 1), maxMultiplier);
}

/** Resolves after `ms`, or rejects with the signal's reason when it aborts first. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
