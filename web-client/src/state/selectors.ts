/** Figures derived from the run state: tallies, totals and the layout the agents need. */
import type { RunState, VoteRound } from './run-state.js';

export { formatCost, formatTokens } from '../../../src/ui/cost.js';

/** Counted votes of a round per agent voted for (ignored ones are not counted). */
export function roundTally(round: VoteRound): Record<string, number> {
  const tally: Record<string, number> = {};
  for (const v of round.votes) {
    if (v.ignored === undefined) tally[v.votedFor] = (tally[v.votedFor] ?? 0) + 1;
  }
  return tally;
}

/** The tally that decides the run: the winner's own when chosen, else the current round's. */
export function currentTally(state: RunState): Record<string, number> {
  if (state.winner !== undefined) return state.winner.votes;
  return roundTally(state.rounds[state.rounds.length - 1]!);
}

/**
 * Total tokens and cost of the run (the agents' and the question paraphrasing's); `cost` is
 * undefined while no call could be priced.
 */
export function runTotals(state: RunState): { tokens: number; cost?: number; unpriced: boolean } {
  let tokens = 0;
  let cost: number | undefined;
  let unpriced = false;
  for (const id of state.order) {
    const a = state.agents[id]!;
    tokens += a.usage.inputTokens + a.usage.outputTokens;
    if (a.cost !== undefined) cost = (cost ?? 0) + a.cost;
    unpriced ||= a.unpriced;
  }
  const extra = state.overheadUsage;
  if (extra) {
    tokens += extra.tokens;
    if (extra.cost !== undefined) cost = (cost ?? 0) + extra.cost;
    unpriced ||= extra.unpriced;
  }
  return cost === undefined ? { tokens, unpriced } : { tokens, cost, unpriced };
}

/** How the agents are laid out: a column each up to 4, a grid up to 19, a compact table from 20. */
export type AgentLayout = 'columns' | 'grid' | 'table';

export function agentLayout(count: number): AgentLayout {
  if (count <= 4) return 'columns';
  return count < 20 ? 'grid' : 'table';
}

/** Every answer given in the run, in order, newest attempt last. */
export function allAnswers(state: RunState) {
  return state.order.flatMap((id) => state.agents[id]!.answers).sort((a, b) => a.ts - b.ts);
}
