/**
 * The spend of an optimisation (the scoring runs and the optimiser's own calls) against `--budget`.
 */
/** Tokens and USD spent so far, per phase, and what is left of the budget. */
export class SpendMeter {
  readonly phases = new Map<string, { tokens: number; cost_usd: number; calls: number }>();

  constructor(readonly budgetUsd: number | undefined) {}

  /** Counts one call's (or one phase's) spend under `phase`. */
  add(phase: string, tokens: number, costUsd: number, calls = 1): void {
    const entry = this.phases.get(phase) ?? { tokens: 0, cost_usd: 0, calls: 0 };
    entry.tokens += tokens;
    entry.cost_usd += costUsd;
    entry.calls += calls;
    this.phases.set(phase, entry);
  }

  /** USD spent in every phase. */
  get spentUsd(): number {
    let total = 0;
    for (const entry of this.phases.values()) total += entry.cost_usd;
    return total;
  }

  /** USD left of the budget (Infinity without one). */
  get remainingUsd(): number {
    return this.budgetUsd === undefined ? Number.POSITIVE_INFINITY : this.budgetUsd - this.spentUsd;
  }

  /** Whether the budget is spent. */
  get exhausted(): boolean {
    return this.remainingUsd <= 0;
  }
}
