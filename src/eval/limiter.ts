/** Counting semaphores: at most N holders at once, the others wait in arrival order. */

/** A counting semaphore. */
export class Limiter {
  #free: number;
  readonly #waiting: Array<() => void> = [];

  constructor(readonly limit: number) {
    this.#free = limit;
  }

  /** Resolves once a slot is held; call the returned function once to give it back. */
  async acquire(): Promise<() => void> {
    if (this.#free > 0) this.#free--;
    else await new Promise<void>((resolve) => this.#waiting.push(resolve));
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.#waiting.shift();
      if (next) next();
      else this.#free++;
    };
  }
}

/** One limiter per provider (backend type) that has a limit. */
export class ProviderLimits {
  readonly #limiters = new Map<string, Limiter>();

  constructor(limits: Readonly<Record<string, number>>) {
    for (const [provider, n] of Object.entries(limits)) this.#limiters.set(provider, new Limiter(n));
  }

  /** The limiter of a backend type, if it has a limit. */
  of(provider: string): Limiter | undefined {
    return this.#limiters.get(provider);
  }
}
