import { describe, expect, it } from 'vitest';
import { addCallCost, initialCosts, priceCall } from '../../src/events/status-costs.js';
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
    later = priceCall(priceCall(later, 'a', usage, price), 'b', usage, price);
    const direct = addCallCost(addCallCost(initialCosts(agents), 'a', usage, price), 'b', usage, price);
    expect(later).toEqual(direct);
    expect(later.total_estimated_cost).toBe(0.2);
    expect(later.unpriced_calls).toBe(1);
    expect(later.agents.b?.unpriced_calls).toBe(1);
  });
});
