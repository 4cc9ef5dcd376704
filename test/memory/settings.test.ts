import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateConfigObject } from '../../src/config/validate.js';
import { agentMemorySettings, deepMerge, sharedScope } from '../../src/memory/settings.js';
import { contextWindow, DEFAULT_CONTEXT_WINDOW } from '../../src/memory/tokens.js';

describe('memory settings', () => {
  it('is off without a block or with enabled: false', () => {
    expect(agentMemorySettings('a', undefined, undefined)).toEqual({});
    expect(agentMemorySettings('a', { enabled: false, persistent_memory: {} }, undefined)).toEqual({});
  });

  it('fills defaults: compression on, long-term only with persistent_memory', () => {
    const s = agentMemorySettings('a1', { enabled: true }, undefined, '/w');
    expect(s).toEqual({ compression: { triggerThreshold: 0.75, targetRatio: 0.4 } });
    const p = agentMemorySettings('a1', { persistent_memory: {} }, undefined, '/w').persistent;
    expect(p).toEqual({
      path: path.resolve('/w', '.massgen/memory.db'),
      userId: 'default',
      agentScope: 'a1',
      embedding: { provider: 'openai', model: 'text-embedding-3-small' },
      retrievalLimit: 5,
      excludeRecent: true,
    });
  });

  it('deep-merges the per-agent block over the top-level one', () => {
    const top = {
      compression: { trigger_threshold: 0.5, target_ratio: 0.2 },
      persistent_memory: { user_id: 'ann', embedding: { provider: 'openai', model: 'e1' }, path: 'm.db' },
    };
    const s = agentMemorySettings(
      'a1',
      top,
      {
        compression: { context_window_tokens: 9000 },
        persistent_memory: { embedding: { model: 'e2' }, agent_name: 'solo' },
      },
      '/w',
    );
    expect(s.compression).toEqual({ triggerThreshold: 0.5, targetRatio: 0.2, contextWindowTokens: 9000 });
    expect(s.persistent).toMatchObject({
      path: '/w/m.db',
      userId: 'ann',
      agentScope: 'solo',
      embedding: { provider: 'openai', model: 'e2' },
    });
    expect(agentMemorySettings('a2', top, { conversation_memory: { enabled: false } }).compression).toBe(
      undefined,
    );
    expect(deepMerge({ a: [1, 2], b: { c: 1 } }, { a: [3], b: { d: 2 } })).toEqual({
      a: [3],
      b: { c: 1, d: 2 },
    });
    expect(sharedScope(undefined)).toBe('team');
    expect(sharedScope({ persistent_memory: { agent_name: 'crew' } })).toBe('crew');
  });

  it('accepts the MassGen-TS keys in the schema', () => {
    const r = validateConfigObject(
      {
        agent: { backend: { type: 'openai', model: 'gpt-4o' } },
        memory: {
          compression: { context_window_tokens: 4000 },
          persistent_memory: {
            user_id: 'me',
            embedding: {
              provider: 'openai',
              model: 'm',
              base_url: 'http://x/v1',
              api_key: 'k',
              dimensions: 64,
            },
          },
        },
      },
      'test.yaml',
    );
    expect(r.errors).toEqual([]);
    expect(r.warnings).toEqual([]);
  });

  it('knows context windows from the catalog, by provider, with a default for unknown models', async () => {
    expect(await contextWindow('openai', 'gpt-4o')).toBe(128_000);
    expect(await contextWindow('gemini', 'gemini-2.5-flash')).toBe(1_048_576);
    expect(await contextWindow('claude', 'claude-sonnet-4-20250514')).toBe(200_000);
    expect(await contextWindow('chatcompletion', 'my-local-model')).toBe(DEFAULT_CONTEXT_WINDOW);
    expect(await contextWindow('openai', 'gpt-4o', 5000)).toBe(5000);
  });
});
