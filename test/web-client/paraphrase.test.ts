import { describe, expect, it } from 'vitest';
import type { Pricer } from '../../src/events/usage-cost.js';
import { runTotals } from '../../web-client/src/state/selectors.js';
import { start, stateOf } from './events.js';

/** $0.001 per input token on every model. */
const price: Pricer = (_backend, _model, usage) => usage.inputTokens / 1000;

describe('web page: question paraphrasing', () => {
  it('shows each agent its variant and counts the paraphrasing calls in the run totals', () => {
    const s = stateOf(
      [
        start(['a', 'b']),
        {
          type: 'question-paraphrased',
          variants: ['V1'],
          assignments: { a: 'V1', b: 'V1' },
          dropped: 0,
          cached: false,
          backend: 'openai',
          model: 'gpt-4o-mini',
          calls: 2,
          usage: { inputTokens: 200, outputTokens: 20 },
        },
        { type: 'usage', agentId: 'a', phase: 'coordination', usage: { inputTokens: 100, outputTokens: 10 } },
      ],
      price,
    );
    expect(s.agents.a!.paraphrase).toBe('V1');
    expect(s.agents.b!.paraphrase).toBe('V1');
    expect(runTotals(s)).toEqual({ tokens: 330, cost: expect.closeTo(0.3, 10), unpriced: false });
  });
});
