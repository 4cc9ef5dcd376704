import { createGoogleGenerativeAI } from '@ai-sdk/google';
import { generateText, type ToolSet } from 'ai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeProtocol } from './protocol-suite.js';
import { createFakeProvider, type FakeProvider } from './server.js';

describeProtocol({
  title: 'Gemini via createGoogleGenerativeAI()',
  protocol: 'gemini',
  modelId: 'gemini-2.5-flash',
  model: (provider) =>
    createGoogleGenerativeAI({ baseURL: provider.baseUrls.gemini, apiKey: 'test-key' })('gemini-2.5-flash'),
  reasoning: true,
  earlyCut: 'thrown',
  malformedInput: 'empty-object',
  retryHint: 'retry-info',
});

describe('Gemini specifics', () => {
  let provider: FakeProvider;
  beforeAll(async () => {
    provider = await createFakeProvider();
  });
  afterAll(() => provider.close());
  const google = () => createGoogleGenerativeAI({ baseURL: provider.baseUrls.gemini, apiKey: 'k' });
  const post = (path: string, body: unknown) =>
    fetch(`${provider.baseUrls.gemini}${path}`, { method: 'POST', body: JSON.stringify(body) });

  it('streams thought parts, function calls and final usage over SSE', async () => {
    provider.setScenario(() => ({
      reasoning: 'Hmm.',
      toolCalls: [{ name: 'vote', args: { agent_id: 'agent1' } }],
      usage: { inputTokens: 5, outputTokens: 9, reasoningTokens: 4 },
    }));
    const response = await post('/models/gemini-2.5-pro:streamGenerateContent?alt=sse', { contents: [] });
    expect(response.headers.get('content-type')).toBe('text/event-stream');
    const chunks = (await response.text())
      .split('\r\n\r\n')
      .filter(Boolean)
      .map((frame) => JSON.parse(frame.replace(/^data: /, '')));
    expect(chunks[0].candidates[0].content.parts[0]).toEqual({ text: 'Hmm.', thought: true });
    const last = chunks.at(-1);
    expect(last.candidates[0].finishReason).toBe('STOP');
    expect(last.candidates[0].content.parts[0].functionCall).toEqual({
      name: 'vote',
      args: { agent_id: 'agent1' },
    });
    expect(last.usageMetadata).toMatchObject({
      promptTokenCount: 5,
      candidatesTokenCount: 5,
      thoughtsTokenCount: 4,
      totalTokenCount: 14,
    });
  });

  it('streams a JSON array without alt=sse', async () => {
    provider.setScenario(() => ({ text: 'one two' }));
    const response = await post('/models/gemini-2.5-pro:streamGenerateContent', { contents: [] });
    const chunks = JSON.parse(await response.text());
    expect(
      chunks.map(
        (c: { candidates: Array<{ content: { parts: Array<{ text: string }> } }> }) =>
          c.candidates[0]?.content.parts[0]?.text,
      ),
    ).toEqual(['one ', 'two']);
  });

  it('returns google.rpc errors with RetryInfo for 429 and UNAVAILABLE for 503', async () => {
    provider.setScenario(() => ({ error: { status: 429, retryAfterSeconds: 30 } }));
    const error = await generateText({
      model: google()('gemini-2.5-flash'),
      prompt: 'hi',
      maxRetries: 0,
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({ statusCode: 429, isRetryable: true });
    expect(JSON.parse((error as { responseBody: string }).responseBody)).toMatchObject({
      error: {
        code: 429,
        status: 'RESOURCE_EXHAUSTED',
        details: [
          { '@type': 'type.googleapis.com/google.rpc.QuotaFailure' },
          { '@type': 'type.googleapis.com/google.rpc.Help' },
          { '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '30s' },
        ],
      },
    });
    expect(
      (error as { responseHeaders: Record<string, string> }).responseHeaders['retry-after'],
    ).toBeUndefined();
    provider.setScenario(() => ({ error: { status: 503 } }));
    const unavailable = await generateText({
      model: google()('gemini-2.5-flash'),
      prompt: 'hi',
      maxRetries: 0,
    }).catch((e: unknown) => e);
    expect(unavailable).toMatchObject({ statusCode: 503, isRetryable: true });
    expect(JSON.parse((unavailable as { responseBody: string }).responseBody).error.status).toBe(
      'UNAVAILABLE',
    );
  });

  it('records systemInstruction, the api key header and googleSearch as a provider tool', async () => {
    provider.setScenario(() => ({ text: 'ok' }));
    const client = google();
    await generateText({
      model: client('gemini-2.5-flash'),
      system: 'Be exact.',
      prompt: 'find it',
      // @ai-sdk/google bundles its own provider-utils, so its tool type needs a cast to ai's ToolSet.
      tools: { google_search: client.tools.googleSearch({}) } as unknown as ToolSet,
      maxRetries: 0,
    });
    const req = provider.requests.at(-1);
    expect(req).toMatchObject({ system: 'Be exact.', lastUserText: 'find it', tools: [] });
    expect(req?.headers['x-goog-api-key']).toBe('k');
    expect(req?.providerTools).toEqual([{ googleSearch: {} }]);
  });
});
