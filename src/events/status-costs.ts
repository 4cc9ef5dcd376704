/**
 * The `costs` block of status.json: token totals and estimated cost per agent and in total, summed
 * from `usage` events. Pure; the pricer is given (the price table is a large module that the
 * recorder loads at the run's first quiet moment: calls before that are priced once it is in).
 */
import type { AgentCosts, RunCosts } from './status-file.js';
import type { AgentInfo, TokenUsage } from './types.js';
import type { Pricer } from './usage-cost.js';

/** USD with no float noise (8 decimals). */
function usd(value: number): number {
  return Math.round(value * 1e8) / 1e8;
}

function emptyAgent(backend: string, model: string): AgentCosts {
  return {
    backend,
    model,
    input_tokens: 0,
    output_tokens: 0,
    reasoning_tokens: 0,
    cached_tokens: 0,
    calls: 0,
    estimated_cost: 0,
    unpriced_calls: 0,
  };
}

/** Costs of a run with nothing spent; `agents` seeds one entry per agent. */
export function initialCosts(agents: readonly AgentInfo[] = []): RunCosts {
  return {
    total_input_tokens: 0,
    total_output_tokens: 0,
    total_reasoning_tokens: 0,
    total_cached_tokens: 0,
    total_calls: 0,
    total_estimated_cost: 0,
    unpriced_calls: 0,
    agents: Object.fromEntries(agents.map((a) => [a.id, emptyAgent(a.backend, a.model)])),
  };
}

/** Adds one call of `agentId`, priced with `price` (no pricer: the call counts as unpriced). */
export function addCallCost(costs: RunCosts, agentId: string, usage: TokenUsage, price?: Pricer): RunCosts {
  const agent = costs.agents[agentId] ?? emptyAgent('', '');
  const cost = price && agent.model !== '' ? price(agent.backend, agent.model, usage) : undefined;
  const reasoning = usage.reasoningTokens ?? 0;
  const cached = usage.cachedInputTokens ?? 0;
  return {
    total_input_tokens: costs.total_input_tokens + usage.inputTokens,
    total_output_tokens: costs.total_output_tokens + usage.outputTokens,
    total_reasoning_tokens: costs.total_reasoning_tokens + reasoning,
    total_cached_tokens: costs.total_cached_tokens + cached,
    total_calls: costs.total_calls + 1,
    total_estimated_cost: usd(costs.total_estimated_cost + (cost ?? 0)),
    unpriced_calls: costs.unpriced_calls + (cost === undefined ? 1 : 0),
    agents: {
      ...costs.agents,
      [agentId]: {
        ...agent,
        input_tokens: agent.input_tokens + usage.inputTokens,
        output_tokens: agent.output_tokens + usage.outputTokens,
        reasoning_tokens: agent.reasoning_tokens + reasoning,
        cached_tokens: agent.cached_tokens + cached,
        calls: agent.calls + 1,
        estimated_cost: usd(agent.estimated_cost + (cost ?? 0)),
        unpriced_calls: agent.unpriced_calls + (cost === undefined ? 1 : 0),
      },
    },
  };
}

/**
 * Prices a call that {@link addCallCost} counted as unpriced (its pricer was not loaded yet): its
 * cost is added and it no longer counts as unpriced. A call the table has no price for stays so.
 */
export function priceCall(costs: RunCosts, agentId: string, usage: TokenUsage, price: Pricer): RunCosts {
  const agent = costs.agents[agentId];
  const cost = agent && agent.model !== '' ? price(agent.backend, agent.model, usage) : undefined;
  if (agent === undefined || cost === undefined) return costs;
  return {
    ...costs,
    total_estimated_cost: usd(costs.total_estimated_cost + cost),
    unpriced_calls: costs.unpriced_calls - 1,
    agents: {
      ...costs.agents,
      [agentId]: {
        ...agent,
        estimated_cost: usd(agent.estimated_cost + cost),
        unpriced_calls: agent.unpriced_calls - 1,
      },
    },
  };
}
