import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/errors.js';
import { agentEndpoint, meteredFetch, reroutedFetch } from '../../src/optimize/ax-service.js';
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
    const f = meteredFetch({ meter, phase: 'optimize:a', backendType: 'openai', model: 'gpt-4o-mini' });
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

  it('reads Anthropic Messages usage and prices it as Claude', async () => {
    fake.setScenario(() => ({ text: 'Answer: 1', usage: { inputTokens: 1000, outputTokens: 100 } }));
    const meter = new SpendMeter(undefined);
    const f = meteredFetch({
      meter,
      phase: 'p',
      backendType: 'claude',
      model: 'claude-haiku-4-5',
      api: 'anthropic',
    });
    const reply = await f(`${fake.baseUrls.anthropic}/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': 'k', 'anthropic-version': '2023-06-01' },
      body: JSON.stringify({
        model: 'claude-haiku-4-5',
        max_tokens: 10,
        messages: [{ role: 'user', content: 'hi' }],
      }),
    });
    expect(reply.status).toBe(200);
    // claude-haiku-4-5: $1 per million input tokens, $5 per million output tokens.
    expect(meter.phases.get('p')).toEqual({ tokens: 1100, cost_usd: expect.closeTo(0.0015, 12), calls: 1 });
  });

  it('makes no request once the signal is aborted', async () => {
    let requests = 0;
    fake.setScenario(() => {
      requests++;
      return { text: 'x' };
    });
    const stop = new AbortController();
    stop.abort();
    const f = meteredFetch({
      meter: new SpendMeter(undefined),
      phase: 'p',
      backendType: 'openai',
      model: 'gpt-4o-mini',
      signal: stop.signal,
    });
    const refused = await chat(fake.baseUrls.chat, f);
    expect((await refused.json()).error.type).toBe('interrupted');
    expect(requests).toBe(0);
  });
});

describe('reroutedFetch', () => {
  it('sends a request under the fixed base URL to the backend’s, query kept, and refuses any other URL', async () => {
    const sent: string[] = [];
    const send: typeof fetch = async (input) => {
      sent.push(String(input));
      return new Response('{}');
    };
    const f = reroutedFetch(send, 'https://massgen.openai.azure.com', 'http://127.0.0.1:9/az');
    await f('https://massgen.openai.azure.com/openai/deployments/m/chat/completions?api-version=v1', {});
    expect(sent).toEqual(['http://127.0.0.1:9/az/openai/deployments/m/chat/completions?api-version=v1']);
    for (const other of [
      'https://api.openai.com/v1/chat/completions',
      'https://massgen.openai.azure.com.evil/x',
    ]) {
      const refused = await f(other, {});
      expect(refused.status).toBe(400);
      expect((await refused.json()).error.type).toBe('not_routed');
    }
    expect(sent).toHaveLength(1);
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
      api: 'chat',
      apiURL: fake.baseUrls.chat,
      apiKey: 'secret',
      model: 'm',
    });
  });

  it('is Anthropic Messages for claude, Gemini for gemini, and Azure with its endpoint and api-version', () => {
    const endpoint = (backend: Record<string, unknown>, env: NodeJS.ProcessEnv = {}) =>
      agentEndpoint({ id: 'a', backend: { api_key: 'k', ...backend } } as never, env);
    expect(endpoint({ type: 'claude', model: 'claude-haiku-4-5' })).toEqual({
      api: 'anthropic',
      apiURL: 'https://api.anthropic.com/v1',
      apiKey: 'k',
      model: 'claude-haiku-4-5',
    });
    expect(endpoint({ type: 'gemini' }, { GOOGLE_GEMINI_BASE_URL: 'http://127.0.0.1:9/' })).toEqual({
      api: 'gemini',
      apiURL: 'http://127.0.0.1:9/v1beta',
      apiKey: 'k',
      model: 'gemini-2.5-flash',
    });
    expect(
      endpoint(
        { type: 'azure_openai', model: 'dep' },
        { AZURE_OPENAI_ENDPOINT: 'https://r.openai.azure.com/' },
      ),
    ).toEqual({
      api: 'azure',
      apiURL: 'https://r.openai.azure.com',
      apiKey: 'k',
      model: 'dep',
      apiVersion: '2024-12-01-preview',
    });
    expect(
      endpoint({ type: 'azure_openai', model: 'dep', azure_endpoint: 'http://h', api_version: '2025-01-01' }),
    ).toMatchObject({ apiURL: 'http://h', apiVersion: '2025-01-01' });
  });

  it('refuses an external agent and an Azure backend without an endpoint, naming where it is', () => {
    const error = (agent: unknown) => {
      try {
        agentEndpoint(agent as never, {}, { file: '/x/c.yaml', index: 2 });
      } catch (e) {
        return e;
      }
    };
    const external = error({
      id: 'g',
      backend: { type: 'claude_code', model: 'claude-sonnet-4-5', api_key: 'k' },
    });
    expect(ConfigError.isInstance(external)).toBe(true);
    expect((external as ConfigError).issues[0]).toMatchObject({
      file: '/x/c.yaml',
      path: 'agents[2].backend.type',
      message: 'it is an external agent, not a provider API',
    });
    const azure = error({ id: 'z', backend: { type: 'azure_openai', model: 'dep', api_key: 'k' } });
    expect((azure as ConfigError).message).toBe(
      'agent "z": massgen optimize cannot drive its backend "azure_openai": it has no endpoint (set backend.base_url, azure_endpoint or AZURE_OPENAI_ENDPOINT)',
    );
  });
});
