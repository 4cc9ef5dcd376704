/**
 * AG2 agents (`type: ag2`) written as native blocks: `agent_config` → backend and system message,
 * `group_config` → a team with the user agent as its replier; Python references refused or warned
 * about at their key paths; schema errors of translated blocks name the AG2 keys.
 */
import { describe, expect, it } from 'vitest';
import { validateConfigObject } from '../../src/config/validate.js';

const check = (raw: unknown) => validateConfigObject(raw, 'test.yaml');
const paths = (issues: Array<{ path: string }>) => issues.map((i) => i.path);
const ag2 = (block: Record<string, unknown>) => ({
  agents: [{ id: 'a', backend: { type: 'ag2', ...block } }],
});
const group = (extra: Record<string, unknown> = {}) =>
  ag2({
    group_config: {
      llm_config: { api_type: 'openai', model: 'gpt-4o' },
      agents: [
        { type: 'assistant', name: 'Coder', system_message: 'Write code.' },
        {
          name: 'Reviewer',
          description: 'Reviews',
          llm_config: [{ api_type: 'anthropic', model: 'claude-sonnet-4-5' }],
        },
      ],
      pattern: {
        type: 'auto',
        initial_agent: 'Coder',
        group_manager_args: { llm_config: { api_type: 'google', model: 'gemini-2.5-flash' } },
      },
      max_rounds: 7,
      ...extra,
    },
  });

describe('AG2 agent_config', () => {
  it('becomes the agent’s backend and system message', () => {
    const r = check(
      ag2({
        agent_config: {
          type: 'assistant',
          name: 'AG2_Assistant',
          system_message: 'Be helpful.',
          llm_config: {
            api_type: 'anthropic',
            model: 'claude-sonnet-4-5',
            temperature: 0.3,
            base_url: 'http://127.0.0.1:9/v1',
            api_key: 'k',
          },
        },
      }),
    );
    expect(r.errors).toEqual([]);
    expect(r.warnings).toEqual([]);
    expect(r.config?.agents[0]).toMatchObject({
      id: 'a',
      system_message: 'Be helpful.',
      backend: {
        type: 'claude',
        model: 'claude-sonnet-4-5',
        temperature: 0.3,
        base_url: 'http://127.0.0.1:9/v1',
        api_key: 'k',
      },
    });
  });

  it('defaults: api_type openai, AG2’s system message; list entries after the first are fallbacks (warned)', () => {
    const r = check(
      ag2({
        agent_config: {
          name: 'x',
          llm_config: [{ model: 'gpt-4o', cache_seed: 42 }, { model: 'gpt-4o-mini' }],
        },
      }),
    );
    expect(r.errors).toEqual([]);
    expect(r.config?.agents[0]?.backend).toMatchObject({ type: 'openai', model: 'gpt-4o' });
    expect(r.config?.agents[0]?.system_message).toBe('You are a helpful AI assistant.');
    expect(paths(r.warnings)).toEqual([
      'agents[0].backend.agent_config.llm_config[1]',
      'agents[0].backend.agent_config.llm_config[0].cache_seed',
    ]);
    expect(r.warnings[0]?.message).toMatch(
      /^not supported: AG2 fallback configs \(1 more `llm_config` entry\)/,
    );
  });

  it('api_type openai behind a base_url speaks Chat Completions, as AG2’s OpenAI client does', () => {
    const r = check(
      ag2({
        agent_config: { name: 'x', llm_config: { model: 'llama3', base_url: 'http://127.0.0.1:11434/v1' } },
      }),
    );
    expect(r.config?.agents[0]?.backend).toMatchObject({
      type: 'chatcompletion',
      model: 'llama3',
      base_url: 'http://127.0.0.1:11434/v1',
    });
  });

  it('reads `{config_list: [...]}` with shared settings', () => {
    const r = check(
      ag2({
        agent_config: {
          name: 'x',
          llm_config: { temperature: 0.1, config_list: [{ api_type: 'groq', model: 'llama' }] },
        },
      }),
    );
    expect(r.errors).toEqual([]);
    expect(r.config?.agents[0]?.backend).toMatchObject({ type: 'groq', model: 'llama', temperature: 0.1 });
  });

  it('code execution is a warning naming the key; Python functions and tools are errors', () => {
    const exec = check(
      ag2({
        agent_config: {
          name: 'x',
          llm_config: { model: 'gpt-4o' },
          code_execution_config: { executor: { type: 'LocalCommandLineCodeExecutor' } },
        },
      }),
    );
    expect(exec.errors).toEqual([]);
    expect(paths(exec.warnings)).toEqual(['agents[0].backend.agent_config.code_execution_config']);
    expect(exec.warnings[0]?.message).toMatch(
      /^not supported: Python code execution .*LocalCommandLineCodeExecutor\) — the agent answers without running code$/,
    );

    const fns = check(
      ag2({
        agent_config: {
          name: 'x',
          llm_config: { model: 'gpt-4o' },
          functions: ['tools.search'],
          code_execution_config: { executor: { type: 'LocalCommandLineCodeExecutor', functions: ['add'] } },
        },
      }),
    );
    expect(paths(fns.errors)).toEqual([
      'agents[0].backend.agent_config.functions',
      'agents[0].backend.agent_config.code_execution_config.executor.functions',
    ]);
    expect(fns.errors[0]?.message).toBe(
      'not supported: Python functions registered with the agent (agents[0].backend.agent_config.functions) — Python code cannot run in MassGen-TS',
    );
    expect(fns.errors[1]?.message).toMatch(/^not supported: Python functions given to the code executor/);
  });

  it('names unknown keys, bad api types and missing models at their AG2 paths', () => {
    const r = check(
      ag2({ agent_config: { name: 'x', sytem_message: 'hi', llm_config: { api_type: 'bedrock' } } }),
    );
    expect(paths(r.errors)).toEqual([
      'agents[0].backend.agent_config.sytem_message',
      'agents[0].backend.agent_config.llm_config.api_type',
      'agents[0].backend.agent_config.llm_config',
    ]);
    expect(r.errors[0]?.suggestion).toBe('did you mean `system_message`?');
    expect(r.errors[1]?.message).toBe('not supported: AG2 api_type "bedrock"');
  });

  it('a schema error of the translated backend names the llm_config key', () => {
    const r = check(ag2({ agent_config: { name: 'x', llm_config: { model: 'gpt-4o', temperature: 5 } } }));
    expect(paths(r.errors)).toEqual(['agents[0].backend.agent_config.llm_config.temperature']);
  });

  it('needs exactly one of agent_config and group_config, and no other backend keys', () => {
    expect(paths(check(ag2({})).errors)).toEqual(['agents[0].backend']);
    const both = check(ag2({ agent_config: {}, group_config: {}, model: 'gpt-4o' }));
    expect(paths(both.errors)).toEqual(['agents[0].backend.model', 'agents[0].backend']);
    expect(both.errors[1]?.message).toBe('an AG2 backend takes `agent_config` or `group_config`, not both');
  });
});

