import { APICallError, type LanguageModelV3CallOptions } from '@ai-sdk/provider';
import { describe, expect, it } from 'vitest';
import { lifecycle } from '../support/lifecycle.js';
import { setup } from '../support/run-setup.js';
import {
  consensusResponder,
  isEvaluation,
  isPresentation,
  labelsIn,
  type Responder,
  runtime,
  type ScriptedReply,
} from '../support/scripted-model.js';

/** A reply that never comes: it waits until the call is aborted. */
function hang(options: LanguageModelV3CallOptions): Promise<ScriptedReply> {
  return new Promise((_, reject) => {
    if (options.abortSignal?.aborted) reject(options.abortSignal.reason);
    options.abortSignal?.addEventListener('abort', () => reject(options.abortSignal?.reason), { once: true });
  });
}

const apiError = (status: number) =>
  new APICallError({
    message: `HTTP ${status}`,
    url: 'http://fake',
    requestBodyValues: {},
    statusCode: status,
    isRetryable: status >= 500,
  });

/** Outcomes of concurrent executions in a stable order (the agents run at once). */
const sorted = (outcomes: string[]) => [...outcomes].sort();

describe('lifecycle pairs: one agent-end per agent-start, one final-end per final-start', () => {
  it('a consensus run: every execution answered or voted; the winner presented', async () => {
    const t = setup(['a', 'b', 'c'].map((id, i) => runtime(id, i, consensusResponder(id))));
    await t.run();
    const { agents, finals } = lifecycle(t.events);
    expect(sorted(agents)).toEqual([
      'a:1:answered',
      'a:2:voted',
      'b:1:answered',
      'b:2:voted',
      'c:1:answered',
      'c:2:voted',
    ]);
    expect(finals).toEqual(['a:presented']);
    const types = t.events.map((e) => e.type).filter((type) => !type.endsWith('-delta') && type !== 'usage');
    expect(types.slice(-5)).toEqual(['winner', 'final-start', 'final-answer', 'final-end', 'run-end']);
    expect(t.of('run-start')[0]!.schemaVersion).toBe(2);
  });

  it('an agent that times out: timeout three times, then dropped', async () => {
    const slow = runtime('slow', 0, () => ({ text: 'never', delayMs: 10_000 }));
    const t = setup([slow, runtime('b', 1, consensusResponder('b'))], { agentTimeoutMs: 60 });
    await t.run();
    const { agents, finals } = lifecycle(t.events);
    expect(sorted(agents)).toEqual([
      'b:1:answered',
      'b:2:voted',
      'slow:1:timeout',
      'slow:2:timeout',
      'slow:3:timeout',
    ]);
    expect(finals).toEqual(['b:presented']);
    expect(t.of('agent-end').filter((e) => e.outcome === 'timeout')[0]!.error).toBe('timed out after 0.06s');
    // The execution ends first, then the run reports what it does about it.
    const i = t.events.findIndex((e) => e.type === 'agent-end' && e.outcome === 'timeout');
    expect(t.events.slice(i, i + 3).map((e) => e.type)).toEqual([
      'agent-end',
      'agent-timeout',
      'agent-error',
    ]);
  });

  it('failing agents: a provider error retried until dropped, a refused key, attempts that run out', async () => {
    const bad = runtime('bad', 0, () => {
      throw apiError(500);
    });
    const refused = runtime('refused', 1, () => {
      throw apiError(401);
    });
    const prose = runtime('prose', 2, () => ({ text: 'I think it is four.' }));
    const t = setup([bad, refused, prose, runtime('g', 3, consensusResponder('g'))]);
    await t.run();
    const { agents, finals } = lifecycle(t.events);
    expect(sorted(agents)).toEqual([
      'bad:1:failed',
      'bad:2:failed',
      'bad:3:failed',
      'g:1:answered',
      'g:2:voted',
      'prose:1:failed',
      'prose:2:failed',
      'prose:3:failed',
      'refused:1:failed',
    ]);
    expect(finals).toEqual(['g:presented']);
    const errors = t.of('agent-error').map((e) => `${e.agentId}: ${e.message}`);
    const ends = t
      .of('agent-end')
      .filter((e) => e.outcome === 'failed')
      .map((e) => `${e.agentId}: ${e.error}`);
    expect(ends).toEqual(errors);
    expect(t.of('agent-end').find((e) => e.agentId === 'prose')!.error).toMatch(/after 3 attempts/);
  });

  it('the run deadline: the running execution is cancelled and the stored answer is final', async () => {
    const a = runtime('a', 0, (prompt, call, options) =>
      call === 0 ? consensusResponder('a')(prompt, call, options) : hang(options),
    );
    const t = setup([a], { runTimeoutMs: 150 });
    const result = await t.run();
    expect(result.status).toBe('timeout');
    expect(lifecycle(t.events)).toEqual({
      agents: ['a:1:answered', 'a:2:cancelled'],
      finals: ['a:stored-answer'],
    });
    expect(t.of('agent-end')[1]).not.toHaveProperty('error');
  });

  it('an interrupt during coordination cancels every running execution; nothing is presented', async () => {
    const stop = new AbortController();
    // a stops the run when it is asked to vote; b is still answering then.
    const a = runtime('a', 0, (prompt, call, options) => {
      if (labelsIn(prompt).length === 0) return consensusResponder('a')(prompt, call, options);
      stop.abort(new Error('interrupted by user'));
      return hang(options);
    });
    let answered: () => void = () => {};
    const aAnswered = new Promise<void>((resolve) => {
      answered = resolve;
    });
    const b = runtime('b', 1, async (prompt, call, options) => {
      if (call === 0) {
        await aAnswered;
        return consensusResponder('b')(prompt, call, options);
      }
      return hang(options);
    });
    const t = setup([a, b], { signal: stop.signal });
    t.options.channel.subscribe((e) => {
      if (e.type === 'answer' && e.agentId === 'a') answered();
    });
    const result = await t.run();
    expect(result.status).toBe('interrupted');
    const { agents, finals } = lifecycle(t.events);
    expect(sorted(agents)).toEqual(['a:1:answered', 'a:2:cancelled', 'b:1:answered', 'b:2:cancelled']);
    expect(finals).toEqual([]);
  });

  it('an interrupt during the presentation: final-end cancelled', async () => {
    const stop = new AbortController();
    const a = runtime('a', 0, (prompt, call, options) => {
      if (!isPresentation(options)) return consensusResponder('a')(prompt, call, options);
      stop.abort(new Error('interrupted by user'));
      return hang(options);
    });
    const t = setup([a, runtime('b', 1, consensusResponder('b'))], { signal: stop.signal });
    await t.run();
    const { agents, finals } = lifecycle(t.events);
    expect(sorted(agents)).toEqual(['a:1:answered', 'a:2:voted', 'b:1:answered', 'b:2:voted']);
    expect(finals).toEqual(['a:cancelled']);
  });

  it('a restarted orchestration: one presentation per attempt', async () => {
    let evaluations = 0;
    const evaluator: Responder = (prompt, call, options) => {
      if (!isEvaluation(options)) return consensusResponder('a')(prompt, call, options);
      evaluations++;
      return evaluations === 1
        ? { toolCalls: [{ name: 'restart_orchestration', args: { reason: 'thin', instructions: 'more' } }] }
        : { toolCalls: [{ name: 'submit', args: { confirmed: true } }] };
    };
    const t = setup([runtime('a', 0, evaluator), runtime('b', 1, consensusResponder('b'))], {
      maxRestarts: 1,
    });
    await t.run();
    const { agents, finals } = lifecycle(t.events);
    // Executions count from 1 again in each attempt.
    const attempt = ['a:1:answered', 'a:2:voted', 'b:1:answered', 'b:2:voted'];
    const second = t.events.findIndex((e) => e.type === 'attempt-start' && e.attempt === 2);
    expect(sorted(lifecycle(t.events.slice(0, second).concat(t.events.at(-1)!)).agents)).toEqual(attempt);
    expect(sorted(agents)).toEqual(sorted([...attempt, ...attempt]));
    expect(finals).toEqual(['a:presented', 'a:presented']);
  });
});
