import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { streamStep } from '../../src/agent/stream-step.js';
import { ConfigError } from '../../src/errors.js';
import { baseUrlVariable, resolveBaseUrl } from '../../src/providers/base-url.js';
import { createModel, type ModelBackendConfig } from '../../src/providers/create-model.js';
import { createFakeProvider, type FakeProvider } from '../fake-provider/server.js';

describe('resolveBaseUrl', () => {
  it('takes the config base_url over the variable', () => {
    expect(
      resolveBaseUrl({ type: 'openai', base_url: 'http://cfg/v1' }, { OPENAI_BASE_URL: 'http://env/v1' }),
    ).toEqual({ url: 'http://cfg/v1', source: 'config' });
  });

  it('reads each variable the way its provider SDK does', () => {
    const env = {
      OPENAI_BASE_URL: 'https://proxy.example/v1',
      ANTHROPIC_BASE_URL: 'https://proxy.example/anthropic/',
      GOOGLE_GEMINI_BASE_URL: 'https://proxy.example/google',
    };
    expect(resolveBaseUrl({ type: 'openai' }, env)).toEqual({
      url: 'https://proxy.example/v1',
      source: 'environment',
      variable: 'OPENAI_BASE_URL',
    });
    expect(resolveBaseUrl({ type: 'claude' }, env).url).toBe('https://proxy.example/anthropic/v1');
    expect(resolveBaseUrl({ type: 'gemini' }, env).url).toBe('https://proxy.example/google/v1beta');
  });

  it('uses OPENAI_BASE_URL for chatcompletion only without a base_url, and not for other types', () => {
    const env = { OPENAI_BASE_URL: 'http://localhost:4000/v1', ANTHROPIC_BASE_URL: 'http://x' };
    expect(resolveBaseUrl({ type: 'chatcompletion' }, env).url).toBe('http://localhost:4000/v1');
    expect(resolveBaseUrl({ type: 'grok' }, env)).toEqual({ url: 'https://api.x.ai/v1', source: 'default' });
    expect(resolveBaseUrl({ type: 'groq' }, env).url).toBe('https://api.groq.com/openai/v1');
    expect(baseUrlVariable('grok')).toBeUndefined();
  });

  it('treats an empty variable as unset and falls back to the provider endpoint', () => {
    expect(resolveBaseUrl({ type: 'claude' }, { ANTHROPIC_BASE_URL: '  ' })).toEqual({
      url: 'https://api.anthropic.com/v1',
      source: 'default',
    });
  });

  it('refuses a variable that is not an http(s) URL without repeating its value', () => {
    const resolve = () => resolveBaseUrl({ type: 'gemini' }, { GOOGLE_GEMINI_BASE_URL: 'user:pw@proxy' });
    expect(resolve).toThrow(ConfigError);
    expect(resolve).toThrow(/GOOGLE_GEMINI_BASE_URL is not an http\(s\) URL/);
    expect(resolve).not.toThrow(/pw@proxy/);
  });
});

describe('models built with the standard variables reach the right path', () => {
  let fake: FakeProvider;
  beforeAll(async () => {
    fake = await createFakeProvider({ scenario: () => ({ text: 'ok' }) });
  });
  afterAll(() => fake.close());

  async function pathOf(backend: ModelBackendConfig, env: NodeJS.ProcessEnv): Promise<string> {
    const resolved = await createModel('agent', backend, env);
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
      emit: () => {},
      signal: new AbortController().signal,
      phase: 'coordination',
    });
    return fake.requests.at(-1)!.path;
  }

  it('OPENAI_BASE_URL with /v1, ANTHROPIC_BASE_URL and GOOGLE_GEMINI_BASE_URL without a version', async () => {
    expect(
      await pathOf(
        { type: 'openai', model: 'm' },
        { OPENAI_BASE_URL: `${fake.url}/v1`, OPENAI_API_KEY: 'k' },
      ),
    ).toBe('/v1/responses');
    expect(
      await pathOf({ type: 'claude', model: 'm' }, { ANTHROPIC_BASE_URL: fake.url, ANTHROPIC_API_KEY: 'k' }),
    ).toBe('/v1/messages');
    expect(
      await pathOf({ type: 'gemini', model: 'm' }, { GOOGLE_GEMINI_BASE_URL: fake.url, GEMINI_API_KEY: 'k' }),
    ).toMatch(/^\/v1beta\/models\/m:stream[gG]enerateContent$/);
  });
});
