/** What a run may spend, and the port the orchestrator asks before it starts more agent work. */

/** The limits of a run (`budget:` in the config, `--max-cost` on the command line). */
export interface BudgetLimits {
  /** Most USD the run may spend on priced model calls. */
  maxCostUsd?: number;
  /** Most tokens (input + output of every call) the run may use. */
  maxTokens?: number;
}

/** What a run has spent so far. */
export interface BudgetSpend {
  costUsd: number;
  /** Input + output tokens. */
  tokens: number;
  /** Model calls counted. */
  calls: number;
}

/**
 * The budget as the orchestrator sees it. The next model call is estimated at the mean of the
 * calls so far (nothing before the first call), so `allows(n)` says whether `n` more calls are
 * expected to stay within every limit.
 */
export interface BudgetGate {
  readonly limits: BudgetLimits;
  /** Whether `calls` more model calls are expected to stay within the budget. */
  allows(calls: number): boolean;
  /** The spend so far. */
  spent(): BudgetSpend;
}
