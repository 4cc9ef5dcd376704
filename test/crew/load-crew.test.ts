/**
 * Reading CrewAI crews: JSONC, `llm` strings and mappings, run order from `context` (and cycles),
 * task modes, the classic layout with crew.py's declarations, and the errors each names.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CrewIssues } from '../../src/crew/issues.js';
import { parseJsonc } from '../../src/crew/jsonc.js';
import { crewLlmBackend } from '../../src/crew/llm.js';
import { loadCrew } from '../../src/crew/load-crew.js';
import { ConfigError } from '../../src/errors.js';

function crewDir(files: Record<string, unknown>): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'massgen-crew-'));
  for (const [name, content] of Object.entries(files)) {
    const file = path.join(dir, name);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  }
  return dir;
}

const agent = { role: 'R', goal: 'G', backstory: 'B', llm: 'openai/gpt-4o' };
const task = (name: string, extra: Record<string, unknown> = {}) => ({
  name,
  description: `do ${name}`,
  expected_output: 'out',
  agent: 'a',
  ...extra,
});

function errorsOf(fn: () => unknown): Array<[string, string, string]> {
  try {
    fn();
  } catch (error) {
    if (!ConfigError.isInstance(error)) throw error;
    return error.issues.map((i) => [path.basename(i.file), i.path, i.message]);
  }
  throw new Error('no error');
}

describe('JSONC', () => {
  it('drops comments and trailing commas, not what strings hold', () => {
    const text = '{\n  // note\n  "a": "x // y, ]", /* block\n */ "b": [1, 2,],\n}';
    expect(parseJsonc(text)).toEqual({ a: 'x // y, ]', b: [1, 2] });
  });

  it('names the line of a syntax error', () => {
    expect(() => parseJsonc('{\n  "a": 1\n  "b": 2\n}')).toThrow(/^invalid JSON at line 3/);
  });
});

describe('crew llm', () => {
  const backend = (value: unknown, env: NodeJS.ProcessEnv = {}) => {
    const issues = new CrewIssues();
    return {
      backend: crewLlmBackend(value, 'a.jsonc', 'llm', issues, env),
      errors: issues.errors.map((e) => e.message),
    };
  };

  it('maps LiteLLM provider prefixes, bare model names and mappings', () => {
    expect(backend('anthropic/claude-sonnet-4-5').backend).toEqual({
      type: 'claude',
      model: 'claude-sonnet-4-5',
    });
    expect(backend('gemini/gemini-2.5-flash').backend).toEqual({ type: 'gemini', model: 'gemini-2.5-flash' });
    expect(backend('gpt-4o').backend).toEqual({ type: 'openai', model: 'gpt-4o' });
    expect(
      backend({ model: 'groq/llama-3', api_base: 'http://127.0.0.1:1/v1', temperature: 0.2 }).backend,
    ).toEqual({
      type: 'groq',
      model: 'llama-3',
      base_url: 'http://127.0.0.1:1/v1',
      temperature: 0.2,
    });
    expect(backend({ model: 'openai/llama3', base_url: 'http://127.0.0.1:1/v1' }).backend?.type).toBe(
      'chatcompletion',
    );
    expect(backend(undefined, { MODEL: 'openai/gpt-4o-mini' }).backend).toEqual({
      type: 'openai',
      model: 'gpt-4o-mini',
    });
  });

  it('names an unknown provider, an unknown model and a missing llm', () => {
    expect(backend('bedrock/titan').errors).toEqual([
      'not supported: LLM provider `bedrock` (in `bedrock/titan`)',
    ]);
    expect(backend('mystery').errors).toEqual(['cannot tell the provider of model `mystery`']);
    expect(backend(undefined).errors).toEqual(['missing `llm` (and no `MODEL` variable to default to)']);
  });
});

