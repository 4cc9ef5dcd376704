/**
 * How many MCP servers of one run connect at the same time. Starting hundreds of server processes
 * at once (200 agents with 2 servers each) starves the machine, so that every start times out and
 * the run misses its deadline; the pool lets a few connect at a time and queues the rest, in order.
 */
import { ConfigError } from '../../errors.js';

/** Servers that connect at the same time unless configured otherwise. */
export const DEFAULT_MCP_START_CONCURRENCY = 8;

/** The environment variable that sets the pool's size (a whole number ≥ 1). */
export const MCP_START_CONCURRENCY_VARIABLE = 'MASSGEN_MCP_START_CONCURRENCY';

/** Gives back a slot; calling it again does nothing. */
export type ReleaseSlot = () => void;

interface Waiter {
  grant: (release: ReleaseSlot) => void;
}

/** A first-come, first-served pool of connection slots. */
export class StartPool {
  private free: number;
  private readonly waiting: Waiter[] = [];

  constructor(readonly size: number = DEFAULT_MCP_START_CONCURRENCY) {
    this.free = Math.max(1, Math.floor(size));
  }

  /** Slots in use now. */
  get busy(): number {
    return Math.max(1, Math.floor(this.size)) - this.free;
  }

  /** Waits for a slot. Rejects with the signal's reason when `signal` aborts first (the slot is not taken). */
  acquire(signal: AbortSignal): Promise<ReleaseSlot> {
    if (signal.aborted) return Promise.reject(signal.reason);
    if (this.free > 0) {
      this.free--;
      return Promise.resolve(this.releaser());
    }
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        grant: (release) => {
          signal.removeEventListener('abort', onAbort);
          resolve(release);
        },
      };
      const onAbort = () => {
        const at = this.waiting.indexOf(waiter);
        if (at >= 0) this.waiting.splice(at, 1);
        reject(signal.reason);
      };
      signal.addEventListener('abort', onAbort, { once: true });
      this.waiting.push(waiter);
    });
  }

  private releaser(): ReleaseSlot {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.waiting.shift();
      if (next) next.grant(this.releaser());
      else this.free++;
    };
  }
}

/**
 * The pool size `MASSGEN_MCP_START_CONCURRENCY` asks for, else the default. Throws a ConfigError
 * when the variable is set to anything but a whole number ≥ 1.
 */
export function startConcurrency(env: NodeJS.ProcessEnv): number {
  const text = env[MCP_START_CONCURRENCY_VARIABLE]?.trim();
  if (!text) return DEFAULT_MCP_START_CONCURRENCY;
  const value = Number(text);
  if (Number.isInteger(value) && value >= 1) return value;
  throw new ConfigError(
    `${MCP_START_CONCURRENCY_VARIABLE} must be a whole number of at least 1 (MCP servers that connect at the same time), got "${text.slice(0, 40)}"; unset it for the default, ${DEFAULT_MCP_START_CONCURRENCY}.`,
  );
}
