import { createOpenAI } from '@ai-sdk/openai';
import { generateText, streamText } from 'ai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeProtocol, drain, readJson, streamedText } from './protocol-suite.js';
import { createFakeProvider, type FakeProvider } from './server.js';

describeProtocol({
  title: 'OpenAI Chat Completions via createOpenAI().chat()',
  protocol: 'chat',
  modelId: 'gpt-4.1',
  model: (provider) => createOpenAI({ baseURL: provider.baseUrls.chat, apiKey: 'test-key' }).chat('gpt-4.1'),
  reasoning: false,
  earlyCut: 'error-part',
  malformedInput: 'verbatim',
});

/** Parses the `data:` payloads of an SSE body. */
function dataEvents(body: string): string[] {
  return body
    .split('\n\n')
    .filter(Boolean)
    .map((frame) => frame.replace(/^data: /, ''));
}

describe('OpenAI Chat Completions specifics', () => {
  let provider: FakeProvider;
  beforeAll(async () => {
    provider = await createFakeProvider();
  });
  afterAll(() => provider.close());

  const post = (body: unknown, path = '/v1/chat/completions') =>
    fetch(`${provider.url}${path}`, { method: 'POST', body: JSON.stringify(body) });

  it('streams tool calls OpenAI-style: id/type/name first, then argument fragments by index', async () => {
    provider.setScenario(() => ({
      toolCalls: [{ name: 'vote', args: { agent_id: 'agent1', reason: 'Most complete.' } }],
    }));
    const response = await post({
      model: 'gpt-4.1',
      stream: true,
      messages: [{ role: 'user', content: 'hi' }],
    });
    const events = dataEvents(await response.text());
    expect(events.at(-1)).toBe('[DONE]');
    const deltas = events.slice(0, -1).map((data) => JSON.parse(data).choices[0]);
    const calls = deltas.flatMap((choice) => choice.delta.tool_calls ?? []);
    expect(calls[0]).toMatchObject({ index: 0, type: 'function', function: { name: 'vote', arguments: '' } });
    // The opening delta, then the arguments in four fragments.
    expect(calls).toHaveLength(5);
    for (const later of calls.slice(1)) expect(Object.keys(later).sort()).toEqual(['function', 'index']);
    expect(JSON.parse(calls.map((c) => c.function.arguments).join(''))).toEqual({
      agent_id: 'agent1',
      reason: 'Most complete.',
    });
    expect(deltas.at(-1).finish_reason).toBe('tool_calls');
  });

  it('sends the usage chunk (empty choices) only when stream_options.include_usage is set', async () => {
    provider.setScenario(() => ({ text: 'Hi.' }));
    const withUsage = dataEvents(
      await (
        await post({ model: 'm', stream: true, stream_options: { include_usage: true }, messages: [] })
      ).text(),
    );
    const usageChunk = JSON.parse(withUsage.at(-2) ?? '');
    expect(usageChunk.choices).toEqual([]);
    expect(usageChunk.usage).toMatchObject({ prompt_tokens: 1, total_tokens: expect.any(Number) });
    const withoutUsage = dataEvents(await (await post({ model: 'm', stream: true, messages: [] })).text());
    expect(withoutUsage.slice(0, -1).every((data) => !('usage' in JSON.parse(data)))).toBe(true);
  });

  it('routes by path suffix (Azure deployments) and takes the model from the deployment', async () => {
    provider.setScenario(() => ({ text: 'From Azure.' }));
    const response = await post(
      { messages: [{ role: 'user', content: 'hi' }] },
      '/openai/deployments/my-gpt/chat/completions?api-version=2024-10-21',
    );
    expect((await readJson(response)).choices[0].message.content).toBe('From Azure.');
    expect(provider.requests.at(-1)).toMatchObject({
      protocol: 'chat',
      model: 'my-gpt',
      path: '/openai/deployments/my-gpt/chat/completions',
    });
  });

  it('reads developer messages as system text and honours first-byte and chunk delays', async () => {
    provider.setScenario(() => ({ text: 'a b c', firstByteDelayMs: 60, chunkDelayMs: 20 }));
    const started = Date.now();
    const result = streamText({
      model: createOpenAI({ baseURL: provider.baseUrls.chat, apiKey: 'k' }).chat('o3'),
      system: 'Be brief.',
      prompt: 'hi',
      maxRetries: 0,
    });
    const { parts } = await drain(result);
    expect(Date.now() - started).toBeGreaterThanOrEqual(100);
    expect(streamedText(parts)).toBe('a b c');
    const req = provider.requests.at(-1);
    expect(req?.body.messages[0].role).toBe('developer');
    expect(req?.system).toBe('Be brief.');
  });

  it('returns OpenAI error bodies for 500 and 503 (retryable) and 401 (not retryable)', async () => {
    const model = createOpenAI({ baseURL: provider.baseUrls.chat, apiKey: 'k' }).chat('gpt-4.1');
    for (const [status, retryable] of [
      [500, true],
      [503, true],
      [401, false],
    ] as const) {
      provider.setScenario(() => ({ error: { status, message: `boom ${status}` } }));
      await expect(generateText({ model, prompt: 'hi', maxRetries: 0 })).rejects.toMatchObject({
        statusCode: status,
        isRetryable: retryable,
        message: `boom ${status}`,
      });
    }
  });
});
