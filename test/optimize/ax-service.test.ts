import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/errors.js';
import { agentEndpoint, meteredFetch } from '../../src/optimize/ax-service.js';
import { SpendMeter } from '../../src/optimize/spend.js';
import { createFakeProvider, type FakeProvider } from '../fake-provider/server.js';

let fake: FakeProvider;
beforeAll(async () => {
  fake = await createFakeProvider();
});
afterAll(async () => {
  await fake.close();
});

const chat = (url: string, f: typeof fetch) =>
  f(`${url}/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: 'Bearer k' },
    body: JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] }),
  });

describe('meteredFetch', () => {
  it('counts each reply’s usage, priced, and makes no request once the budget is spent', async () => {
    let requests = 0;
    fake.setScenario(() => {
      requests++;
      return { text: 'Answer: 1', usage: { inputTokens: 1000, outputTokens: 100 } };
    });
    const meter = new SpendMeter(0.0003);
    const f = meteredFetch(meter, 'optimize:a', 'openai', 'gpt-4o-mini');
    for (let i = 0; i < 2; i++) expect((await chat(fake.baseUrls.chat, f)).status).toBe(200);
    // gpt-4o-mini: $0.15 per million input tokens, $0.60 per million output tokens.
    expect(meter.phases.get('optimize:a')).toEqual({
      tokens: 2200,
      cost_usd: expect.closeTo(0.00042, 12),
      calls: 2,
    });
    expect(meter.exhausted).toBe(true);
    const refused = await chat(fake.baseUrls.chat, f);
    expect(refused.status).toBe(400);
    expect((await refused.json()).error.type).toBe('budget_reached');
    expect(requests).toBe(2);
  });
});

describe('agentEndpoint', () => {
  it('is the backend’s base URL, key and model', () => {
    const agent = {
      id: 'a',
      backend: {
        type: 'chatcompletion',
        model: 'm',
        base_url: `${fake.baseUrls.chat}/`,
        api_key: '${MY_KEY}',
      },
    } as never;
    expect(agentEndpoint(agent, { MY_KEY: 'secret' })).toEqual({
      apiURL: fake.baseUrls.chat,
      apiKey: 'secret',
      model: 'm',
    });
  });

  it('refuses a backend that does not speak Chat Completions, naming where it is', () => {
    const agent = { id: 'g', backend: { type: 'gemini', model: 'gemini-2.5-flash', api_key: 'k' } } as never;
    const error = (() => {
      try {
        agentEndpoint(agent, {}, { file: '/x/c.yaml', index: 2 });
      } catch (e) {
        return e;
      }
    })();
    expect(ConfigError.isInstance(error)).toBe(true);
    expect((error as ConfigError).issues[0]).toMatchObject({
      file: '/x/c.yaml',
      path: 'agents[2].backend.type',
    });
  });
});
