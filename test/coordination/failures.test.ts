import { APICallError, type LanguageModelV3StreamPart } from '@ai-sdk/provider';
import { describe, expect, it } from 'vitest';
import { withRetry } from '../../src/providers/retry.js';
import { setup } from '../support/run-setup.js';
import { consensusResponder, isPresentation, runtime } from '../support/scripted-model.js';

const POLICY = { maxRetries: 3, baseDelayMs: 1, maxDelayMs: 10 };

const httpError = (status: number, body?: unknown) =>
  new APICallError({
    message: `HTTP ${status}`,
    url: 'http://fake',
    requestBodyValues: {},
    statusCode: status,
    responseBody: body === undefined ? undefined : JSON.stringify(body),
  });

/** A runtime whose model goes through the retry middleware, as in a real run. */
function retried(...args: Parameters<typeof runtime>) {
  const agent = runtime(...args);
  return { ...agent, model: withRetry(agent.mock, POLICY) };
}

describe('what becomes of a failed turn', () => {
  it('drops an agent at once when its request was retried until the retries ran out', async () => {
    const bad = retried('bad', 0, () => {
      throw httpError(500, {
        error: { message: 'The server had an error.', type: 'server_error', code: null },
      });
    });
    const t = setup([bad, runtime('ok', 1, consensusResponder('ok'))]);
    const result = await t.run();
    expect(result.winner).toBe('ok');
    expect(bad.mock.doStreamCalls).toHaveLength(4);
    expect(t.of('agent-error')).toMatchObject([
      {
        agentId: 'bad',
        willRetry: false,
        failures: 1,
        message: '500 server_error: The server had an error. (still failing after 3 retries)',
      },
    ]);
    expect(t.of('agent-dropped')).toEqual([
      expect.objectContaining({ agentId: 'bad', reason: t.of('agent-error')[0]!.message }),
    ]);
  });

  it('drops an agent at once on insufficient_quota and says what to check', async () => {
    const quota = {
      error: {
        message: 'You exceeded your current quota.',
        type: 'insufficient_quota',
        code: 'insufficient_quota',
      },
    };
    const bad = retried('bad', 0, () => {
      throw httpError(429, quota);
    });
    const t = setup([bad, runtime('ok', 1, consensusResponder('ok'))]);
    await t.run();
    expect(bad.mock.doStreamCalls).toHaveLength(1);
    expect(t.of('agent-dropped').map((e) => e.reason)).toEqual([
      '429 insufficient_quota: You exceeded your current quota. — check the plan and billing of the provider account',
    ]);
  });

  it('retries the turn of an agent whose reply broke off with an in-stream error after content', async () => {
    const flaky = retried('flaky', 0, consensusResponder('flaky'));
    let broke = false;
    const inner = flaky.mock.doStream.bind(flaky.mock);
    // The first reply streams some text, then the provider's error event arrives.
    flaky.mock.doStream = async (options) => {
      if (broke) return inner(options);
      broke = true;
      const parts: LanguageModelV3StreamPart[] = [
        { type: 'stream-start', warnings: [] },
        { type: 'text-start', id: 't' },
        { type: 'text-delta', id: 't', delta: 'partial' },
        { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } },
      ];
      return {
        stream: new ReadableStream({ pull: (c) => (parts.length ? c.enqueue(parts.shift()!) : c.close()) }),
      };
    };
    const t = setup([flaky, runtime('b', 1, consensusResponder('b'))]);
    const result = await t.run();
    expect(result.status).toBe('completed');
    expect(
      t
        .of('text-delta')
        .filter((e) => e.agentId === 'flaky')
        .map((e) => e.text),
    ).toEqual(['partial']);
    expect(t.of('agent-error')).toEqual([
      expect.objectContaining({
        agentId: 'flaky',
        message: 'overloaded_error: Overloaded',
        willRetry: true,
        failures: 1,
      }),
    ]);
    expect(t.of('agent-dropped')).toEqual([]);
    expect(t.of('vote').map((e) => [e.agentId, e.votedFor])).toContainEqual(['flaky', 'b']);
  });

  it('retries a failure before any content at the request, not the turn', async () => {
    let failed = 0;
    const flaky = retried('flaky', 0, (prompt, call, options) => {
      if (failed++ < 2)
        throw httpError(529, { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } });
      return consensusResponder('flaky')(prompt, call, options);
    });
    const t = setup([flaky, runtime('b', 1, consensusResponder('b'))]);
    const result = await t.run();
    expect(result.status).toBe('completed');
    expect(t.of('agent-error')).toEqual([]);
    // Two calls more than its turns (one call each, plus a presentation if it won) made.
    const turns = t.of('agent-start').filter((e) => e.agentId === 'flaky').length;
    const presentations = flaky.mock.doStreamCalls.filter((call) => isPresentation(call)).length;
    expect(flaky.mock.doStreamCalls).toHaveLength(turns + presentations + 2);
  });
});
