import { describe, expect, it } from 'vitest';
import { oneToolRegistry } from '../support/one-tool.js';
import { setup } from '../support/run-setup.js';
import {
  consensusResponder,
  isEvaluation,
  promptText,
  type Responder,
  runtime,
  type ScriptedReply,
} from '../support/scripted-model.js';

/** Follows the protocol; in post-evaluation replies with `evaluate(n)` (n = evaluation count). */
function withEvaluation(name: string, evaluate: (n: number, prompt: string) => ScriptedReply): Responder {
  let evaluations = 0;
  return (prompt, call, options) => {
    if (isEvaluation(options)) return evaluate(++evaluations, promptText(prompt));
    return consensusResponder(name)(prompt, call, options);
  };
}

async function run(agents: ReturnType<typeof runtime>[], maxRestarts: number, debugFinalAnswer?: string) {
  const t = setup(agents, { question: 'Describe two people.', maxRestarts, debugFinalAnswer });
  const result = await t.run();
  return { result, events: t.events };
}

const restart = {
  toolCalls: [
    {
      name: 'restart_orchestration',
      args: { reason: 'Only one person described', instructions: 'Describe both people' },
    },
  ],
};
const submit = { toolCalls: [{ name: 'submit', args: { confirmed: true } }] };
const check = { name: 'custom_tool__check', args: { claim: '2+2' } };

/** Tools with one `custom_tool__check(claim)` that answers `verified: 4`. */
const checkTool = (onCheck: () => void) =>
  oneToolRegistry('a', {
    name: 'custom_tool__check',
    description: 'Check a claim.',
    param: 'claim',
    respond: () => {
      onCheck();
      return 'verified: 4';
    },
  });

describe('submit or restart', () => {
  it('restarts once with the feedback in every agent prompt, then submits', async () => {
    const a = runtime(
      'a',
      0,
      withEvaluation('a', (n) => (n === 1 ? restart : submit)),
    );
    const b = runtime('b', 1, consensusResponder('b'));
    const { result, events } = await run([a, b], 2);
    expect(result).toMatchObject({ status: 'completed', winner: 'a', finalAnswer: 'Final answer by a' });
    const attempts = events.filter((e) => e.type === 'attempt-start');
    expect(attempts).toMatchObject([
      { attempt: 1, maxAttempts: 3 },
      {
        attempt: 2,
        maxAttempts: 3,
        reason: 'Only one person described',
        instructions: 'Describe both people',
      },
    ]);
    expect(
      events
        .filter((e) => e.type === 'post-evaluation')
        .map((e) => e.type === 'post-evaluation' && e.decision),
    ).toEqual(['restart', 'submit']);
    // Attempt 2's prompts carry the reason, the instructions and the previous final answer.
    const secondAttemptCalls = b.mock.doStreamCalls.slice(2);
    // Its answer and its vote.
    expect(secondAttemptCalls).toHaveLength(2);
    for (const call of secondAttemptCalls) {
      const system = JSON.stringify(call.prompt.find((m) => m.role === 'system'));
      expect(system).toContain('PREVIOUS ATTEMPT FEEDBACK');
      expect(system).toContain('Only one person described');
      expect(system).toContain('Describe both people');
      expect(system).toContain('Final answer by a');
    }
    expect(JSON.stringify(b.mock.doStreamCalls[0]!.prompt)).not.toContain('PREVIOUS ATTEMPT');
  });

  it('does not evaluate the last allowed attempt', async () => {
    const a = runtime(
      'a',
      0,
      withEvaluation('a', () => restart),
    );
    const { result, events } = await run([a], 1);
    expect(result.status).toBe('completed');
    expect(events.filter((e) => e.type === 'attempt-start')).toHaveLength(2);
    expect(events.filter((e) => e.type === 'post-evaluation')).toHaveLength(1);
  });

  it('counts no tool call as submit', async () => {
    const a = runtime(
      'a',
      0,
      withEvaluation('a', () => ({ text: 'Looks fine.' })),
    );
    const { events } = await run([a], 3);
    expect(events.filter((e) => e.type === 'attempt-start')).toHaveLength(1);
    expect(events.find((e) => e.type === 'post-evaluation')).toMatchObject({
      decision: 'submit',
      by: 'no-tool',
    });
  });

  it('evaluates debug_final_answer instead of the presentation on the first attempt only', async () => {
    const seen: string[] = [];
    const a = runtime(
      'a',
      0,
      withEvaluation('a', (n, prompt) => {
        seen.push(prompt);
        return n === 1 ? restart : submit;
      }),
    );
    await run([a], 2, 'A deliberately incomplete answer');
    expect(seen[0]).toContain('A deliberately incomplete answer');
    expect(seen[1]).toContain('Final answer by a');
    expect(seen[1]).not.toContain('deliberately');
  });

  it('lets the evaluator check the answer with its own tools before deciding', async () => {
    let checked = 0;
    const a = runtime(
      'a',
      0,
      withEvaluation('a', (_n, prompt) => (prompt.includes('verified: 4') ? submit : { toolCalls: [check] })),
    );
    a.tools = checkTool(() => checked++);
    const { events } = await run([a], 1);
    expect(checked).toBe(1);
    expect(events.find((e) => e.type === 'post-evaluation')).toMatchObject({
      decision: 'submit',
      by: 'tool',
    });
  });

  it('reports each of the evaluator’s tool calls once: a run one with its result, one beside submit as not run', async () => {
    let checked = 0;
    const a = runtime(
      'a',
      0,
      withEvaluation('a', (_n, prompt) =>
        prompt.includes('verified: 4') ? { toolCalls: [...submit.toolCalls, check] } : { toolCalls: [check] },
      ),
    );
    a.tools = checkTool(() => checked++);
    const { events } = await run([a], 1);
    expect(checked).toBe(1);
    const ofCheck = <T extends { type: string; toolName?: string }>(e: T) =>
      e.toolName === 'custom_tool__check';
    expect(events.filter((e) => e.type === 'tool-call').filter(ofCheck)).toHaveLength(2);
    expect(events.filter((e) => e.type === 'tool-result').filter(ofCheck)).toMatchObject([
      { output: 'verified: 4', isError: false },
      { output: 'Not run: the evaluation is over.', isError: true },
    ]);
  });

  it('emits no attempt events when restarts are off', async () => {
    const { events } = await run([runtime('a', 0, consensusResponder('a'))], 0);
    expect(events.some((e) => e.type === 'attempt-start' || e.type === 'post-evaluation')).toBe(false);
  });
});
