import { describe, expect, it } from 'vitest';
import { validateConfigObject } from '../../src/config/validate.js';
import type { ConfigIssue } from '../../src/errors.js';

const check = (raw: unknown) => validateConfigObject(raw, 'test.yaml');
const issueAt = (issues: ConfigIssue[], path: string) => issues.find((i) => i.path === path);
const openai = { type: 'openai', model: 'gpt-5-mini' };

describe('config errors', () => {
  it('rejects an unknown top-level key with a did-you-mean', () => {
    const r = check({ agnets: [], agent: { backend: openai } });
    expect(issueAt(r.errors, 'agnets')).toMatchObject({
      message: expect.stringContaining('`agnets`'),
      suggestion: 'did you mean `agents`?',
    });
  });

  it('says where a misplaced top-level key belongs', () => {
    const r = check({ agent: { backend: openai }, voting_sensitivity: 'strict' });
    expect(issueAt(r.errors, 'voting_sensitivity')?.suggestion).toBe(
      '`voting_sensitivity` belongs under `orchestrator`',
    );
  });

  it('rejects an unknown agent key with a did-you-mean', () => {
    const r = check({ agents: [{ id: 'a', backend: openai, system_mesage: 'hi' }] });
    expect(issueAt(r.errors, 'agents[0].system_mesage')?.suggestion).toBe('did you mean `system_message`?');
  });

  it('rejects an unknown backend key with a did-you-mean', () => {
    const r = check({
      agents: [
        { id: 'a', backend: openai },
        { id: 'b', backend: { ...openai, temprature: 0.2 } },
      ],
    });
    expect(r.valid).toBe(false);
    expect(issueAt(r.errors, 'agents[1].backend.temprature')).toMatchObject({
      file: 'test.yaml',
      message: 'unknown key `temprature` in `agents[1].backend`',
      suggestion: 'did you mean `temperature`?',
    });
  });

  it('lists the valid keys when no key is close', () => {
    const r = check({ agent: { backend: openai }, ui: { zzzzzzzz: 1 } });
    expect(issueAt(r.errors, 'ui.zzzzzzzz')?.suggestion).toMatch(
      /^valid keys: `display_type`, `type`, `logging_enabled`/,
    );
  });

  it('rejects an unknown orchestrator key with a did-you-mean', () => {
    const r = check({
      agent: { backend: openai },
      orchestrator: { voting_sensitivty: 'strict', coordination: { max_orchestration_restart: 1 } },
    });
    expect(issueAt(r.errors, 'orchestrator.voting_sensitivty')?.suggestion).toBe(
      'did you mean `voting_sensitivity`?',
    );
    expect(issueAt(r.errors, 'orchestrator.coordination.max_orchestration_restart')?.suggestion).toBe(
      'did you mean `max_orchestration_restarts`?',
    );
  });

  it('rejects system_prompt inside backend, pointing to the agent system_message', () => {
    const r = check({ agents: [{ id: 'a', backend: { ...openai, system_prompt: 'x' } }] });
    expect(issueAt(r.errors, 'agents[0].backend.system_prompt')?.suggestion).toContain(
      'agents[0].system_message',
    );
  });

  it('rejects a wrong enum value saying what was expected and what was given', () => {
    const r = check({
      agent: { backend: openai },
      orchestrator: { voting_sensitivity: 'medium' },
      ui: { display_type: 'fancy' },
    });
    expect(issueAt(r.errors, 'orchestrator.voting_sensitivity')?.message).toBe(
      'expected one of `lenient`, `balanced`, `strict`; got "medium"',
    );
    expect(issueAt(r.errors, 'ui.display_type')?.message).toContain(
      '`rich_terminal`, `simple`, `terminal`, `silent`',
    );
  });

  it('rejects an unknown backend type with a did-you-mean', () => {
    const r = check({ agents: [{ id: 'a', backend: { type: 'opneai' } }] });
    expect(issueAt(r.errors, 'agents[0].backend.type')).toMatchObject({
      message: 'unknown backend type "opneai"',
      suggestion: 'did you mean `openai`?',
    });
  });

  it('rejects a wrong value type saying what was expected and what was given', () => {
    const r = check({ agents: [{ id: 'a', backend: { ...openai, temperature: 'hot', max_tokens: 1.5 } }] });
    expect(issueAt(r.errors, 'agents[0].backend.temperature')?.message).toBe('expected a number, got "hot"');
    expect(issueAt(r.errors, 'agents[0].backend.max_tokens')?.message).toBe(
      'expected a whole number, got 1.5',
    );
  });

  it('rejects out-of-range numbers', () => {
    const r = check({
      agent: { backend: openai },
      orchestrator: { max_new_answers_per_agent: 0, coordination: { max_orchestration_restarts: -1 } },
      timeout_settings: { orchestrator_timeout_seconds: 0 },
    });
    expect(issueAt(r.errors, 'orchestrator.max_new_answers_per_agent')?.message).toBe(
      'must be greater than 0, got 0',
    );
    expect(issueAt(r.errors, 'orchestrator.coordination.max_orchestration_restarts')?.message).toBe(
      'must be at least 0, got -1',
    );
    expect(issueAt(r.errors, 'timeout_settings.orchestrator_timeout_seconds')).toBeDefined();
  });

  it('rejects duplicate agent ids', () => {
    const r = check({
      agents: [
        { id: 'a', backend: openai },
        { id: 'b', backend: openai },
        { id: 'a', backend: openai },
      ],
    });
    expect(issueAt(r.errors, 'agents[2].id')?.message).toBe('duplicate agent id `a`: agents[0] has it too');
  });

  it('rejects a non-string id', () => {
    const r = check({ agents: [{ id: 7, backend: openai }] });
    expect(issueAt(r.errors, 'agents[0].id')?.message).toBe('expected a string, got 7');
  });

  it('rejects both agent and agents, and neither', () => {
    expect(
      issueAt(check({ agent: { backend: openai }, agents: [{ backend: openai }] }).errors, 'agent')?.message,
    ).toBe('both `agent` and `agents` are given');
    expect(check({ ui: {} }).errors[0]?.message).toMatch(/^no agents/);
  });

  it('rejects a backend with neither type nor model, and a model it cannot infer a type from', () => {
    const r = check({
      agents: [
        { id: 'a', backend: {} },
        { id: 'b', backend: { model: 'llama3' } },
      ],
    });
    expect(issueAt(r.errors, 'agents[0].backend.type')?.message).toMatch(/^missing required key `type`/);
    expect(issueAt(r.errors, 'agents[1].backend.type')?.message).toContain(
      'cannot be inferred from model `llama3`',
    );
  });

  it('requires model for a type without a default model', () => {
    const r = check({ agents: [{ id: 'a', backend: { type: 'openrouter' } }] });
    expect(issueAt(r.errors, 'agents[0].backend.model')?.message).toContain(
      '`openrouter` has no default model',
    );
  });

  it('rejects the V1 config format', () => {
    const r = check({ models: ['gpt-4o'], num_agents: 3, max_rounds: 2 });
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]?.message).toMatch(/^V1 config format is not supported/);
    expect(r.errors[0]?.suggestion).toContain('agents:');
  });

  it('accepts the claude_code backend with its own keys (system_prompt, permission_mode, …)', () => {
    const r = check({
      agents: [
        {
          id: 'a',
          backend: {
            type: 'claude_code',
            cwd: 'ws',
            system_prompt: 'You are a coder.',
            permission_mode: 'acceptEdits',
            max_thinking_tokens: 4000,
            allowed_tools: ['Read', 'Write'],
          },
        },
      ],
    });
    expect(r.errors).toEqual([]);
    expect(r.warnings).toEqual([]);
  });

  it.each(['inference'])('rejects the unsupported backend type %s with "not supported: "', (type) => {
    const r = check({ agents: [{ id: 'a', backend: { type } }] });
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]?.path).toBe('agents[0].backend.type');
    expect(r.errors[0]?.message).toMatch(new RegExp(`^not supported: backend type "${type}"`));
  });

  it('rejects a provider-native tool the backend lacks, naming the backends that have it', () => {
    const r = check({
      agents: [
        { id: 'a', backend: { ...openai, enable_code_execution: true } },
        { id: 'b', backend: { type: 'groq', model: 'x', enable_web_search: true } },
      ],
    });
    expect(issueAt(r.errors, 'agents[0].backend.enable_code_execution')?.suggestion).toContain(
      'did you mean `enable_code_interpreter`?',
    );
    expect(issueAt(r.errors, 'agents[0].backend.enable_code_execution')?.suggestion).toContain(
      '`claude`, `gemini`',
    );
    expect(issueAt(r.errors, 'agents[1].backend.enable_web_search')?.suggestion).toBe(
      'remove `enable_web_search`, or use a backend that has it: `openai`, `claude`, `gemini`, `grok`',
    );
  });

  it('collects every problem instead of stopping at the first', () => {
    const r = check({
      agents: [
        { id: 'a', backend: { type: 'opneai', modle: 'x' } },
        { id: 'a', backend: { model: 'gpt-5', top_p: 3 } },
      ],
      orchestrator: { voting_sensitivity: 1 },
      agnets: 1,
    });
    expect(r.errors.map((e) => e.path).sort()).toEqual([
      'agents[0].backend.modle',
      'agents[0].backend.type',
      'agents[1].backend.top_p',
      'agents[1].id',
      'agnets',
      'orchestrator.voting_sensitivity',
    ]);
  });

  it('uses agent.… paths for a single-agent config', () => {
    const r = check({ agent: { backend: { ...openai, temprature: 1 } } });
    expect(r.errors.map((e) => e.path)).toEqual(['agent.backend.temprature']);
  });

  it('rejects a top level that is not a mapping', () => {
    expect(check(['a']).errors[0]?.message).toMatch(/must be a mapping.*got a list/);
    expect(check(null).errors[0]?.message).toMatch(/got an empty file/);
  });
});
