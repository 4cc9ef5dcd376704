/** The terminal UI prices an agent's usage as its `priceAs` (a framework agent on a provider's model). */
import { describe, expect, it } from 'vitest';
import { usageCost } from '../../src/ui/cost.js';
import { reduceRun } from '../../src/ui/tui/reducer.js';
import { initialRunView } from '../../src/ui/tui/state.js';
import { ev } from './helpers.js';

describe('terminal UI: priceAs', () => {
  it("prices a framework agent's calls as the backend and model it runs on", () => {
    const events = [
      ev({
        type: 'run-start',
        question: 'Q',
        agents: [
          {
            id: 'framework',
            label: 'agent1',
            backend: 'adapter',
            model: 'adapter',
            priceAs: { backend: 'openai', model: 'gpt-4o-mini' },
          },
          { id: 'custom', label: 'agent2', backend: 'adapter', model: 'adapter' },
        ],
      }),
      ev({
        type: 'usage',
        agentId: 'framework',
        phase: 'coordination',
        usage: { inputTokens: 1000, outputTokens: 500 },
      }),
      ev({
        type: 'usage',
        agentId: 'custom',
        phase: 'coordination',
        usage: { inputTokens: 1000, outputTokens: 500 },
      }),
    ];
    const view = events.reduce((v, e) => reduceRun(v, e, usageCost), initialRunView());
    // gpt-4o-mini: $0.15 / $0.60 per million tokens.
    expect(view.agents.framework?.cost).toBeCloseTo(0.00045, 10);
    expect(view.agents.framework?.unpriced).toBe(false);
    expect(view.agents.custom?.cost).toBeUndefined();
    expect(view.agents.custom?.unpriced).toBe(true);
  });
});
