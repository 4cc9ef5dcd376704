/**
 * Tokens and cost of the calls made for a run by no agent — the question paraphrasing, the group
 * chat's own speaker selector — as the displays add them to the run's totals. Pure; no Node modules
 * (the web page reads it too).
 */
import type { TokenUsage } from './event-parts.js';

/** What the run's calls of no agent have spent so far. */
export interface OverheadUsage {
  tokens: number;
  /** USD; absent while no call of them was priced. */
  cost?: number;
  /** Some call had no price. */
  unpriced: boolean;
}

/** `so far` with one more batch of calls (`cost` undefined: unpriced) added. */
export function addOverhead(
  soFar: OverheadUsage | undefined,
  usage: TokenUsage,
  cost: number | undefined,
): OverheadUsage {
  const total = soFar?.cost === undefined ? cost : soFar.cost + (cost ?? 0);
  return {
    tokens: (soFar?.tokens ?? 0) + usage.inputTokens + usage.outputTokens,
    ...(total === undefined ? {} : { cost: total }),
    unpriced: (soFar?.unpriced ?? false) || cost === undefined,
  };
}
