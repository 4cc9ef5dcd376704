import { createServer } from 'node:net';
import { createAnthropic } from '@ai-sdk/anthropic';
import { createGoogleGenerativeAI } from '@ai-sdk/google';
import { createOpenAI } from '@ai-sdk/openai';
import type { LanguageModelV3 } from '@ai-sdk/provider';
import { generateText, streamText } from 'ai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { faultKind } from '../../src/providers/faults.js';
import {
  defaultRetryPolicy,
  type RetryNotice,
  type RetryPolicy,
  retriesSpent,
  retryDelay,
  withRetry,
} from '../../src/providers/retry.js';
import { drain, streamedText } from '../fake-provider/protocol-suite.js';
import { type FakeReply, scripted } from '../fake-provider/scenario.js';
import { createFakeProvider, type FakeProvider } from '../fake-provider/server.js';

let provider: FakeProvider;
beforeAll(async () => {
  provider = await createFakeProvider();
});
afterAll(() => provider.close());

const POLICY: RetryPolicy = { maxRetries: 3, baseDelayMs: 5, maxDelayMs: 5_000 };

const models = {
  claude: () => createAnthropic({ baseURL: provider.baseUrls.anthropic, apiKey: 'k' })('claude-sonnet-4-5'),
  openai: () => createOpenAI({ baseURL: provider.baseUrls.openai, apiKey: 'k' }).responses('gpt-5'),
  chat: () => createOpenAI({ baseURL: provider.baseUrls.chat, apiKey: 'k' }).chat('gpt-4.1'),
  gemini: () =>
    createGoogleGenerativeAI({ baseURL: provider.baseUrls.gemini, apiKey: 'k' })('gemini-2.5-flash'),
};

/** Replies `replies` in turn, then a plain text answer; records when each request arrived. */
function script(model: string, replies: FakeReply[]) {
  const arrivals: number[] = [];
  provider.setScenario(
    scripted({
      [model]: [...replies, { text: 'recovered answer' }].map((reply) => () => {
        arrivals.push(Date.now());
        return reply;
      }),
    }),
  );
  return arrivals;
}

async function stream(model: LanguageModelV3, policy = POLICY, signal?: AbortSignal) {
  const notices: RetryNotice[] = [];
  const wrapped = withRetry(model, policy, (notice) => notices.push(notice));
  const { parts, thrown } = await drain(
    streamText({ model: wrapped, prompt: 'hi', maxRetries: 0, onError: () => {}, abortSignal: signal }),
  );
  const error = parts.find((p) => p.type === 'error')?.error ?? thrown;
  return { text: streamedText(parts), error, notices };
}

describe('withRetry: failures before the reply’s first content are retried', () => {
  it('retries 429s and 5xx, then streams the reply', async () => {
    const arrivals = script('gpt-4.1', [
      { error: { status: 429, retryAfterSeconds: 0 } },
      { error: { status: 503 } },
    ]);
    const outcome = await stream(models.chat());
    expect(outcome.error).toBeUndefined();
    expect(outcome.text).toBe('recovered answer');
    expect(arrivals).toHaveLength(3);
    expect(outcome.notices.map((n) => [n.attempt, faultKind(n.error)])).toEqual([
      [1, 'rate-limit'],
      [2, 'server'],
    ]);
  });

  it('retries an in-stream error event that came before any content (Anthropic, after message_start)', async () => {
    const arrivals = script('claude-sonnet-4-5', [
      { text: 'lost', streamError: { afterChunks: 1, type: 'overloaded_error' } },
    ]);
    const outcome = await stream(models.claude());
    expect(outcome.error).toBeUndefined();
    expect(outcome.text).toBe('recovered answer');
    expect(arrivals).toHaveLength(2);
    expect(outcome.notices.map((n) => n.error)).toEqual([
      { type: 'overloaded_error', message: 'Overloaded' },
    ]);
  });

  it('retries a stream cut before any content', async () => {
    const arrivals = script('claude-sonnet-4-5', [{ text: 'lost', cutAfterChunks: 1 }]);
    const outcome = await stream(models.claude());
    expect(outcome.text).toBe('recovered answer');
    expect(arrivals).toHaveLength(2);
    expect(outcome.notices.map((n) => faultKind(n.error))).toEqual(['cut']);
  });

  it('leaves a failure after content to the caller, exactly as the provider sent it', async () => {
    const arrivals = script('claude-sonnet-4-5', [
      { text: 'one two three', streamError: { afterChunks: 5, type: 'overloaded_error' } },
    ]);
    const outcome = await stream(models.claude());
    expect(outcome.text).toBe('one two ');
    expect(outcome.error).toEqual({ type: 'overloaded_error', message: 'Overloaded' });
    expect(arrivals).toHaveLength(1);
    expect(outcome.notices).toEqual([]);
    expect(retriesSpent(outcome.error)).toBeUndefined();
  });

  it('does not retry what retrying cannot fix: insufficient_quota, 400, 401, 404', async () => {
    for (const error of [
      { status: 429, type: 'insufficient_quota' },
      { status: 400 },
      { status: 401 },
      { status: 404 },
    ]) {
      const arrivals = script('gpt-5', [{ error }]);
      const outcome = await stream(models.openai());
      expect(outcome.error).toMatchObject({ statusCode: error.status });
      expect(arrivals).toHaveLength(1);
      expect(outcome.notices).toEqual([]);
      expect(retriesSpent(outcome.error)).toBeUndefined();
    }
  });

  it('gives up after maxRetries and marks the failure as retried', async () => {
    const failing = Array.from({ length: 5 }, () => ({ error: { status: 500 } }));
    const arrivals = script('gpt-4.1', failing);
    const outcome = await stream(models.chat());
    expect(outcome.error).toMatchObject({ statusCode: 500 });
    expect(arrivals).toHaveLength(4);
    expect(outcome.notices.map((n) => n.attempt)).toEqual([1, 2, 3]);
    expect(retriesSpent(outcome.error)).toBe(3);
  });

  it('retries generate calls too', async () => {
    const arrivals = script('gpt-4.1', [{ error: { status: 502 } }]);
    const wrapped = withRetry(models.chat(), POLICY);
    const result = await generateText({ model: wrapped, prompt: 'hi', maxRetries: 0 });
    expect(result.text).toBe('recovered answer');
    expect(arrivals).toHaveLength(2);
  });

  it('stops waiting when the call is aborted', async () => {
    const arrivals = script('gpt-4.1', [{ error: { status: 429, retryAfterSeconds: 30 } }]);
    const controller = new AbortController();
    const notices: RetryNotice[] = [];
    const wrapped = withRetry(models.chat(), { ...POLICY, maxDelayMs: 60_000 }, (notice) => {
      notices.push(notice);
      controller.abort(new Error('stopped'));
    });
    const started = Date.now();
    const { parts } = await drain(
      streamText({
        model: wrapped,
        prompt: 'hi',
        maxRetries: 0,
        abortSignal: controller.signal,
        onError: () => {},
      }),
    );
    expect(notices.map((n) => n.delayMs)).toEqual([30_000]);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(arrivals).toHaveLength(1);
    expect(streamedText(parts)).toBe('');
  });
});

