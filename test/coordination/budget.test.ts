/** The budget in the orchestrator, driven by scripted models and a gate that counts calls. */
import { describe, expect, it } from 'vitest';
import type { BudgetGate } from '../../src/types/budget.js';
import { lookupTool, oneToolRegistry } from '../support/one-tool.js';
import { setup } from '../support/run-setup.js';
import { consensusResponder, isEvaluation, type Responder, runtime } from '../support/scripted-model.js';

/** A gate that allows `room` more calls in total; `calls()` counts the model calls made. */
function gate(room: number): BudgetGate & { use(): void } {
  let used = 0;
  return {
    limits: { maxTokens: room },
    allows: (calls) => used + calls <= room,
    spent: () => ({ costUsd: 0, tokens: used, calls: used }),
    use: () => {
      used++;
    },
  };
}

const counted =
  (name: string, budget: { use(): void }, evaluations: { n: number }): Responder =>
  (prompt, call, options) => {
    budget.use();
    if (isEvaluation(options)) {
      evaluations.n++;
      return { toolCalls: [{ name: 'submit', args: { confirmed: true } }] };
    }
    return consensusResponder(name)(prompt, call, options);
  };

describe('budget', () => {
  it('room for the answers and the presentation only: no votes, no post-evaluation, status budget', async () => {
    const budget = gate(3);
    const evaluations = { n: 0 };
    const agents = [
      runtime('a', 0, counted('a', budget, evaluations)),
      runtime('b', 1, counted('b', budget, evaluations)),
    ];
    const t = setup(agents, { budget, maxRestarts: 1 });
    const result = await t.run();
    expect(result).toMatchObject({ status: 'budget', winner: 'a', finalAnswer: 'Final answer by a' });
    expect(budget.spent().calls).toBe(3);
    expect(evaluations.n).toBe(0);
    expect(t.of('vote')).toHaveLength(0);
    expect(t.of('notice').map((n) => n.message)).toEqual([
      'Budget reached (2 of 3 tokens): no new agent work starts.',
    ]);
    expect(t.of('run-end')[0]).toMatchObject({ status: 'budget', winner: 'a' });
  });

  it('room for a clean consensus and its presentation, not for the post-evaluation', async () => {
    const budget = gate(5);
    const evaluations = { n: 0 };
    const agents = [
      runtime('a', 0, counted('a', budget, evaluations)),
      runtime('b', 1, counted('b', budget, evaluations)),
    ];
    const t = setup(agents, { budget, maxRestarts: 1 });
    const result = await t.run();
    expect(result).toMatchObject({ status: 'budget', winner: 'a', finalAnswer: 'Final answer by a' });
    expect(budget.spent().calls).toBe(5);
    expect(t.of('vote')).toHaveLength(2);
    expect(evaluations.n).toBe(0);
    expect(t.of('notice').map((n) => n.message)).toEqual([
      'Budget reached (5 of 5 tokens): the final answer is not evaluated.',
    ]);
  });

  it('no room for the presentation: the winner’s stored answer is final', async () => {
    const budget = gate(2);
    const evaluations = { n: 0 };
    const agents = [
      runtime('a', 0, counted('a', budget, evaluations)),
      runtime('b', 1, counted('b', budget, evaluations)),
    ];
    const t = setup(agents, { budget });
    const result = await t.run();
    expect(result).toMatchObject({ status: 'budget', winner: 'a' });
    expect(budget.spent().calls).toBe(2);
    expect(t.of('final-answer')).toEqual([expect.objectContaining({ agentId: 'a', fromStoredAnswer: true })]);
    expect(t.of('final-end')[0]).toMatchObject({ outcome: 'stored-answer' });
  });

  it('an agent in a tool loop is told to finish once one more call does not fit', async () => {
    const budget = gate(3);
    let lookups = 0;
    const a = runtime('a', 0, (prompt, call, options) => {
      budget.use();
      // Looks things up for as long as its tool is offered, then answers.
      if (options.tools?.some((t) => t.name === 'custom_tool__lookup')) {
        return { toolCalls: [{ name: 'custom_tool__lookup', args: { q: 'more' } }] };
      }
      return consensusResponder('a')(prompt, call, options);
    });
    a.tools = oneToolRegistry(
      'a',
      lookupTool(() => {
        lookups++;
        return 'found';
      }),
    );
    const t = setup([a], { budget });
    const result = await t.run();
    // Three lookups fill the budget; the fourth call, without the tool, answers.
    expect(lookups).toBe(3);
    expect(budget.spent().calls).toBe(4);
    expect(result).toMatchObject({ status: 'budget', winner: 'a', finalAnswer: 'Answer by a' });
    expect(t.of('notice').map((n) => n.message)[0]).toBe(
      'Budget reached: a is asked to finish with new_answer or vote, without more tool calls.',
    );
  });
});
