import { createAnthropic } from '@ai-sdk/anthropic';
import { createGoogleGenerativeAI } from '@ai-sdk/google';
import { createOpenAI } from '@ai-sdk/openai';
import { APICallError, generateText, type LanguageModel, streamText } from 'ai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drain, readJson, streamedText } from './protocol-suite.js';
import type { FakeStreamError } from './scenario.js';
import { createFakeProvider, type FakeProvider } from './server.js';

const TEXT = 'one two three four five six';

let provider: FakeProvider;
beforeAll(async () => {
  provider = await createFakeProvider();
});
afterAll(() => provider.close());

const anthropic = () =>
  createAnthropic({ baseURL: provider.baseUrls.anthropic, apiKey: 'k' })('claude-sonnet-4-5');
const responses = () => createOpenAI({ baseURL: provider.baseUrls.openai, apiKey: 'k' }).responses('gpt-5');
const chat = () => createOpenAI({ baseURL: provider.baseUrls.chat, apiKey: 'k' }).chat('gpt-4.1');
const gemini = () =>
  createGoogleGenerativeAI({ baseURL: provider.baseUrls.gemini, apiKey: 'k' })('gemini-2.5-flash');

/** The raw frames of a streamed reply with an in-stream error, as sent on the wire. */
async function wireFrames(path: string, body: unknown, streamError: FakeStreamError): Promise<string[]> {
  provider.setScenario(() => ({ text: TEXT, streamError }));
  const response = await fetch(`${provider.url}${path}`, { method: 'POST', body: JSON.stringify(body) });
  expect(response.status).toBe(200);
  return (await response.text()).split(/\r?\n\r?\n/).filter(Boolean);
}

async function streamWithError(model: LanguageModel, streamError: FakeStreamError) {
  provider.setScenario(() => ({ text: TEXT, streamError }));
  const { parts, thrown } = await drain(
    streamText({ model, prompt: 'hi', maxRetries: 0, onError: () => {} }),
  );
  expect(thrown).toBeUndefined();
  const errors = parts.filter((p) => p.type === 'error').map((p) => p.error);
  expect(errors).toHaveLength(1);
  return { text: streamedText(parts), error: errors[0], finished: parts.some((p) => p.type === 'finish') };
}

describe('Anthropic in-stream error events', () => {
  const body = { model: 'claude', stream: true, max_tokens: 10, messages: [{ role: 'user', content: 'x' }] };

  it('sends event: error with the documented body after the given events, then ends the stream', async () => {
    const frames = await wireFrames('/v1/messages', body, { afterChunks: 4, type: 'overloaded_error' });
    expect(frames).toHaveLength(5);
    expect(frames.slice(0, 4).map((f) => f.split('\n')[0])).toEqual([
      'event: message_start',
      'event: content_block_start',
      'event: ping',
      'event: content_block_delta',
    ]);
    expect(frames[4]).toBe(
      'event: error\ndata: {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}',
    );
  });

  it('reaches the client mid-text as an error part carrying the type and message', async () => {
    const outcome = await streamWithError(anthropic(), { afterChunks: 5, type: 'overloaded_error' });
    expect(outcome.text).toBe('one two ');
    expect(outcome.error).toEqual({ type: 'overloaded_error', message: 'Overloaded' });
    const apiError = await streamWithError(anthropic(), { afterChunks: 5, type: 'api_error' });
    expect(apiError.error).toEqual({ type: 'api_error', message: 'Internal server error' });
  });

  it('as the first event, makes the client fail the request with a retryable 529', async () => {
    const outcome = await streamWithError(anthropic(), { afterChunks: 0, type: 'overloaded_error' });
    expect(outcome.text).toBe('');
    expect(APICallError.isInstance(outcome.error)).toBe(true);
    expect(outcome.error).toMatchObject({ statusCode: 529, isRetryable: true, message: 'Overloaded' });
  });
});

describe('OpenAI Responses in-stream errors', () => {
  const body = { model: 'gpt-5', stream: true, input: 'hi' };

  it('sends an error event numbered in sequence', async () => {
    const frames = await wireFrames('/v1/responses', body, { afterChunks: 5, type: 'server_error' });
    expect(frames).toHaveLength(6);
    const [eventLine, dataLine] = frames[5]!.split('\n');
    expect(eventLine).toBe('event: error');
    expect(JSON.parse(dataLine!.slice('data: '.length))).toEqual({
      type: 'error',
      code: 'server_error',
      message: expect.stringMatching(/^The server had an error/),
      param: null,
      sequence_number: 5,
    });
  });

  it('sends response.failed with the response, its status failed and response.error', async () => {
    const frames = await wireFrames('/v1/responses', body, {
      afterChunks: 3,
      type: 'server_error',
      message: 'The model failed to generate a response.',
      event: 'response.failed',
    });
    expect(frames).toHaveLength(4);
    const created = JSON.parse(frames[0]!.split('\n')[1]!.slice('data: '.length));
    const failed = JSON.parse(frames[3]!.split('\n')[1]!.slice('data: '.length));
    expect(frames[3]!.split('\n')[0]).toBe('event: response.failed');
    expect(failed).toMatchObject({
      type: 'response.failed',
      sequence_number: 3,
      response: {
        id: created.response.id,
        status: 'failed',
        error: { code: 'server_error', message: 'The model failed to generate a response.' },
      },
    });
  });

  it('reaches the client mid-text as an error part with the code and message', async () => {
    for (const event of ['error', 'response.failed'] as const) {
      const outcome = await streamWithError(responses(), { afterChunks: 6, type: 'server_error', event });
      expect(outcome.text).toBe('one two ');
      expect(outcome.error).toMatchObject({
        code: 'server_error',
        message: expect.stringMatching(/^The server/),
      });
    }
  });

  it('before any output, makes the client fail the request with the status its code implies', async () => {
    const outcome = await streamWithError(responses(), { afterChunks: 2, type: 'rate_limit_exceeded' });
    expect(outcome.error).toMatchObject({ statusCode: 429, isRetryable: true });
  });
});

