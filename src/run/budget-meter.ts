/**
 * The budget of a run: its spend, summed from the `usage` events of the run, and the pure rule that
 * decides whether more calls fit. Coordination asks it for room for one more execution and the
 * presentation; the presentation asks for room for itself (src/coordination/coordinate.ts and
 * orchestrator.ts).
 */
import { pricedAs } from '../events/event-parts.js';
import type { CoordinationEvent, TokenUsage } from '../events/types.js';
import type { Pricer } from '../events/usage-cost.js';
import type { BudgetGate, BudgetLimits, BudgetSpend } from '../types/budget.js';

export const NO_SPEND: BudgetSpend = { costUsd: 0, tokens: 0, calls: 0 };

/** Adds one call. */
export function addSpend(spend: BudgetSpend, usage: TokenUsage, costUsd: number | undefined): BudgetSpend {
  return {
    costUsd: spend.costUsd + (costUsd ?? 0),
    tokens: spend.tokens + usage.inputTokens + usage.outputTokens,
    calls: spend.calls + 1,
  };
}

/**
 * Whether `calls` more calls, each estimated at the mean of the calls so far, keep the spend within
 * every limit. A limit already reached allows nothing.
 */
export function fitsBudget(limits: BudgetLimits, spend: BudgetSpend, calls: number): boolean {
  const fits = (limit: number | undefined, used: number) => {
    if (limit === undefined) return true;
    if (used >= limit) return false;
    const mean = spend.calls === 0 ? 0 : used / spend.calls;
    return used + mean * calls <= limit;
  };
  return fits(limits.maxCostUsd, spend.costUsd) && fits(limits.maxTokens, spend.tokens);
}

/** The limits as text: `$0.50`, `10000 tokens`, or both. */
export function budgetText(limits: BudgetLimits): string {
  const parts: string[] = [];
  if (limits.maxCostUsd !== undefined) parts.push(`$${limits.maxCostUsd}`);
  if (limits.maxTokens !== undefined) parts.push(`${limits.maxTokens} tokens`);
  return parts.join(' / ');
}

/** Whether a budget sets any limit. */
export function hasLimits(limits: BudgetLimits | undefined): limits is BudgetLimits {
  return limits !== undefined && (limits.maxCostUsd !== undefined || limits.maxTokens !== undefined);
}

/** A budget gate that reads the run's `usage` events; `price` prices each call of an agent. */
export class BudgetMeter implements BudgetGate {
  readonly limits: BudgetLimits;
  private spend: BudgetSpend = NO_SPEND;
  private readonly price: Pricer | undefined;
  private models: Record<string, { backend: string; model: string }> = {};

  constructor(limits: BudgetLimits, price?: Pricer) {
    this.limits = limits;
    this.price = price;
  }

  /** Reads one event of the run. */
  observe(event: CoordinationEvent): void {
    if (event.type === 'run-start') {
      this.models = Object.fromEntries(event.agents.map((a) => [a.id, pricedAs(a)]));
    } else if (event.type === 'question-paraphrased') {
      // Spent, but not counted as calls: the estimate of the next call stays that of agent calls.
      const cost = this.price?.(event.backend, event.model, event.usage);
      const spent = addSpend(this.spend, event.usage, cost);
      this.spend = { ...spent, calls: this.spend.calls };
    } else if (event.type === 'usage') {
      const model = this.models[event.agentId] ?? event.priceAs;
      const cost = model && this.price ? this.price(model.backend, model.model, event.usage) : undefined;
      this.spend = addSpend(this.spend, event.usage, cost);
    }
  }

  allows(calls: number): boolean {
    return fitsBudget(this.limits, this.spend, calls);
  }

  spent(): BudgetSpend {
    return this.spend;
  }
}
