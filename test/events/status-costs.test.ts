import { describe, expect, it } from 'vitest';
import { addCallCost, addParaphraseCost, initialCosts, priceLater } from '../../src/events/status-costs.js';
import type { Pricer } from '../../src/events/usage-cost.js';

const agents = [
  { id: 'a', label: 'agent1', backend: 'openai', model: 'priced' },
  { id: 'b', label: 'agent2', backend: 'chatcompletion', model: 'local' },
];
const price: Pricer = (_backend, model, usage) =>
  model === 'priced' ? usage.inputTokens * 0.001 + usage.outputTokens * 0.002 : undefined;

describe('status.json costs priced after the price table loads', () => {
  it('prices calls first counted as unpriced, exactly as if the table had been there', () => {
    const usage = { inputTokens: 100, outputTokens: 50 };
    let later = initialCosts(agents);
    later = addCallCost(later, 'a', usage);
    later = addCallCost(later, 'b', usage);
    expect(later.unpriced_calls).toBe(2);
    later = priceLater(later, { kind: 'call', agentId: 'a', usage }, price);
    later = priceLater(later, { kind: 'call', agentId: 'b', usage }, price);
    const direct = addCallCost(addCallCost(initialCosts(agents), 'a', usage, price), 'b', usage, price);
    expect(later).toEqual(direct);
    expect(later.total_estimated_cost).toBe(0.2);
    expect(later.unpriced_calls).toBe(1);
    expect(later.agents.b?.unpriced_calls).toBe(1);
  });

  it('prices the question paraphrasing’s calls the same way', () => {
    const run = {
      backend: 'openai',
      model: 'priced',
      calls: 3,
      usage: { inputTokens: 30, outputTokens: 10 },
    };
    const later = priceLater(
      addParaphraseCost(initialCosts(agents), run),
      { kind: 'paraphrase', ...run },
      price,
    );
    expect(later).toEqual(addParaphraseCost(initialCosts(agents), run, price));
    expect(later.unpriced_calls).toBe(0);
    expect(later.paraphrase?.estimated_cost).toBe(0.05);
  });
});
