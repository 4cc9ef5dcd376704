import { describe, expect, it } from 'vitest';
import { defineConfig } from '../../src/run/config-source.js';

describe('defineConfig', () => {
  it('returns the config as written; the type checker catches unknown keys and values', () => {
    const config = {
      agents: [{ id: 'a', backend: { type: 'openai' as const, model: 'gpt-5' } }],
      orchestrator: { voting_sensitivity: 'strict' as const },
    };
    expect(defineConfig(config)).toBe(config);
    // These lines are checked by `tsc` (npm test runs it first); each must be an error.
    // @ts-expect-error: `modle` is not a backend key (did you mean `model`?)
    defineConfig({ agents: [{ id: 'a', backend: { type: 'openai', modle: 'x' } }] });
    // @ts-expect-error: `opnai` is not a backend type
    defineConfig({ agents: [{ id: 'a', backend: { type: 'opnai', model: 'x' } }] });
    // @ts-expect-error: `agentz` is not a top-level key
    defineConfig({ agentz: [] });
  });
});
