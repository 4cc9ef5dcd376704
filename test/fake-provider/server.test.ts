import { type ChildProcess, spawn } from 'node:child_process';
import { createOpenAI } from '@ai-sdk/openai';
import { streamText } from 'ai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drain, readJson } from './protocol-suite.js';
import { createFakeProvider, type FakeProvider } from './server.js';

describe('fake provider server', () => {
  let provider: FakeProvider;
  beforeAll(async () => {
    provider = await createFakeProvider({ scenario: () => ({ text: 'default' }) });
  });
  afterAll(() => provider.close());

  it('exposes per-provider base URLs', () => {
    expect(provider.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(provider.baseUrls).toEqual({
      openai: `${provider.url}/v1`,
      anthropic: `${provider.url}/v1`,
      gemini: `${provider.url}/v1beta`,
      chat: `${provider.url}/v1`,
      xai: `${provider.url}/xai/v1`,
    });
  });

  it('answers unknown routes and methods with an OpenAI-style 404', async () => {
    for (const [method, path] of [
      ['POST', '/v1/fine_tuning/jobs'],
      ['GET', '/v1/chat/completions'],
    ]) {
      const response = await fetch(`${provider.url}${path}`, {
        method,
        ...(method === 'POST' ? { body: '{}' } : {}),
      });
      expect(response.status).toBe(404);
      expect(await readJson(response)).toEqual({
        error: {
          message: `Invalid URL (${method} ${path})`,
          type: 'invalid_request_error',
          param: null,
          code: null,
        },
      });
    }
  });

  it('rejects a body that is not JSON with the protocol error shape', async () => {
    const response = await fetch(`${provider.url}/v1/messages`, { method: 'POST', body: '{nope' });
    expect(response.status).toBe(400);
    expect(await readJson(response)).toMatchObject({
      type: 'error',
      error: { type: 'invalid_request_error' },
    });
  });

  it('turns a throwing scenario into a 500 naming the failure', async () => {
    provider.setScenario(() => {
      throw new Error('no script left');
    });
    const response = await fetch(`${provider.baseUrls.chat}/chat/completions`, {
      method: 'POST',
      body: JSON.stringify({ model: 'm', messages: [] }),
    });
    expect(response.status).toBe(500);
    expect((await readJson(response)).error.message).toMatch(/no script left/);
    provider.setScenario(() => ({ text: 'default' }));
  });

  it('records requests in arrival order with lower-case headers', async () => {
    const before = provider.requests.length;
    for (const model of ['a', 'b', 'c']) {
      await fetch(`${provider.baseUrls.chat}/chat/completions`, {
        method: 'POST',
        headers: { 'X-Custom-Header': model },
        body: JSON.stringify({
          model,
          messages: [{ role: 'user', content: [{ type: 'text', text: model }] }],
        }),
      });
    }
    const recorded = provider.requests.slice(before);
    expect(recorded.map((r) => [r.index, r.model, r.headers['x-custom-header'], r.lastUserText])).toEqual([
      [before, 'a', 'a', 'a'],
      [before + 1, 'b', 'b', 'b'],
      [before + 2, 'c', 'c', 'c'],
    ]);
  });
});

describe('close()', () => {
  it('destroys open streaming sockets so clients fail fast', async () => {
    const provider = await createFakeProvider({
      scenario: () => ({ text: 'a b c d e f g', chunkDelayMs: 5_000 }),
    });
    // The client's own fetch, observed: the test goes on once the streaming response has begun.
    let begun!: () => void;
    const responded = new Promise<void>((resolve) => {
      begun = resolve;
    });
    const observed: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      begun();
      return response;
    };
    const model = createOpenAI({ baseURL: provider.baseUrls.chat, apiKey: 'k', fetch: observed }).chat(
      'gpt-4.1',
    );
    const errors: unknown[] = [];
    const run = drain(
      streamText({ model, prompt: 'hi', maxRetries: 0, onError: ({ error }) => void errors.push(error) }),
    );
    await responded;
    const started = Date.now();
    await provider.close();
    const { thrown } = await run;
    // Cut before the first content delta: the OpenAI chat client reports it as an error part.
    expect(thrown ?? errors[0]).toMatchObject({ message: 'Failed to process successful response' });
    expect(Date.now() - started).toBeLessThan(1_000);
  });
});

describe('main.ts runner', () => {
  let child: ChildProcess | undefined;
  afterAll(() => {
    child?.kill('SIGKILL');
  });

  it('prints its URL, serves consensus() and exits on SIGTERM', async () => {
    child = spawn(
      process.execPath,
      ['--import', 'tsx', 'test/fake-provider/main.ts', '--port', '0', '--latency', '1'],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      child?.stdout?.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const match = /FAKE_PROVIDER_URL: (\S+)/.exec(out);
        if (match?.[1]) resolve(match[1]);
      });
      child?.once('exit', (code) => reject(new Error(`runner exited early with ${code}`)));
    });
    const response = await fetch(`${url}/v1/chat/completions`, {
      method: 'POST',
      body: JSON.stringify({ model: 'gpt-x', messages: [{ role: 'user', content: 'hi' }] }),
    });
    expect((await readJson(response)).choices[0].message.content).toBe('Final answer from gpt-x');
    const exited = new Promise<number | null>((resolve) => child?.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});
