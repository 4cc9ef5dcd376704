import { describe, expect, it } from 'vitest';
import { validateConfigObject } from '../../src/config/validate.js';

const check = (raw: unknown) => validateConfigObject(raw, 'test.yaml');
const openai = { type: 'openai', model: 'gpt-5-mini' };

describe('config keys of tool risk: tool_risk, trusted, safety.classifier', () => {
  it('accepts declarations on a backend and on an MCP server, a trusted server and a classifier', () => {
    const r = check({
      agents: [
        {
          id: 'a',
          backend: {
            ...openai,
            tool_risk: {
              'mcp__github__get_*': 'read-only',
              custom_tool__mail: { level: 'irreversible', open_world: true },
            },
            mcp_servers: [
              { name: 'github', command: 'gh-mcp', trusted: true, tool_risk: { 'create_*': 'irreversible' } },
            ],
          },
        },
      ],
      safety: { classifier: { type: 'openai', model: 'gpt-5-mini' } },
    });
    expect(r.errors).toEqual([]);
    expect(r.config?.agents[0]?.backend.tool_risk).toEqual({
      'mcp__github__get_*': 'read-only',
      custom_tool__mail: { level: 'irreversible', open_world: true },
    });
    expect(r.config?.agents[0]?.backend.mcp_servers?.[0]).toMatchObject({
      trusted: true,
      tool_risk: { 'create_*': 'irreversible' },
    });
    expect(r.config?.safety).toEqual({ classifier: { type: 'openai', model: 'gpt-5-mini' } });
  });

  it('names the key path of a bad level, a bad trusted value and a classifier without a model', () => {
    const r = check({
      agents: [
        {
          id: 'a',
          backend: {
            ...openai,
            tool_risk: { x: 'dangerous' },
            mcp_servers: [{ name: 's', command: 'c', trusted: 'yes' }],
          },
        },
      ],
      safety: { classifier: { type: 'openai' }, clasifier: {} },
    });
    expect(r.valid).toBe(false);
    expect(r.errors.map((e) => e.path).sort()).toEqual([
      'agents[0].backend.mcp_servers[0].trusted',
      'agents[0].backend.tool_risk.x',
      'safety.clasifier',
      'safety.classifier.model',
    ]);
    expect(r.errors.find((e) => e.path === 'safety.clasifier')?.suggestion).toBe(
      'did you mean `classifier`?',
    );
    expect(r.errors.find((e) => e.path === 'agents[0].backend.tool_risk.x')).toMatchObject({
      message: '`dangerous` is not a risk level',
      suggestion: 'use one of read-only, reversible, irreversible, unknown, or { level, open_world }',
    });
  });
});
