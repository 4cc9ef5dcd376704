/**
 * The OpenAI-compatible endpoint through the official `openai` npm client over real HTTP: the
 * configs as models, a chat completion whose reply is the final answer (whole and streamed), the
 * earlier messages as history, and OpenAI-style errors.
 */
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listExamples } from '../../src/config/examples.js';
import { consensus } from '../fake-provider/scenario.js';
import { createFakeProvider, type FakeProvider } from '../fake-provider/server.js';
import { tempHome } from '../support/cli.js';
import { api, gate, startTestServer, writeAgentsConfig } from '../support/web.js';

let fake: FakeProvider;
beforeAll(async () => {
  fake = await createFakeProvider();
});
afterAll(async () => {
  await fake.close();
});

async function served(token?: string) {
  const home = tempHome();
  const config = writeAgentsConfig(fake, home, ['a', 'b'], 'duo.yaml');
  const server = await startTestServer({ cwd: home, configs: [config], token });
  const client = new OpenAI({ baseURL: `${server.url}v1`, apiKey: token ?? 'unused', maxRetries: 0 });
  return { server, client };
}

describe('OpenAI-compatible endpoint', () => {
  it('GET /v1/models lists the served configs by file name and the packaged examples', async () => {
    const { server, client } = await served();
    try {
      const models = await client.models.list();
      const ids = models.data.map((m) => m.id);
      expect(ids).toEqual([
        'duo',
        ...listExamples().map((f) => `@examples/${f.replace(/\.(ya?ml|json)$/, '')}`),
      ]);
      expect(models.data[0]).toEqual({
        id: 'duo',
        object: 'model',
        created: expect.any(Number),
        owned_by: 'massgen',
      });
    } finally {
      await server.close();
    }
  });

  it('a chat completion is the final answer of a run of the config; earlier messages are its history', async () => {
    fake.setScenario(consensus({ present: (req) => `Final for ${req.model}` }));
    const { server, client } = await served('compat-token-123456');
    try {
      const seen = fake.requests.length;
      const completion = await client.chat.completions.create({
        model: 'duo',
        messages: [
          { role: 'system', content: 'Be brief.' },
          { role: 'user', content: 'Earlier question' },
          { role: 'assistant', content: 'Earlier answer' },
          { role: 'user', content: [{ type: 'text', text: 'What is 2+2?' }] },
        ],
      });
      expect(completion.object).toBe('chat.completion');
      expect(completion.id).toMatch(/^chatcmpl-/);
      expect(completion.model).toBe('duo');
      expect(completion.choices).toEqual([
        {
          index: 0,
          message: { role: 'assistant', content: 'Final for web-a', refusal: null },
          logprobs: null,
          finish_reason: 'stop',
        },
      ]);
      const requests = fake.requests.slice(seen);
      expect(completion.usage?.total_tokens).toBe(
        (completion.usage?.prompt_tokens ?? 0) + (completion.usage?.completion_tokens ?? 0),
      );
      expect(completion.usage?.prompt_tokens).toBeGreaterThan(0);
      const first = requests[0]!;
      const texts = first.messages.map((m) => m.text).join('\n');
      expect(texts).toContain('Earlier question');
      expect(texts).toContain('Earlier answer');
      expect(texts).toContain('What is 2+2?');
      // The run is in the history like any other.
      const runs = await api(server, '/api/runs', {
        headers: { authorization: 'Bearer compat-token-123456' },
      });
      expect(runs.body.runs.map((r: { question: string; status: string }) => [r.question, r.status])).toEqual(
        [['What is 2+2?', 'completed']],
      );
    } finally {
      await server.close();
    }
  });

  it('streamed: chat.completion.chunk deltas that add up to the final answer, then [DONE]', async () => {
    fake.setScenario(consensus({ present: () => 'Streamed final answer, in several words.' }));
    const { server, client } = await served();
    try {
      const stream = await client.chat.completions.create({
        model: 'duo',
        messages: [{ role: 'user', content: 'Stream it' }],
        stream: true,
        stream_options: { include_usage: true },
      });
      const chunks = [];
      for await (const chunk of stream) chunks.push(chunk);
      expect(chunks.every((c) => c.object === 'chat.completion.chunk' && c.model === 'duo')).toBe(true);
      expect(new Set(chunks.map((c) => c.id)).size).toBe(1);
      expect(chunks[0]!.choices[0]!.delta).toEqual({ role: 'assistant', content: '' });
      const text = chunks.map((c) => c.choices[0]?.delta.content ?? '').join('');
      expect(text).toBe('Streamed final answer, in several words.');
      const finishes = chunks.map((c) => c.choices[0]?.finish_reason ?? null).filter((f) => f !== null);
      expect(finishes).toEqual(['stop']);
      const last = chunks.at(-1)!;
      expect(last.choices).toEqual([]);
      expect(last.usage?.total_tokens).toBeGreaterThan(0);

      const raw = await fetch(`${server.url}v1/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'duo', messages: [{ role: 'user', content: 'Raw' }], stream: true }),
      });
      expect(raw.headers.get('content-type')).toMatch(/^text\/event-stream/);
      const body = await raw.text();
      expect(body.trimEnd().endsWith('data: [DONE]')).toBe(true);
    } finally {
      await server.close();
    }
  });

  it('closing the connection cancels the run (whole and streamed replies)', async () => {
    for (const stream of [false, true]) {
      const held = gate(2);
      fake.setScenario(held.scenario);
      const { server } = await served();
      try {
        const abort = new AbortController();
        const request = fetch(`${server.url}v1/chat/completions`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ model: 'duo', messages: [{ role: 'user', content: 'Hang up' }], stream }),
          signal: abort.signal,
        }).then((r) => r.text());
        await held.arrived;
        const [run] = server.deps.registry.list();
        abort.abort();
        await expect(request).rejects.toThrow();
        await run!.settled;
        held.release();
        expect([stream, run!.detail.status]).toEqual([stream, 'interrupted']);
      } finally {
        await server.close();
      }
    }
  });

  it('an unknown model is a 404 in OpenAI’s error shape; a missing token a 401', async () => {
    const { server, client } = await served();
    try {
      const error = await client.chat.completions
        .create({ model: 'nope', messages: [{ role: 'user', content: 'x' }] })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(OpenAI.NotFoundError);
      const e = error as InstanceType<typeof OpenAI.NotFoundError>;
      expect(e.status).toBe(404);
      expect(e.error).toEqual({
        code: 'model_not_found',
        message: 'The model `nope` does not exist: GET /v1/models lists the models.',
        type: 'invalid_request_error',
        param: 'model',
      });
    } finally {
      await server.close();
    }
    const guarded = await served('right-token-123456');
    try {
      const wrong = new OpenAI({ baseURL: `${guarded.server.url}v1`, apiKey: 'wrong', maxRetries: 0 });
      await expect(wrong.models.list()).rejects.toBeInstanceOf(OpenAI.AuthenticationError);
      expect((await guarded.client.models.list()).data.length).toBeGreaterThan(0);
    } finally {
      await guarded.server.close();
    }
  });
});
