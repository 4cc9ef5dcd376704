import type { LanguageModelV3CallOptions } from '@ai-sdk/provider';
import { describe, expect, it } from 'vitest';
import { RunDeadline } from '../../src/coordination/run-scope.js';
import { setup } from '../support/run-setup.js';
import {
  consensusResponder,
  isEvaluation,
  isPresentation,
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

/** Follows the protocol; in the phase `when` picks, aborts `stop` with `reason` and hangs. */
function stopIn(
  name: string,
  when: (options: LanguageModelV3CallOptions) => boolean,
  stop: AbortController,
  reason: unknown,
): Responder {
  return (prompt, call, options) => {
    if (when(options)) {
      stop.abort(reason);
      return hang(options);
    }
    return consensusResponder(name)(prompt, call, options);
  };
}

const presenting = (o: LanguageModelV3CallOptions) => isPresentation(o) && !isEvaluation(o);

describe('run lifecycle: deadline and interrupt in every phase', () => {
  it('a deadline mid-presentation makes the winner’s stored answer final, status timeout', async () => {
    const stop = new AbortController();
    const a = runtime('a', 0, stopIn('a', presenting, stop, new RunDeadline('run deadline')));
    const b = runtime('b', 1, consensusResponder('b'));
    const t = setup([a, b], { signal: stop.signal, agentTimeoutMs: 60_000 });
    const result = await t.run();
    expect(result).toMatchObject({ status: 'timeout', winner: 'a', finalAnswer: 'Answer by a' });
    expect(t.of('final-answer')).toMatchObject([
      { agentId: 'a', content: 'Answer by a', fromStoredAnswer: true },
    ]);
    expect(t.of('notice').map((n) => n.message)).toContain(
      'Run deadline passed during the presentation: using the winner’s last answer as final.',
    );
    expect(t.of('run-end')).toMatchObject([{ status: 'timeout', winner: 'a', finalAnswer: 'Answer by a' }]);
  });

  it('an interrupt mid-presentation ends the run as interrupted with no final answer', async () => {
    const stop = new AbortController();
    const a = runtime('a', 0, stopIn('a', presenting, stop, new Error('interrupted by user')));
    const b = runtime('b', 1, consensusResponder('b'));
    const t = setup([a, b], { signal: stop.signal, agentTimeoutMs: 60_000 });
    const result = await t.run();
    expect(result.status).toBe('interrupted');
    expect(result.finalAnswer).toBeUndefined();
    expect(t.of('final-answer')).toHaveLength(0);
    expect(t.of('run-end')).toMatchObject([{ status: 'interrupted' }]);
  });

  it.each([
    ['interrupted', new Error('interrupted by user')],
    ['timeout', new RunDeadline('run deadline')],
  ] as const)(
    'stopping during post-evaluation (%s) keeps the presented final answer',
    async (status, reason) => {
      const stop = new AbortController();
      const a = runtime('a', 0, stopIn('a', isEvaluation, stop, reason));
      const b = runtime('b', 1, consensusResponder('b'));
      const t = setup([a, b], { signal: stop.signal, maxRestarts: 2, agentTimeoutMs: 60_000 });
      const result = await t.run();
      expect(result).toMatchObject({ status, winner: 'a', finalAnswer: 'Final answer by a' });
      expect(t.of('final-answer')).toMatchObject([{ agentId: 'a', fromStoredAnswer: false }]);
      expect(t.of('post-evaluation')).toHaveLength(0);
      expect(t.of('run-end')).toMatchObject([{ status, winner: 'a', finalAnswer: 'Final answer by a' }]);
    },
  );

  it('the run deadline bounds the presentation by the clock too', async () => {
    const a = runtime('a', 0, (prompt, call, options) =>
      presenting(options) ? hang(options) : consensusResponder('a')(prompt, call, options),
    );
    const b = runtime('b', 1, consensusResponder('b'));
    const t = setup([a, b], { runTimeoutMs: 300, agentTimeoutMs: 60_000 });
    const result = await t.run();
    expect(result).toMatchObject({ status: 'timeout', winner: 'a', finalAnswer: 'Answer by a' });
  });
});
