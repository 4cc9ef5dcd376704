/** The `adapter:` key of a `type: adapter` backend: the framework of the agent its module exports. */
import { describe, expect, it } from 'vitest';
import { validateConfigObject } from '../../src/config/validate.js';

const check = (backend: Record<string, unknown>) =>
  validateConfigObject({ agents: [{ id: 'a', backend }] }, 'test.yaml');

describe('backend.adapter', () => {
  it.each(['openai-agents', 'langgraph', 'mastra', 'ai-sdk'])('takes %s with a module', (adapter) => {
    const r = check({ type: 'adapter', adapter, module: './agents/x.ts', export: 'x' });
    expect(r.errors).toEqual([]);
    expect(r.valid).toBe(true);
  });

  it('names the frameworks for an unknown one', () => {
    const r = check({ type: 'adapter', adapter: 'crewai', module: './x.ts' });
    expect(r.errors.map((e) => e.path)).toEqual(['agents[0].backend.adapter']);
    expect(r.errors[0]?.message).toContain('openai-agents');
  });

  it('is read by `type: adapter` backends only', () => {
    const r = check({ type: 'claude', model: 'claude-sonnet-4-5', adapter: 'openai-agents' });
    expect(r.errors.map((e) => [e.path, e.message, e.suggestion])).toEqual([
      [
        'agents[0].backend.adapter',
        '`adapter` is read by `type: adapter` backends only',
        'remove `adapter`, or use `type: adapter`',
      ],
    ]);
  });

  it('needs `module:`', () => {
    const r = check({ type: 'adapter', adapter: 'langgraph' });
    expect(r.errors.map((e) => e.path)).toEqual(['agents[0].backend.module']);
  });
});
