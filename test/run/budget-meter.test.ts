import { describe, expect, it } from 'vitest';
import {
  agentsToStart,
  createState,
  halt,
  isHaltedAndIdle,
  startExecution,
} from '../../src/coordination/state.js';
import { addSpend, fitsBudget, NO_SPEND } from '../../src/run/budget-meter.js';

const rules = { novelty: 'lenient' as const, maxAnswersPerAgent: null, maxFailures: 3 };

describe('fitsBudget', () => {
  it('allows anything before the first call, then estimates each call at the mean', () => {
    expect(fitsBudget({ maxTokens: 100 }, NO_SPEND, 5)).toBe(true);
    const spend = addSpend(
      addSpend(NO_SPEND, { inputTokens: 20, outputTokens: 10 }, 0.1),
      { inputTokens: 10, outputTokens: 0 },
      0.2,
    );
    expect(spend).toEqual({ tokens: 40, costUsd: expect.closeTo(0.3, 10), calls: 2 });
    // mean 20 tokens: 40 + 3 × 20 = 100 fits, 40 + 4 × 20 does not.
    expect(fitsBudget({ maxTokens: 100 }, spend, 3)).toBe(true);
    expect(fitsBudget({ maxTokens: 100 }, spend, 4)).toBe(false);
    // mean $0.15: 0.3 + 0.15 = 0.45 fits in 0.5, two more calls do not.
    expect(fitsBudget({ maxCostUsd: 0.5 }, spend, 1)).toBe(true);
    expect(fitsBudget({ maxCostUsd: 0.5 }, spend, 2)).toBe(false);
    // Both limits must fit.
    expect(fitsBudget({ maxCostUsd: 0.5, maxTokens: 50 }, spend, 1)).toBe(false);
  });

  it('a limit already reached allows nothing, even when calls were free', () => {
    const spend = addSpend(NO_SPEND, { inputTokens: 100, outputTokens: 0 }, undefined);
    expect(fitsBudget({ maxTokens: 100 }, spend, 0)).toBe(false);
    expect(fitsBudget({ maxCostUsd: 0.01 }, spend, 10)).toBe(true);
  });
});

describe('halting coordination', () => {
  it('a halted state starts nothing and is over once no execution runs', () => {
    let state = createState(['a', 'b'], rules);
    state = startExecution(state, 'a');
    state = halt(state, 'budget');
    expect(agentsToStart(state)).toEqual([]);
    expect(isHaltedAndIdle(state)).toBe(false);
    state = { ...state, agents: state.agents.map((a) => ({ ...a, status: 'idle' as const })) };
    expect(isHaltedAndIdle(state)).toBe(true);
    expect(isHaltedAndIdle(createState(['a'], rules))).toBe(false);
  });
});
