/**
 * Tokens and cost of a finished run as the plain and automation printers show them after the run
 * (the live terminal UI has its own summary). Read from the run's outcome, which is priced.
 */
import type { TokenTotals } from '../events/usage-totals.js';
import { formatCost, formatTokens } from './cost.js';

/** Tokens and cost of an agent or a run (the run outcome's `usage` entries). */
export interface UsageTotals extends TokenTotals {
  costUsd: number;
  unpricedCalls: number;
}

/** The run's totals and each agent's. */
export interface UsageSummary {
  total: UsageTotals;
  agents: Record<string, UsageTotals>;
}

/** `--automation` lines: `TOKENS: …`, `COST_USD: …` and `UNPRICED_CALLS: n` when some had no price. */
export function automationUsageLines(usage: UsageSummary): string[] {
  const t = usage.total;
  const lines = [
    `TOKENS: input=${t.inputTokens} output=${t.outputTokens} reasoning=${t.reasoningTokens} cached=${t.cachedInputTokens} calls=${t.calls}`,
    `COST_USD: ${roundUsd(t.costUsd)}`,
  ];
  if (t.unpricedCalls > 0) lines.push(`UNPRICED_CALLS: ${t.unpricedCalls}`);
  return lines;
}

/** Plain display lines: the total, then one line per agent. */
export function plainUsageLines(usage: UsageSummary): string[] {
  const line = (t: UsageTotals) =>
    `${formatTokens(t.inputTokens + t.outputTokens)} tokens (${t.inputTokens} in, ${t.outputTokens} out` +
    `${t.reasoningTokens > 0 ? `, ${t.reasoningTokens} reasoning` : ''}${t.cachedInputTokens > 0 ? `, ${t.cachedInputTokens} cached` : ''}) · ` +
    `${formatCost(t.costUsd)}${t.unpricedCalls > 0 ? ` + ${t.unpricedCalls} unpriced call(s)` : ''}`;
  return [
    `Usage: ${line(usage.total)}`,
    ...Object.entries(usage.agents).map(([id, totals]) => `  ${id}: ${line(totals)}`),
  ];
}

/** USD rounded to 8 decimals (no float noise), as a plain number. */
export function roundUsd(usd: number): number {
  return Math.round(usd * 1e8) / 1e8;
}
