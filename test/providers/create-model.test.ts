import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { streamStep } from '../../src/agent/stream-step.js';
import { MissingApiKeyError } from '../../src/errors.js';
import type { EventInput } from '../../src/events/types.js';
import { resolveApiKey } from '../../src/providers/api-key.js';
import type { BackendType } from '../../src/providers/catalog.js';
import { createModel, type ModelBackendConfig } from '../../src/providers/create-model.js';
import { createFakeProvider, type FakeProvider } from '../fake-provider/server.js';

let fake: FakeProvider;
beforeAll(async () => {
  fake = await createFakeProvider({
    scenario: () => ({
      text: 'Hello there',
      reasoning: 'Thinking it through',
      usage: { inputTokens: 21, outputTokens: 9, reasoningTokens: 4 },
    }),
  });
});
afterAll(() => fake.close());

async function step(backend: ModelBackendConfig) {
  const resolved = await createModel('agent', backend, {});
  const events: EventInput[] = [];
  await streamStep({
    agent: {
      id: 'agent',
      label: 'agent1',
      index: 0,
      backendType: backend.type,
      modelId: resolved.modelId,
      model: resolved.model,
      settings: resolved.settings,
    },
    system: 'Be brief.',
    messages: [{ role: 'user', content: 'Hi' }],
    emit: (e) => events.push(e),
    signal: new AbortController().signal,
    phase: 'coordination',
  });
  return { events, request: fake.requests.at(-1)! };
}

const cases: Array<[string, () => ModelBackendConfig, string]> = [
  [
    'openai',
    () => ({ type: 'openai', model: 'gpt-5-mini', base_url: fake.baseUrls.openai, api_key: 'k' }),
    'responses',
  ],
  [
    'claude',
    () => ({ type: 'claude', model: 'claude-x', base_url: fake.baseUrls.anthropic, api_key: 'k' }),
    'anthropic',
  ],
  [
    'gemini',
    () => ({ type: 'gemini', model: 'gemini-x', base_url: fake.baseUrls.gemini, api_key: 'k' }),
    'gemini',
  ],
  ['grok', () => ({ type: 'grok', model: 'grok-4', base_url: fake.baseUrls.chat, api_key: 'k' }), 'chat'],
  [
    'chatcompletion',
    () => ({ type: 'chatcompletion', model: 'llama', base_url: fake.baseUrls.chat }),
    'chat',
  ],
  [
    'azure_openai',
    () => ({ type: 'azure_openai', model: 'deploy', base_url: fake.url, api_key: 'k' }),
    'chat',
  ],
];

describe('providers', () => {
  it.each(cases)('%s streams text and reports usage and reasoning', async (_name, backend, protocol) => {
    const { events, request } = await step(backend());
    expect(request.protocol).toBe(protocol);
    expect(request.system).toContain('Be brief.');
    const text = events.flatMap((e) => (e.type === 'text-delta' ? [e.text] : [])).join('');
    expect(text).toBe('Hello there');
    const reasoning = events.flatMap((e) => (e.type === 'reasoning-delta' ? [e.text] : [])).join('');
    expect(reasoning).toBe('Thinking it through');
    const usage = events.find((e) => e.type === 'usage');
    expect(usage).toMatchObject({ usage: { inputTokens: 21, outputTokens: 9 } });
  });

  it('sends OpenAI reasoning and verbosity settings on the wire', async () => {
    const { request } = await step({
      type: 'openai',
      model: 'gpt-5-mini',
      base_url: fake.baseUrls.openai,
      api_key: 'k',
      reasoning: { effort: 'low', summary: 'auto' },
      text: { verbosity: 'medium' },
    });
    expect(request.body.reasoning).toEqual({ effort: 'low', summary: 'auto' });
    expect(request.body.text).toMatchObject({ verbosity: 'medium' });
  });

  it('gives Claude a default max_tokens of 4096 and sends betas as a header', async () => {
    const { request } = await step({
      type: 'claude',
      model: 'claude-x',
      base_url: fake.baseUrls.anthropic,
      api_key: 'k',
      betas: ['b-1', 'b-2'],
    });
    expect(request.body.max_tokens).toBe(4096);
    expect(request.headers['anthropic-beta']).toContain('b-1');
    expect(request.headers['x-api-key']).toBe('k');
  });

  it('passes extra_body and sampling settings to an OpenAI-compatible server', async () => {
    const { request } = await step({
      type: 'vllm',
      model: 'qwen',
      base_url: fake.baseUrls.chat,
      temperature: 0.3,
      extra_body: { repetition_penalty: 1.1 },
      chat_template_kwargs: { enable_thinking: false },
    });
    expect(request.body).toMatchObject({
      temperature: 0.3,
      repetition_penalty: 1.1,
      chat_template_kwargs: { enable_thinking: false },
    });
    expect(request.headers.authorization).toBe('Bearer EMPTY');
  });
});

describe('API keys', () => {
  const key = (type: BackendType, env: Record<string, string>, extra: Partial<ModelBackendConfig> = {}) =>
    resolveApiKey('a', { type, ...extra }, env);

  it('prefers the config api_key, with ${VAR} expanded', () => {
    expect(key('openai', { OPENAI_API_KEY: 'env', MY_KEY: 'mine' }, { api_key: '${MY_KEY}' })).toBe('mine');
  });

  it('takes the provider variable from the environment', () => {
    expect(key('gemini', { GOOGLE_API_KEY: 'g' })).toBe('g');
    expect(key('claude', { ANTHROPIC_API_KEY: 'c' })).toBe('c');
  });

  it('chooses a chatcompletion key from the base_url host', () => {
    expect(
      key('chatcompletion', { CEREBRAS_API_KEY: 'cb' }, { base_url: 'https://api.cerebras.ai/v1' }),
    ).toBe('cb');
  });

  it('needs no key for local servers', () => {
    expect(key('lmstudio', {})).toBe('lm-studio');
    expect(key('chatcompletion', {}, { base_url: 'http://localhost:11434/v1' })).toBe('EMPTY');
  });

  it('names the variable when the key is missing', () => {
    expect(() => key('grok', {})).toThrow(MissingApiKeyError);
    expect(() => key('grok', {})).toThrow(/XAI_API_KEY/);
    expect(() => key('chatcompletion', {}, { base_url: 'https://api.groq.com/openai/v1' })).toThrow(
      /GROQ_API_KEY/,
    );
  });
});