describe('AG2 group_config', () => {
  it('becomes a team: members on the default or their own llm_config, the group manager as selector, User replies', () => {
    const r = check(group());
    expect(r.errors).toEqual([]);
    expect(r.warnings).toEqual([]);
    const team = r.config?.agents[0]?.group_chat;
    expect(team).toMatchObject({
      pattern: 'auto',
      initial_agent: 'Coder',
      max_rounds: 3,
      summary_method: 'llm_summary',
      summary_agent: 'User',
      termination_keyword: 'TERMINATE',
      selector: { type: 'gemini', model: 'gemini-2.5-flash' },
    });
    expect(team?.agents.map((m) => [m.id, m.backend.type, m.system_message])).toEqual([
      ['Coder', 'openai', 'Write code.'],
      ['Reviewer', 'claude', 'You are a helpful AI assistant.'],
      ['User', 'openai', 'You are a helpful AI assistant.'],
    ]);
    expect(r.config?.agents[0]?.backend).toMatchObject({ type: 'openai', model: 'gpt-4o' });
  });

  it('round_robin has no selector; a custom user_agent must be called User', () => {
    const rr = check(group({ pattern: { type: 'round_robin', initial_agent: 'Reviewer' } }));
    expect(rr.errors).toEqual([]);
    expect(rr.config?.agents[0]?.group_chat).toMatchObject({
      pattern: 'round_robin',
      initial_agent: 'Reviewer',
    });
    expect(rr.config?.agents[0]?.group_chat?.selector).toBeUndefined();
    const user = check(group({ user_agent: { name: 'Boss', system_message: 'Decide.' } }));
    expect(paths(user.errors)).toEqual(['agents[0].backend.group_config.user_agent.name']);
  });

  it('names a missing pattern, a wrong initial_agent and a duplicate name', () => {
    const r = check(
      group({
        agents: [{ name: 'Coder' }, { name: 'Coder' }],
        pattern: { type: 'swarm', initial_agent: 'Codr' },
      }),
    );
    expect(paths(r.errors)).toEqual([
      'agents[0].backend.group_config.agents[1].name',
      'agents[0].backend.group_config.pattern.type',
      'agents[0].backend.group_config.pattern.initial_agent',
    ]);
    expect(r.errors[1]?.message).toBe('not supported: AG2 pattern type "swarm"');
    expect(r.errors[2]?.suggestion).toBe('did you mean `Coder`?');
  });

  it('a schema error inside a translated member names the AG2 agent’s llm_config', () => {
    const r = check(group({ agents: [{ name: 'Coder', llm_config: { model: 'gpt-4o', top_p: 3 } }] }));
    expect(paths(r.errors)).toEqual(['agents[0].backend.group_config.agents[0].llm_config.top_p']);
  });
});