describe('withRetry: how long it waits', () => {
  it('waits as long as Gemini’s RetryInfo asks when there is no Retry-After header', async () => {
    const arrivals = script('gemini-2.5-flash', [{ error: { status: 429, retryAfterSeconds: 1 } }]);
    const outcome = await stream(models.gemini(), { maxRetries: 3, baseDelayMs: 10, maxDelayMs: 5_000 });
    expect(outcome.text).toBe('recovered answer');
    expect(outcome.notices.map((n) => n.delayMs)).toEqual([1000]);
    expect(arrivals).toHaveLength(2);
    expect(arrivals[1]! - arrivals[0]!).toBeGreaterThanOrEqual(1000);
  });

  it('honours retry-after (Anthropic), retry-after-ms and x-ratelimit-reset-requests (OpenAI)', async () => {
    script('claude-sonnet-4-5', [{ error: { status: 429, retryAfterSeconds: 0.2 } }]);
    expect((await stream(models.claude())).notices.map((n) => n.delayMs)).toEqual([200]);
    script('gpt-5', [{ error: { status: 429, retryAfterMs: 150, retryAfterSeconds: 1 } }]);
    expect((await stream(models.openai())).notices.map((n) => n.delayMs)).toEqual([150]);
    script('gpt-5', [{ error: { status: 429 } }]);
    expect((await stream(models.openai())).notices.map((n) => n.delayMs)).toEqual([120]);
  });

  it('backs off exponentially otherwise, and a quarter as long for an unreachable endpoint', async () => {
    const port = await closedPort();
    const dead = createOpenAI({ baseURL: `http://127.0.0.1:${port}/v1`, apiKey: 'k' }).chat('m');
    const outcome = await stream(dead, { maxRetries: 3, baseDelayMs: 40, maxDelayMs: 5_000 });
    expect(faultKind(outcome.error)).toBe('connection');
    expect(retriesSpent(outcome.error)).toBe(3);
    const delays = outcome.notices.map((n) => n.delayMs);
    expect(delays).toHaveLength(3);
    delays.forEach((delay, i) => {
      expect(delay).toBeGreaterThanOrEqual(10 * 2 ** i * 0.8);
      expect(delay).toBeLessThanOrEqual(10 * 2 ** i * 1.2);
    });
    // The default policy gives a dead endpoint up within about two seconds.
    const policy = defaultRetryPolicy({});
    const total = [1, 2, 3].reduce((sum, attempt) => sum + retryDelay(outcome.error, attempt, policy), 0);
    expect(total).toBeGreaterThanOrEqual(1750 * 0.8);
    expect(total).toBeLessThanOrEqual(1750 * 1.2);
  });

  it('caps a wait at maxDelayMs', async () => {
    script('claude-sonnet-4-5', [{ error: { status: 429, retryAfterSeconds: 120 } }]);
    const outcome = await stream(models.claude(), { maxRetries: 1, baseDelayMs: 5, maxDelayMs: 50 });
    expect(outcome.notices.map((n) => n.delayMs)).toEqual([50]);
  });
});

/** A local port with nothing listening on it. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
