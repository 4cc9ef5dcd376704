/**
 * Token totals of a set of model calls, summed from `usage` events: what the displays (the terminal
 * UI, the web page) show per agent and per run.
 */
import type { TokenUsage } from './types.js';

/** Tokens of all of an agent's (or a run's) calls (the run's outcome adds their cost: UsageTotals). */
export interface TokenTotals {
  inputTokens: number;
  outputTokens: number;
  reasoningTokens: number;
  cachedInputTokens: number;
  calls: number;
}

export const EMPTY_USAGE: TokenTotals = {
  inputTokens: 0,
  outputTokens: 0,
  reasoningTokens: 0,
  cachedInputTokens: 0,
  calls: 0,
};

/** Adds one call's usage to the totals. */
export function addUsage(totals: TokenTotals, usage: TokenUsage): TokenTotals {
  return {
    inputTokens: totals.inputTokens + usage.inputTokens,
    outputTokens: totals.outputTokens + usage.outputTokens,
    reasoningTokens: totals.reasoningTokens + (usage.reasoningTokens ?? 0),
    cachedInputTokens: totals.cachedInputTokens + (usage.cachedInputTokens ?? 0),
    calls: totals.calls + 1,
  };
}
