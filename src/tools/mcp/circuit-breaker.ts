/**
 * A circuit breaker per MCP server (MassGen's numbers): after `threshold` consecutive transport
 * failures (timeouts, broken connections — not tool errors) it opens and calls fail fast for
 * `openMs`, doubling each time it opens again (at most ×8). After that period one trial call goes
 * through (half-open): success closes it, failure opens it again.
 */
import { backoffDelay } from '../backoff.js';

export interface CircuitBreakerOptions {
  /** Consecutive failures that open the circuit; default 3. */
  threshold?: number;
  /** First open period; default 300 s. */
  openMs?: number;
  /** Growth of the open period each time it opens again; default 2. */
  factor?: number;
  /** Cap of that growth; default 8. */
  maxMultiplier?: number;
  /** Clock; default Date.now. */
  now?: () => number;
}

export type CircuitState = 'closed' | 'open' | 'half-open';

export class CircuitBreaker {
  private readonly threshold: number;
  private readonly openMs: number;
  private readonly factor: number;
  private readonly maxMultiplier: number;
  private readonly now: () => number;
  private failures = 0;
  private opens = 0;
  private openUntil = 0;
  private trialInFlight = false;

  constructor(options: CircuitBreakerOptions = {}) {
    this.threshold = options.threshold ?? 3;
    this.openMs = options.openMs ?? 300_000;
    this.factor = options.factor ?? 2;
    this.maxMultiplier = options.maxMultiplier ?? 8;
    this.now = options.now ?? Date.now;
  }

  get state(): CircuitState {
    if (this.failures < this.threshold) return 'closed';
    return this.now() < this.openUntil ? 'open' : 'half-open';
  }

  /** When an open circuit lets the next trial through (ms since the epoch); 0 when closed. */
  get retryAt(): number {
    return this.failures < this.threshold ? 0 : this.openUntil;
  }

  /** Whether a call may go out now. In half-open state only one trial call is let through. */
  tryAcquire(): boolean {
    const state = this.state;
    if (state === 'closed') return true;
    if (state === 'open' || this.trialInFlight) return false;
    this.trialInFlight = true;
    return true;
  }

  /** A call succeeded (or failed only at tool level): the circuit closes. Returns whether it was open. */
  recordSuccess(): boolean {
    const wasOpen = this.failures >= this.threshold;
    this.failures = 0;
    this.opens = 0;
    this.trialInFlight = false;
    return wasOpen;
  }

  /** A call ended without telling anything about the server (the turn was cancelled). */
  cancel(): void {
    this.trialInFlight = false;
  }

  /** A transport failure. Returns true when this failure opened (or re-opened) the circuit. */
  recordFailure(): boolean {
    this.trialInFlight = false;
    this.failures++;
    if (this.failures < this.threshold) return false;
    this.opens++;
    this.openUntil = this.now() + backoffDelay(this.opens, this.openMs, this.factor, this.maxMultiplier);
    return true;
  }
}