describe('Chat Completions and Gemini in-stream errors', () => {
  it('Chat Completions: a data event with an error object and no [DONE]', async () => {
    const body = { model: 'gpt-4.1', stream: true, messages: [{ role: 'user', content: 'x' }] };
    const frames = await wireFrames('/v1/chat/completions', body, { afterChunks: 3, type: 'server_error' });
    expect(frames).toHaveLength(4);
    expect(JSON.parse(frames[3]!.slice('data: '.length))).toEqual({
      error: { message: expect.any(String), type: 'server_error', param: null, code: null },
    });
    const outcome = await streamWithError(chat(), { afterChunks: 3, type: 'server_error' });
    expect(outcome.text).toBe('one two ');
    expect(outcome.error).toMatchObject({ type: 'server_error', message: expect.any(String) });
  });

  it('Gemini: a chunk with a google.rpc error, in SSE and in the streamed array', async () => {
    const body = { contents: [{ role: 'user', parts: [{ text: 'x' }] }] };
    const path = '/v1beta/models/gemini-2.5-flash:streamGenerateContent';
    const sse = await wireFrames(`${path}?alt=sse`, body, { afterChunks: 2, type: 'UNAVAILABLE' });
    expect(sse).toHaveLength(3);
    expect(JSON.parse(sse[2]!.slice('data: '.length))).toEqual({
      error: {
        code: 503,
        message: 'The model is overloaded. Please try again later.',
        status: 'UNAVAILABLE',
      },
    });
    provider.setScenario(() => ({ text: TEXT, streamError: { afterChunks: 2, type: 'INTERNAL' } }));
    const array = await readJson(
      await fetch(`${provider.url}${path}`, { method: 'POST', body: JSON.stringify(body) }),
    );
    expect(array).toHaveLength(3);
    expect(array[2].error).toMatchObject({ code: 500, status: 'INTERNAL' });
    const outcome = await streamWithError(gemini(), { afterChunks: 2, type: 'INTERNAL' });
    expect(outcome.text).toBe('one two ');
    expect(outcome.error).toMatchObject({ statusCode: 500 });
  });
});

describe('rate-limit details of 429 replies', () => {
  it('OpenAI: x-ratelimit headers with the requests limit exhausted, retry-after and retry-after-ms', async () => {
    provider.setScenario(() => ({ error: { status: 429, retryAfterSeconds: 2, retryAfterMs: 1500 } }));
    const error = await generateText({ model: chat(), prompt: 'hi', maxRetries: 0 }).catch((e: unknown) => e);
    expect((error as APICallError).responseHeaders).toMatchObject({
      'retry-after': '2',
      'retry-after-ms': '1500',
      'x-ratelimit-remaining-requests': '0',
      'x-ratelimit-reset-requests': '2s',
    });
    provider.setScenario(() => ({ error: { status: 429 } }));
    const plain = await generateText({ model: chat(), prompt: 'hi', maxRetries: 0 }).catch((e: unknown) => e);
    const headers = (plain as APICallError).responseHeaders ?? {};
    expect(headers['retry-after']).toBeUndefined();
    expect(headers['x-ratelimit-reset-requests']).toBe('120ms');
  });

  it('OpenAI: insufficient_quota is a 429 with its own type and code and no exhausted rate limit', async () => {
    provider.setScenario(() => ({ error: { status: 429, type: 'insufficient_quota' } }));
    const error = (await generateText({ model: responses(), prompt: 'hi', maxRetries: 0 }).catch(
      (e: unknown) => e,
    )) as APICallError;
    expect(error.statusCode).toBe(429);
    expect(JSON.parse(error.responseBody ?? '')).toEqual({
      error: {
        message: expect.stringMatching(/^You exceeded your current quota/),
        type: 'insufficient_quota',
        param: null,
        code: 'insufficient_quota',
      },
    });
    expect(error.responseHeaders?.['x-ratelimit-remaining-requests']).toBe('499');
  });

  it('Anthropic: rate_limit_error with retry-after', async () => {
    provider.setScenario(() => ({ error: { status: 429, retryAfterSeconds: 3 } }));
    const error = (await generateText({ model: anthropic(), prompt: 'hi', maxRetries: 0 }).catch(
      (e: unknown) => e,
    )) as APICallError;
    expect(error.responseHeaders?.['retry-after']).toBe('3');
    expect(JSON.parse(error.responseBody ?? '').error.type).toBe('rate_limit_error');
  });
});
