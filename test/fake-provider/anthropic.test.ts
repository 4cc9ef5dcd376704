import { createAnthropic } from '@ai-sdk/anthropic';
import { generateText } from 'ai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeProtocol } from './protocol-suite.js';
import { createFakeProvider, type FakeProvider } from './server.js';

describeProtocol({
  title: 'Anthropic Messages via createAnthropic()',
  protocol: 'anthropic',
  modelId: 'claude-sonnet-4-5',
  model: (provider) =>
    createAnthropic({ baseURL: provider.baseUrls.anthropic, apiKey: 'test-key' })('claude-sonnet-4-5'),
  reasoning: true,
  earlyCut: 'error-part',
  malformedInput: 'verbatim',
});

describe('Anthropic Messages specifics', () => {
  let provider: FakeProvider;
  beforeAll(async () => {
    provider = await createFakeProvider();
  });
  afterAll(() => provider.close());
  const model = () =>
    createAnthropic({ baseURL: provider.baseUrls.anthropic, apiKey: 'k' })('claude-opus-4-1');

  it('streams named events in the documented order', async () => {
    provider.setScenario(() => ({
      reasoning: 'Think.',
      text: 'Hi.',
      toolCalls: [{ name: 'vote', args: { a: 1 } }],
    }));
    const response = await fetch(`${provider.baseUrls.anthropic}/messages`, {
      method: 'POST',
      body: JSON.stringify({
        model: 'claude',
        stream: true,
        max_tokens: 10,
        messages: [{ role: 'user', content: 'x' }],
      }),
    });
    const names = (await response.text())
      .split('\n\n')
      .filter(Boolean)
      .map((frame) => frame.split('\n')[0]);
    expect(names[0]).toBe('event: message_start');
    expect(names).toContain('event: ping');
    expect(names.slice(-2)).toEqual(['event: message_delta', 'event: message_stop']);
    const starts = names.filter((name) => name === 'event: content_block_start').length;
    expect(starts).toBe(3);
  });

  it('maps 529 to overloaded_error and keeps it retryable', async () => {
    provider.setScenario(() => ({ error: { status: 529 } }));
    const error = await generateText({ model: model(), prompt: 'hi', maxRetries: 0 }).catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ statusCode: 529, isRetryable: true, message: 'Overloaded' });
    expect(JSON.parse((error as { responseBody: string }).responseBody)).toMatchObject({
      type: 'error',
      error: { type: 'overloaded_error', message: 'Overloaded' },
    });
  });

  it('uses authentication_error for 401 (not retryable)', async () => {
    provider.setScenario(() => ({ error: { status: 401, message: 'invalid x-api-key' } }));
    const error = await generateText({ model: model(), prompt: 'hi', maxRetries: 0 }).catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ statusCode: 401, isRetryable: false, message: 'invalid x-api-key' });
    expect(JSON.parse((error as { responseBody: string }).responseBody).error.type).toBe(
      'authentication_error',
    );
  });

  it('records system blocks, the api key header and provider-native tools', async () => {
    provider.setScenario(() => ({ text: 'ok' }));
    const anthropic = createAnthropic({ baseURL: provider.baseUrls.anthropic, apiKey: 'secret-key' });
    await generateText({
      model: anthropic('claude-sonnet-4-5'),
      system: 'Rule one.',
      prompt: 'hi',
      tools: { web_search: anthropic.tools.webSearch_20250305({}) },
      maxRetries: 0,
    });
    const req = provider.requests.at(-1);
    expect(req?.system).toBe('Rule one.');
    expect(req?.headers['x-api-key']).toBe('secret-key');
    expect(req?.tools).toEqual([]);
    expect(req?.providerTools).toEqual([
      expect.objectContaining({ type: 'web_search_20250305', name: 'web_search' }),
    ]);
  });
});