describe('loadCrew', () => {
  it('orders tasks after their context, keeps declaration order otherwise, and picks each mode', () => {
    const dir = crewDir({
      'crew.json': {
        agents: ['a', 'b'],
        tasks: [
          task('last', { context: ['first'] }),
          task('first'),
          task('vote', { massgen: ['b', 'a'], agent: undefined }),
        ],
      },
      'agents/a.jsonc': agent,
      'agents/b.jsonc': agent,
    });
    const { crew } = loadCrew(dir, {}, {});
    expect(crew.tasks.map((t) => [t.name, t.mode])).toEqual([
      ['first', { kind: 'single', agent: 'a' }],
      ['last', { kind: 'single', agent: 'a' }],
      ['vote', { kind: 'voting', agents: ['b', 'a'] }],
    ]);
    expect(crew.tasks[0]?.context).toBeUndefined();
  });

  it('reports a context cycle, unknown names with a did-you-mean, and massgen in a hierarchical crew', () => {
    const cycle = crewDir({
      'crew.json': { agents: ['a'], tasks: [task('x', { context: ['y'] }), task('y', { context: ['x'] })] },
      'agents/a.json': agent,
    });
    expect(errorsOf(() => loadCrew(cycle, {}, {}))).toEqual([
      ['crew.json', 'tasks[0].context', "the tasks' context forms a cycle: x → y → x"],
    ]);
    const names = crewDir({
      'crew.json': {
        agents: ['alpha'],
        process: 'hierarchical',
        manager_llm: 'openai/gpt-4o',
        tasks: [task('x', { agent: 'alpah', context: ['z'], massgen: true })],
      },
      'agents/alpha.json': agent,
    });
    expect(errorsOf(() => loadCrew(names, {}, {}))).toEqual([
      [
        'crew.json',
        'tasks[0].context[0]',
        'task `x` takes context from `z`, which is not a task of the crew',
      ],
      ['crew.json', 'tasks[0].agent', 'task `x` names agent `alpah`, which is not an agent of the crew'],
      [
        'crew.json',
        'tasks[0].massgen',
        '`massgen` applies to sequential crews; in a hierarchical crew the manager delegates every task',
      ],
    ]);
  });

  it('a hierarchical crew needs a manager; manager_agent loads agents/<name>', () => {
    const none = crewDir({
      'crew.json': { agents: ['a'], process: 'hierarchical', tasks: [task('x')] },
      'agents/a.json': agent,
    });
    expect(errorsOf(() => loadCrew(none, {}, {}))).toEqual([
      ['crew.json', 'manager_llm', 'a hierarchical crew needs `manager_llm` or `manager_agent`'],
    ]);
    const named = crewDir({
      'crew.json': { agents: ['a'], process: 'hierarchical', manager_agent: 'boss', tasks: [task('x')] },
      'agents/a.json': agent,
      'agents/boss.json': { ...agent, role: 'Boss' },
    });
    expect(loadCrew(named, {}, {}).crew.manager?.role).toBe('Boss');
    expect(loadCrew(none, { managerLlm: 'openai/gpt-4o' }, {}).crew.manager?.role).toBe('Crew Manager');
  });

  it('classic layout under src/<project>/: crew.py’s process and manager_llm are read as text', () => {
    const dir = crewDir({
      'src/p/config/agents.yaml': 'a:\n  role: R\n  goal: G\n  backstory: B\n  llm: openai/gpt-4o\n',
      'src/p/config/tasks.yaml': 't1:\n  description: D\n  expected_output: E\n  agent: a\n',
      'src/p/crew.py': 'Crew(process=Process.hierarchical, manager_llm="anthropic/claude-sonnet-4-5")\n',
    });
    const { crew } = loadCrew(dir, {}, {});
    expect([crew.form, crew.process, crew.manager?.backend]).toEqual([
      'classic',
      'hierarchical',
      { type: 'claude', model: 'claude-sonnet-4-5' },
    ]);
    expect(loadCrew(dir, { process: 'sequential' }, {}).crew.process).toBe('sequential');
  });

  it('reads the model from settings.llm when there is no llm', () => {
    const dir = crewDir({
      'crew.json': { agents: ['a'], tasks: [task('x')] },
      'agents/a.json': {
        role: 'R',
        goal: 'G',
        backstory: 'B',
        settings: { llm: 'anthropic/claude-sonnet-4-5' },
      },
    });
    expect(loadCrew(dir, {}, {}).crew.agents[0]?.backend).toEqual({
      type: 'claude',
      model: 'claude-sonnet-4-5',
    });
  });

  it('names a folder without a crew', () => {
    const dir = crewDir({ 'README.md': 'nothing' });
    expect(errorsOf(() => loadCrew(dir, {}, {}))[0]?.[2]).toMatch(
      /^no crew found in .*: expected crew.jsonc/,
    );
  });
});
