/**
 * Endings other than stop and tool calls, as each protocol sends them, read back by the real AI SDK
 * clients as the unified finish reason and the provider's raw value.
 */
import { createAnthropic } from '@ai-sdk/anthropic';
import { createGoogleGenerativeAI } from '@ai-sdk/google';
import { createOpenAI } from '@ai-sdk/openai';
import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import { generateText, type LanguageModel, streamText } from 'ai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drain, readJson, streamedText } from './protocol-suite.js';
import type { FakeReply, Protocol } from './scenario.js';
import { createFakeProvider, type FakeProvider } from './server.js';

let provider: FakeProvider;
beforeAll(async () => {
  provider = await createFakeProvider();
});
afterAll(() => provider.close());

function model(protocol: Protocol): LanguageModel {
  const apiKey = 'k';
  if (protocol === 'responses')
    return createOpenAI({ baseURL: provider.baseUrls.openai, apiKey }).responses('gpt-5');
  if (protocol === 'anthropic')
    return createAnthropic({ baseURL: provider.baseUrls.anthropic, apiKey })('claude-sonnet-4-5');
  if (protocol === 'gemini')
    return createGoogleGenerativeAI({ baseURL: provider.baseUrls.gemini, apiKey })('gemini-2.5-flash');
  return createOpenAICompatible({ name: 'c', baseURL: provider.baseUrls.chat, apiKey, includeUsage: true })(
    'llama',
  );
}

const cases: Array<[Protocol, NonNullable<FakeReply['finishReason']>, string, string]> = [
  ['chat', 'length', 'length', 'length'],
  ['chat', 'content-filter', 'content-filter', 'content_filter'],
  ['responses', 'length', 'length', 'max_output_tokens'],
  ['responses', 'content-filter', 'content-filter', 'content_filter'],
  ['anthropic', 'length', 'length', 'max_tokens'],
  ['anthropic', 'content-filter', 'content-filter', 'refusal'],
  ['gemini', 'length', 'length', 'MAX_TOKENS'],
  ['gemini', 'content-filter', 'content-filter', 'SAFETY'],
  ['gemini', 'malformed-function-call', 'error', 'MALFORMED_FUNCTION_CALL'],
];

describe('finish reasons on the wire', () => {
  it.each(cases)(
    '%s %s reads as %s (raw %s), streamed and whole',
    async (protocol, finishReason, unified, raw) => {
      provider.setScenario(() => ({ text: 'Partial text so', finishReason }));
      const streamed = streamText({ model: model(protocol), prompt: 'hi', maxRetries: 0 });
      const { parts, thrown } = await drain(streamed);
      expect(thrown).toBeUndefined();
      expect(await streamed.finishReason).toBe(unified);
      expect(await streamed.rawFinishReason).toBe(raw);
      // What streamed before the ending stays; the ending itself has no content.
      expect(streamedText(parts)).toBe('Partial text so');
      const whole = await generateText({ model: model(protocol), prompt: 'hi', maxRetries: 0 });
      expect([whole.finishReason, whole.rawFinishReason]).toEqual([unified, raw]);
    },
  );

  it('a finish reason the protocol does not have fails the scenario', async () => {
    provider.setScenario(() => ({ text: 'x', finishReason: 'malformed-function-call' }));
    const response = await fetch(`${provider.baseUrls.chat}/chat/completions`, {
      method: 'POST',
      body: JSON.stringify({ model: 'm', messages: [{ role: 'user', content: 'hi' }] }),
    });
    expect(response.status).toBe(500);
    expect((await readJson(response)).error.message).toMatch(
      /does not exist on the Chat Completions protocol/,
    );
  });
});

describe('finish reasons: provider specifics', () => {
  const events = async (path: string, body: unknown) => {
    const response = await fetch(`${provider.url}${path}`, { method: 'POST', body: JSON.stringify(body) });
    return (await response.text())
      .split(/\r?\n\r?\n/)
      .filter(Boolean)
      .map((frame) => JSON.parse(frame.replace(/^(event: .*\n)?data: /, '')));
  };

  it('Responses: the stream ends with response.incomplete; the message item is incomplete', async () => {
    provider.setScenario(() => ({ text: 'Cut', finishReason: 'content-filter' }));
    const all = await events('/v1/responses', { model: 'gpt-5', stream: true, input: 'hi' });
    const last = all.at(-1);
    expect(last.type).toBe('response.incomplete');
    expect(last.response).toMatchObject({
      status: 'incomplete',
      incomplete_details: { reason: 'content_filter' },
      output: [{ type: 'message', status: 'incomplete' }],
    });
    expect(all.some((e) => e.type === 'response.completed')).toBe(false);
  });

  it('Anthropic: a refusal carries stop_details on message_delta', async () => {
    provider.setScenario(() => ({ text: 'Hello..', finishReason: 'content-filter' }));
    const all = await events('/v1/messages', {
      model: 'claude-sonnet-4-5',
      stream: true,
      max_tokens: 100,
      messages: [{ role: 'user', content: 'x' }],
    });
    expect(all.find((e) => e.type === 'message_delta')?.delta).toMatchObject({
      stop_reason: 'refusal',
      stop_details: { type: 'refusal' },
    });
  });

  it('Anthropic: cut during thinking, the thinking block is the only one and is not signed', async () => {
    provider.setScenario(() => ({ reasoning: 'Let me', finishReason: 'length' }));
    const all = await events('/v1/messages', {
      model: 'claude-sonnet-4-5',
      stream: true,
      max_tokens: 100,
      messages: [{ role: 'user', content: 'x' }],
    });
    expect(all.filter((e) => e.type === 'content_block_start').map((e) => e.content_block.type)).toEqual([
      'thinking',
    ]);
    expect(all.some((e) => e.delta?.type === 'signature_delta')).toBe(false);
    expect(all.find((e) => e.type === 'message_delta')?.delta.stop_reason).toBe('max_tokens');
  });

  it('Gemini: a blocked reply ends with a candidate without content and the blocking rating', async () => {
    provider.setScenario(() => ({ text: 'Some text', finishReason: 'content-filter' }));
    const all = await events('/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse', {
      contents: [],
    });
    const last = all.at(-1).candidates[0];
    expect(last.content).toBeUndefined();
    expect(last.finishReason).toBe('SAFETY');
    expect(last.safetyRatings).toContainEqual(expect.objectContaining({ blocked: true }));
  });

  it('Gemini: a malformed call has a finishMessage and no content', async () => {
    provider.setScenario(() => ({
      toolCalls: [{ name: 'vote', args: 'agent_id=agent1' }],
      finishReason: 'malformed-function-call',
    }));
    const body = await readJson(
      await fetch(`${provider.baseUrls.gemini}/models/gemini-2.5-flash:generateContent`, {
        method: 'POST',
        body: JSON.stringify({ contents: [] }),
      }),
    );
    expect(body.candidates).toEqual([
      {
        finishReason: 'MALFORMED_FUNCTION_CALL',
        finishMessage: 'Malformed function call: print(default_api.vote(agent_id=agent1',
        index: 0,
      },
    ]);
  });
});
