/**
 * The `costs` block of status.json: token totals and estimated cost per agent and in total, summed
 * from `usage` events (and the question paraphrasing's calls). Pure; the pricer is given (the price table is a large module that the
 * recorder loads at the run's first quiet moment: calls before that are priced once it is in).
 */

import { type AgentInfo, pricedAs } from './event-parts.js';
import type { AgentCosts, RunCosts } from './status-file.js';
import type { TokenUsage } from './types.js';
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
    agents: Object.fromEntries(
      agents.map((a) => {
        const priced = pricedAs(a);
        return [a.id, emptyAgent(priced.backend, priced.model)];
      }),
    ),
  };
}

/** `entry` with `calls` calls of summed `usage` costing `cost` (undefined: unpriced) added. */
function addTo(entry: AgentCosts, usage: TokenUsage, calls: number, cost: number | undefined): AgentCosts {
  return {
    ...entry,
    input_tokens: entry.input_tokens + usage.inputTokens,
    output_tokens: entry.output_tokens + usage.outputTokens,
    reasoning_tokens: entry.reasoning_tokens + (usage.reasoningTokens ?? 0),
    cached_tokens: entry.cached_tokens + (usage.cachedInputTokens ?? 0),
    calls: entry.calls + calls,
    estimated_cost: usd(entry.estimated_cost + (cost ?? 0)),
    unpriced_calls: entry.unpriced_calls + (cost === undefined ? calls : 0),
  };
}

function addToTotals(
  costs: RunCosts,
  usage: TokenUsage,
  calls: number,
  cost: number | undefined,
): Omit<RunCosts, 'agents' | 'paraphrase'> {
  return {
    total_input_tokens: costs.total_input_tokens + usage.inputTokens,
    total_output_tokens: costs.total_output_tokens + usage.outputTokens,
    total_reasoning_tokens: costs.total_reasoning_tokens + (usage.reasoningTokens ?? 0),
    total_cached_tokens: costs.total_cached_tokens + (usage.cachedInputTokens ?? 0),
    total_calls: costs.total_calls + calls,
    total_estimated_cost: usd(costs.total_estimated_cost + (cost ?? 0)),
    unpriced_calls: costs.unpriced_calls + (cost === undefined ? calls : 0),
  };
}

/**
 * Adds one call of `agentId`, priced with `price` (no pricer: the call counts as unpriced);
 * `priceAs` names the model of a caller that is no agent of the run (its first call adds its entry).
 */
export function addCallCost(
  costs: RunCosts,
  agentId: string,
  usage: TokenUsage,
  price?: Pricer,
  priceAs?: { backend: string; model: string },
): RunCosts {
  const agent = costs.agents[agentId] ?? emptyAgent(priceAs?.backend ?? '', priceAs?.model ?? '');
  const cost = price && agent.model !== '' ? price(agent.backend, agent.model, usage) : undefined;
  return {
    ...costs,
    ...addToTotals(costs, usage, 1, cost),
    agents: { ...costs.agents, [agentId]: addTo(agent, usage, 1, cost) },
  };
}

/** Adds the question paraphrasing's calls (`costs.paraphrase`). */
export function addParaphraseCost(
  costs: RunCosts,
  run: { backend: string; model: string; calls: number; usage: TokenUsage },
  price?: Pricer,
): RunCosts {
  if (run.calls === 0) return costs;
  const cost = price?.(run.backend, run.model, run.usage);
  const entry = costs.paraphrase ?? emptyAgent(run.backend, run.model);
  return {
    ...costs,
    ...addToTotals(costs, run.usage, run.calls, cost),
    paraphrase: addTo(entry, run.usage, run.calls, cost),
  };
}

/** `entry` with `calls` of its calls, first counted unpriced, now costing `cost`. */
function priceIn(entry: AgentCosts, calls: number, cost: number): AgentCosts {
  return {
    ...entry,
    estimated_cost: usd(entry.estimated_cost + cost),
    unpriced_calls: entry.unpriced_calls - calls,
  };
}

/** The same for the run's totals. */
function priceInTotals(costs: RunCosts, calls: number, cost: number): RunCosts {
  return {
    ...costs,
    total_estimated_cost: usd(costs.total_estimated_cost + cost),
    unpriced_calls: costs.unpriced_calls - calls,
  };
}

/** What a priced event brought to the costs: an agent's call, or the question paraphrasing's calls. */
export type CostSource =
  | { kind: 'call'; agentId: string; usage: TokenUsage }
  | { kind: 'paraphrase'; backend: string; model: string; calls: number; usage: TokenUsage };

/**
 * Prices calls that {@link addCallCost} or {@link addParaphraseCost} counted as unpriced because the
 * pricer was not loaded yet: their cost is added and they no longer count as unpriced. Calls the
 * table has no price for stay unpriced.
 */
export function priceLater(costs: RunCosts, source: CostSource, price: Pricer): RunCosts {
  if (source.kind === 'paraphrase') {
    const entry = costs.paraphrase;
    const cost = price(source.backend, source.model, source.usage);
    if (entry === undefined || cost === undefined || source.calls === 0) return costs;
    return { ...priceInTotals(costs, source.calls, cost), paraphrase: priceIn(entry, source.calls, cost) };
  }
  const agent = costs.agents[source.agentId];
  const cost = agent && agent.model !== '' ? price(agent.backend, agent.model, source.usage) : undefined;
  if (agent === undefined || cost === undefined) return costs;
  return {
    ...priceInTotals(costs, 1, cost),
    agents: { ...costs.agents, [source.agentId]: priceIn(agent, 1, cost) },
  };
}
