import { describe, expect, it } from 'vitest';
import { MissingApiKeyError, UnsetKeyVariableError } from '../../src/errors.js';
import { resolveApiKey } from '../../src/providers/api-key.js';
import { type BackendType, keyVariablesForUrl } from '../../src/providers/catalog.js';

const key = (
  type: BackendType,
  env: NodeJS.ProcessEnv,
  extra: { api_key?: string; base_url?: string } = {},
) => resolveApiKey('a', { type, ...extra }, env);

describe('api_key with ${VAR}', () => {
  const env = { OPENAI_API_KEY: 'sk-provider-variable' };

  it('is an error naming the variable when it is unset, never the provider variable instead', () => {
    const resolve = () => key('openai', env, { api_key: '${MY_KEY}' });
    expect(resolve).toThrow(UnsetKeyVariableError);
    expect(resolve).toThrow(
      /Agent "a": api_key refers to \$\{MY_KEY\}, which is not set or is empty; set MY_KEY/,
    );
    expect(resolve).not.toThrow(/sk-provider-variable/);
  });

  it('is an error when the variable is empty, also inside a longer value', () => {
    expect(() => key('openai', { ...env, MY_KEY: '' }, { api_key: '${MY_KEY}' })).toThrow(
      UnsetKeyVariableError,
    );
    expect(() => key('openai', { ...env, A: 'x' }, { api_key: '${A}-${B}' })).toThrow(/\$\{B\}/);
  });

  it('expands every reference when all are set, and keeps $${VAR} literal', () => {
    expect(key('openai', { ...env, A: 'one', B: 'two' }, { api_key: '${A}-${B}' })).toBe('one-two');
    expect(key('openai', env, { api_key: 'pre$${LITERAL}' })).toBe('pre${LITERAL}');
    expect(key('openai', env, { api_key: 'sk-literal' })).toBe('sk-literal');
  });
});

describe('provider variables go to their own hosts only', () => {
  it('matches a chatcompletion base_url by its host and subdomains, not by text in the URL', () => {
    expect(keyVariablesForUrl('https://api.groq.com/openai/v1')).toEqual(['GROQ_API_KEY']);
    expect(keyVariablesForUrl('https://API.OpenAI.com/v1')).toEqual(['OPENAI_API_KEY']);
    expect(keyVariablesForUrl('https://api.studio.nebius.ai/v1')).toEqual(['NEBIUS_API_KEY']);
    expect(keyVariablesForUrl('https://api.openai.com.attacker.example/v1')).toEqual([]);
    expect(keyVariablesForUrl('https://attacker.example/v1?u=api.openai.com')).toEqual([]);
    expect(keyVariablesForUrl('https://notgroq.com/v1')).toEqual([]);
    expect(keyVariablesForUrl('not a url')).toEqual([]);
    expect(keyVariablesForUrl(undefined)).toEqual(['OPENAI_API_KEY']);
  });

  it('sends no real key to an unknown chatcompletion host', () => {
    const env = { OPENAI_API_KEY: 'sk-provider-variable' };
    expect(key('chatcompletion', env, { base_url: 'https://api.openai.com.attacker.example/v1' })).toBe(
      'EMPTY',
    );
  });

  it('needs no key when OPENAI_BASE_URL points a chatcompletion backend at a local server', () => {
    expect(key('chatcompletion', { OPENAI_BASE_URL: 'http://localhost:11434/v1' })).toBe('EMPTY');
    expect(() => key('chatcompletion', { OPENAI_BASE_URL: 'https://proxy.example/v1' })).toThrow(
      MissingApiKeyError,
    );
  });
});
