import { describe, expect, it } from 'vitest';
import { backoffDelay } from '../../src/tools/backoff.js';
import { CircuitBreaker } from '../../src/tools/mcp/circuit-breaker.js';

describe('CircuitBreaker', () => {
  it('opens after 3 consecutive failures for 300 s, then lets one trial through', () => {
    let now = 0;
    const breaker = new CircuitBreaker({ now: () => now });
    expect(breaker.recordFailure()).toBe(false);
    expect(breaker.recordFailure()).toBe(false);
    expect(breaker.tryAcquire()).toBe(true);
    expect(breaker.recordFailure()).toBe(true);
    expect(breaker.state).toBe('open');
    expect(breaker.retryAt).toBe(300_000);
    expect(breaker.tryAcquire()).toBe(false);
    now = 300_000;
    expect(breaker.state).toBe('half-open');
    expect(breaker.tryAcquire()).toBe(true);
    expect(breaker.tryAcquire()).toBe(false);
    expect(breaker.recordSuccess()).toBe(true);
    expect(breaker.state).toBe('closed');
  });

  it('doubles the open period each time it re-opens, at most ×8; success resets it', () => {
    let now = 0;
    const breaker = new CircuitBreaker({ now: () => now, openMs: 100 });
    for (let i = 0; i < 3; i++) breaker.recordFailure();
    const periods = [100];
    for (let k = 0; k < 4; k++) {
      now = breaker.retryAt;
      breaker.tryAcquire();
      expect(breaker.recordFailure()).toBe(true);
      periods.push(breaker.retryAt - now);
    }
    expect(periods).toEqual([100, 200, 400, 800, 800]);
    now = breaker.retryAt;
    breaker.tryAcquire();
    breaker.recordSuccess();
    for (let i = 0; i < 3; i++) breaker.recordFailure();
    expect(breaker.retryAt - now).toBe(100);
  });

  it('a cancelled trial frees the half-open slot', () => {
    let now = 0;
    const breaker = new CircuitBreaker({ now: () => now, openMs: 10 });
    for (let i = 0; i < 3; i++) breaker.recordFailure();
    now = 10;
    expect(breaker.tryAcquire()).toBe(true);
    breaker.cancel();
    expect(breaker.tryAcquire()).toBe(true);
  });

  it('backoff: base × 2^(n−1), capped at ×8', () => {
    expect([1, 2, 3, 4, 5, 9].map((n) => backoffDelay(n, 1000))).toEqual([
      1000, 2000, 4000, 8000, 8000, 8000,
    ]);
  });
});
