import { describe, expect, it } from 'vitest';
import { configFromKeys } from '../../src/cli/default-config.js';
import { quickConfig } from '../../src/cli/quick-config.js';
import { validateConfigObject } from '../../src/config/validate.js';

describe('default config from provider keys', () => {
  it('builds one agent per provider whose key is set', () => {
    const config = configFromKeys({ OPENAI_API_KEY: 'o', GOOGLE_API_KEY: 'g' }) as {
      agents: Array<{ backend: { type: string } }>;
    };
    expect(config.agents.map((a) => a.backend.type)).toEqual(['openai', 'gemini']);
    expect(validateConfigObject(config, 'default').valid).toBe(true);
  });

  it('builds two agents of the one provider when only one key is set', () => {
    const config = configFromKeys({ ANTHROPIC_API_KEY: 'a' }) as {
      agents: Array<{ backend: { model: string } }>;
    };
    expect(config.agents).toHaveLength(2);
    expect(new Set(config.agents.map((a) => a.backend.model)).size).toBe(2);
    expect(validateConfigObject(config, 'default').valid).toBe(true);
  });

  it('is undefined with no key', () => {
    expect(configFromKeys({})).toBeUndefined();
  });
});

describe('quick setup', () => {
  it('infers the backend from the model name', () => {
    expect(quickConfig({ model: 'claude-sonnet-4-5' })).toMatchObject({
      agent: { backend: { type: 'claude' } },
    });
  });

  it('asks for --backend when the model name says nothing', () => {
    expect(() => quickConfig({ model: 'llama3.2' })).toThrow(/add --backend/);
  });
});
