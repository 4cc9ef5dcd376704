/**
 * Compression of a multi-turn session's history before a turn. The history is part of every agent's
 * first message, which conversation compression keeps verbatim, so a long history is condensed here:
 * when it takes more than half of `target_ratio` of the context window, the older turns are
 * summarised and the latest ones kept verbatim.
 */

import type { HistoryMessage } from '../types/history.js';
import { planCompression, transcript } from './compression-plan.js';
import type { Summariser } from './summarise.js';
import { estimateTokens } from './tokens.js';

/** Prefix of the history entry that holds the summary of older turns. */
export const HISTORY_SUMMARY_PREFIX = '[Summary of the earlier turns of this conversation]';

export interface HistoryCompressionInput {
  history: readonly HistoryMessage[];
  window: number;
  targetRatio: number;
  summarise: Summariser;
  signal: AbortSignal;
}

export interface HistoryCompression {
  history: HistoryMessage[];
  beforeTokens: number;
  afterTokens: number;
  messagesSummarised: number;
}

/** The history's budget: half of the compression target. */
export function historyBudget(window: number, targetRatio: number): number {
  return Math.floor((window * targetRatio) / 2);
}

/** The condensed history, or undefined when it fits (or nothing can be gained). Summariser errors are thrown. */
export async function compressHistory(
  input: HistoryCompressionInput,
): Promise<HistoryCompression | undefined> {
  const messages = input.history.map((m) => ({ role: m.role, content: m.content }));
  const budget = historyBudget(input.window, input.targetRatio);
  const before = estimateTokens('', messages);
  if (before <= budget) return undefined;
  const plan = planCompression({
    fixedTokens: 0,
    messages,
    keepHead: 0,
    targetTokens: budget,
    // Keep whole exchanges: the verbatim part starts with a question.
    canStartTail: (m) => m.role === 'user',
  });
  if (!plan) return undefined;
  const range = messages.slice(plan.start, plan.end);
  const summary = (await input.summarise(transcript(range), plan.summaryTokens, input.signal)).trim();
  if (!summary) return undefined;
  const history: HistoryMessage[] = [
    { role: 'user', content: `${HISTORY_SUMMARY_PREFIX}\n${summary}` },
    ...input.history.slice(plan.end),
  ];
  return {
    history,
    beforeTokens: before,
    afterTokens: estimateTokens('', history),
    messagesSummarised: range.length,
  };
}
