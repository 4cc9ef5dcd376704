import { describe, expect, it } from 'vitest';
import { validateConfigObject } from '../../src/config/validate.js';

const check = (raw: unknown) => validateConfigObject(raw, 'test.yaml');

describe('config normalisation', () => {
  it('turns a single `agent:` into a one-element `agents` list with id agent1', () => {
    const r = check({ agent: { backend: { type: 'gemini', model: 'gemini-2.5-flash' } } });
    expect(r.errors).toEqual([]);
    expect(r.config?.agents).toEqual([
      { id: 'agent1', backend: { type: 'gemini', model: 'gemini-2.5-flash' } },
    ]);
  });

  it('gives agents without id the 1-based default agent{i}', () => {
    const r = check({ agents: [{ id: 'x', backend: { model: 'gpt-5' } }, { backend: { model: 'gpt-5' } }] });
    expect(r.config?.agents.map((a) => a.id)).toEqual(['x', 'agent2']);
  });

  it('fills orchestrator, coordination, ui and timeout defaults', () => {
    const r = check({ agents: [{ id: 'a', backend: { model: 'gpt-5' } }] });
    expect(r.valid).toBe(true);
    expect(r.config?.orchestrator).toMatchObject({
      voting_sensitivity: 'lenient',
      answer_novelty_requirement: 'lenient',
      max_new_answers_per_agent: null,
      skip_coordination_rounds: false,
      debug_final_answer: null,
      coordination: { max_orchestration_restarts: 0, enable_planning_mode: false },
    });
    expect(r.config?.ui).toEqual({
      display_type: 'rich_terminal',
      logging_enabled: true,
      use_orchestrator_for_single_agent: true,
    });
    expect(r.config?.timeout_settings).toEqual({
      orchestrator_timeout_seconds: 1800,
      agent_timeout_seconds: 600,
    });
  });

  it('keeps the voting knobs given in the file', () => {
    const r = check({
      agents: [{ id: 'a', backend: { model: 'gpt-5' } }],
      orchestrator: {
        voting_sensitivity: 'strict',
        answer_novelty_requirement: 'balanced',
        max_new_answers_per_agent: 2,
        skip_coordination_rounds: true,
      },
      timeout_settings: { orchestrator_timeout_seconds: 60 },
      session_id: 'session_1',
    });
    expect(r.config?.orchestrator).toMatchObject({
      voting_sensitivity: 'strict',
      answer_novelty_requirement: 'balanced',
      max_new_answers_per_agent: 2,
      skip_coordination_rounds: true,
    });
    expect(r.config?.timeout_settings).toEqual({
      orchestrator_timeout_seconds: 60,
      agent_timeout_seconds: 600,
    });
    expect(r.config?.session_id).toBe('session_1');
  });

  it.each([
    ['gpt-5-nano', 'openai'],
    ['claude-sonnet-4-5', 'claude'],
    ['gemini-2.5-pro', 'gemini'],
    ['grok-4-fast', 'grok'],
    ['glm-4.6', 'zai'],
  ])('infers the backend type from model %s', (model, type) => {
    const r = check({ agents: [{ id: 'a', backend: { model } }] });
    expect(r.errors).toEqual([]);
    expect(r.config?.agents[0]?.backend.type).toBe(type);
  });

  it('fills the catalog default model when the type has one', () => {
    const r = check({ agents: [{ id: 'a', backend: { type: 'claude' } }] });
    expect(r.config?.agents[0]?.backend.model).toBe('claude-sonnet-4-5-20250929');
  });

  it('turns a name-keyed mcp_servers map into a list with names', () => {
    const r = check({
      agents: [
        {
          id: 'a',
          backend: { ...{ type: 'gemini' }, mcp_servers: { weather: { type: 'stdio', command: 'npx' } } },
        },
      ],
    });
    expect(r.config?.agents[0]?.backend.mcp_servers).toEqual([
      { name: 'weather', type: 'stdio', command: 'npx' },
    ]);
  });

  it('appends an agent-level append_system_prompt to system_message, with a warning', () => {
    const r = check({
      agent: { backend: { type: 'openai' }, system_message: 'A', append_system_prompt: 'B' },
    });
    expect(r.config?.agents[0]?.system_message).toBe('A\n\nB');
    expect(r.config?.agents[0]).not.toHaveProperty('append_system_prompt');
    expect(r.warnings.map((w) => w.path)).toContain('agent.append_system_prompt');
  });

  it('reads ui.type as ui.display_type', () => {
    const r = check({ agent: { backend: { type: 'openai' } }, ui: { type: 'simple' } });
    expect(r.config?.ui.display_type).toBe('simple');
    expect(r.warnings).toEqual([]);
  });

  it('reads a top-level display: block as ui:, with a warning', () => {
    const r = check({
      agent: { backend: { type: 'openai' } },
      display: { type: 'simple', logging_enabled: false },
    });
    expect(r.config?.ui).toMatchObject({ display_type: 'simple', logging_enabled: false });
    expect(r.config).not.toHaveProperty('display');
    expect(r.warnings).toEqual([
      expect.objectContaining({ path: 'display', suggestion: 'rename `display:` to `ui:`' }),
    ]);
  });
});
