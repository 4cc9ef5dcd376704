/**
 * What a run's outcome reports beyond its result, read off the event stream by a pure reducer:
 * tokens and cost per agent and in total, the vote tally, and the winner once it is chosen. The
 * reducer is given its pricer, so that this module does not load the price table (see
 * outcome-tally.ts for the tally priced with it).
 */
import { pricedAs } from '../events/event-parts.js';
import type { CoordinationEvent, TokenUsage } from '../events/types.js';
import type { Pricer } from '../events/usage-cost.js';
import type { TokenTotals } from '../events/usage-totals.js';

/** Token and cost totals of an agent (or of the run). */
export interface UsageTotals extends TokenTotals {
  /** USD cost of the calls with a known price. */
  costUsd: number;
  /** Calls whose model has no known price (local servers, unknown models): not in `costUsd`. */
  unpricedCalls: number;
}

/** The tally of a run so far. */
export interface OutcomeTally {
  /** Totals of the whole run and of each agent (real ids). */
  usage: { total: UsageTotals; agents: Record<string, UsageTotals> };
  /** Valid votes per agent voted for (real ids): the winner's tally once it is chosen. */
  votes: Record<string, number>;
  /** The winner, from the moment it is chosen (also when the run is stopped afterwards). */
  winner?: string;
  /** Backend and model of each agent, for pricing. */
  models: Record<string, { backend: string; model: string }>;
  /** Current valid vote of each voter. */
  ballots: Record<string, string>;
}

export function emptyUsage(): UsageTotals {
  return {
    inputTokens: 0,
    outputTokens: 0,
    reasoningTokens: 0,
    cachedInputTokens: 0,
    calls: 0,
    costUsd: 0,
    unpricedCalls: 0,
  };
}

export function initialTally(): OutcomeTally {
  return { usage: { total: emptyUsage(), agents: {} }, votes: {}, models: {}, ballots: {} };
}

/** Adds `calls` calls (default one) of summed `usage` costing `cost` (undefined: unpriced). */
function add(totals: UsageTotals, usage: TokenUsage, cost: number | undefined, calls = 1): UsageTotals {
  return {
    inputTokens: totals.inputTokens + usage.inputTokens,
    outputTokens: totals.outputTokens + usage.outputTokens,
    reasoningTokens: totals.reasoningTokens + (usage.reasoningTokens ?? 0),
    cachedInputTokens: totals.cachedInputTokens + (usage.cachedInputTokens ?? 0),
    calls: totals.calls + calls,
    costUsd: totals.costUsd + (cost ?? 0),
    unpricedCalls: totals.unpricedCalls + (cost === undefined ? calls : 0),
  };
}

function countBallots(ballots: Record<string, string>): Record<string, number> {
  const votes: Record<string, number> = {};
  for (const target of Object.values(ballots)) votes[target] = (votes[target] ?? 0) + 1;
  return votes;
}

/** The events {@link reduceTallyWith} reads; every other event leaves the tally as it is. */
export const TALLY_EVENTS: ReadonlySet<CoordinationEvent['type']> = new Set([
  'run-start',
  'usage',
  'vote',
  'votes-invalidated',
  'attempt-start',
  'winner',
  'question-paraphrased',
]);

/** Applies one event; `price` prices each call's usage. Pure. */
export function reduceTallyWith(tally: OutcomeTally, event: CoordinationEvent, price: Pricer): OutcomeTally {
  switch (event.type) {
    case 'run-start':
      return {
        ...tally,
        models: Object.fromEntries(event.agents.map((a) => [a.id, pricedAs(a)])),
      };
    case 'usage': {
      const model = tally.models[event.agentId] ?? event.priceAs;
      const cost = model ? price(model.backend, model.model, event.usage) : undefined;
      const agent = add(tally.usage.agents[event.agentId] ?? emptyUsage(), event.usage, cost);
      return {
        ...tally,
        usage: {
          total: add(tally.usage.total, event.usage, cost),
          agents: { ...tally.usage.agents, [event.agentId]: agent },
        },
      };
    }
    case 'question-paraphrased': {
      // The paraphrasing's calls count in the run's total (they belong to no agent).
      if (event.calls === 0) return tally;
      const cost = price(event.backend, event.model, event.usage);
      return {
        ...tally,
        usage: { ...tally.usage, total: add(tally.usage.total, event.usage, cost, event.calls) },
      };
    }
    case 'vote': {
      const ballots = { ...tally.ballots, [event.agentId]: event.votedFor };
      return { ...tally, ballots, votes: countBallots(ballots) };
    }
    case 'votes-invalidated': {
      const ballots = { ...tally.ballots };
      for (const id of event.affected) delete ballots[id];
      delete ballots[event.agentId];
      return { ...tally, ballots, votes: countBallots(ballots) };
    }
    case 'attempt-start':
      return { ...tally, ballots: {}, votes: {}, winner: undefined };
    case 'winner':
      return { ...tally, winner: event.agentId, votes: { ...event.votes } };
    default:
      return tally;
  }
}
