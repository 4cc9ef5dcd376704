/**
 * Framework agents (`type: adapter` with `adapter: openai-agents | langgraph | mastra | ai-sdk`) through
 * the built CLI against the fake provider: each framework agent beside a claude agent reaches
 * consensus, calls its own tool (shown as tool-call / tool-result events) and gets the workflow tools
 * in its framework's form; a wrong module or export is a config error naming the key.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CoordinationEvent } from '../../src/index.js';
import { scripted } from '../fake-provider/scenario.js';
import { createFakeProvider, type FakeProvider } from '../fake-provider/server.js';
import { field, ROOT, runCli, tempHome, writeFile } from '../support/cli.js';

let fake: FakeProvider;
beforeAll(async () => {
  fake = await createFakeProvider();
});
afterAll(() => fake.close());

const CLAUDE = 'claude-sonnet-4-5';
const FIXTURES = path.join(ROOT, 'test/fixtures/frameworks');

interface Framework {
  adapter: string;
  file: string;
  export: string;
  /** The model the fixture's agent uses. */
  model: string;
  protocol: 'responses' | 'chat';
  /** Its reasoning reaches our events (the test agents of LangGraph and Mastra drop it). */
  reasoning?: true;
  /** The fixture agent's own instructions, seen in its system prompt. */
  instructions?: string;
}

const FRAMEWORKS: Framework[] = [
  {
    adapter: 'openai-agents',
    file: 'openai-agent.ts',
    export: 'researcher',
    model: 'gpt-4o-mini',
    protocol: 'responses',
    reasoning: true,
    instructions: 'You research cities.',
  },
  {
    adapter: 'ai-sdk',
    file: 'ai-sdk-agent.ts',
    export: 'analyst',
    model: 'gpt-4.1-mini',
    protocol: 'responses',
    reasoning: true,
    instructions: 'You analyse cities.',
  },
  {
    adapter: 'mastra',
    file: 'mastra-agent.ts',
    export: 'planner',
    model: 'gpt-5-mini',
    protocol: 'responses',
  },
  {
    adapter: 'langgraph',
    file: 'langgraph-agent.ts',
    export: 'cityGraph',
    model: 'gpt-4.1-nano',
    protocol: 'chat',
  },
];

function config(home: string, backend: Record<string, string>, top = ''): string {
  const keys = Object.entries(backend)
    .map(([key, value]) => `      ${key}: ${value}`)
    .join('\n');
  return writeFile(
    home,
    'config.yaml',
    `${top}agents:\n  - id: framework\n    backend:\n      type: adapter\n${keys}\n  - id: claude\n    backend:\n      type: claude\n      model: ${CLAUDE}\n`,
  );
}

function env(): Record<string, string> {
  return {
    ANTHROPIC_API_KEY: 'sk-ant-fake',
    ANTHROPIC_BASE_URL: fake.url,
    OPENAI_API_KEY: 'sk-fake-openai',
    OPENAI_BASE_URL: fake.baseUrls.openai,
    OPENAI_AGENTS_DISABLE_TRACING: '1',
  };
}

function readLog(stdout: string): CoordinationEvent[] {
  return readFileSync(path.join(field(stdout, 'LOG_DIR')!, 'events.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as CoordinationEvent);
}

describe.each(FRAMEWORKS)('a $adapter agent', (framework) => {
  it('calls its own tool, answers, votes and presents beside a claude agent', async () => {
    fake.requests.length = 0;
    fake.setScenario(
      scripted({
        [framework.model]: [
          { reasoning: 'Look it up first.', toolCalls: [{ name: 'lookup_city', args: { city: 'Paris' } }] },
        ],
      }),
    );
    const home = tempHome();
    const file = config(home, {
      adapter: framework.adapter,
      module: path.relative(home, path.join(FIXTURES, framework.file)),
      export: framework.export,
      // Its own tool only reads: the safety checks let it run while the agents answer.
      tool_risk: '{ lookup_city: read-only }',
    });
    const result = await runCli(['--automation', '--config', file, 'How many people live in Paris?'], {
      cwd: home,
      env: env(),
      timeoutMs: 60_000,
    });
    expect(result.code, result.stderr).toBe(0);
    expect(field(result.stdout, 'WINNER')).toBe('framework');
    expect(field(result.stdout, 'ANSWER_PREVIEW')).toBe(`Final answer from ${framework.model}`);
    expect(result.stderr).toBe('');

    // Its own tool call, the answer, the vote and the presentation; the claude agent answers and votes.
    const mine = fake.requests.filter((r) => r.model === framework.model);
    expect(mine.map((r) => r.protocol)).toEqual(Array(4).fill(framework.protocol));
    expect(fake.requests.filter((r) => r.model === CLAUDE)).toHaveLength(2);
    expect(fake.requests).toHaveLength(6);
    expect(mine[0]?.tools.map((t) => t.name).sort()).toEqual(['lookup_city', 'new_answer', 'vote']);
    expect(mine[3]?.tools.map((t) => t.name)).toEqual(['lookup_city']);
    expect(mine[0]?.system).toContain('new_answer');
    if (framework.instructions) expect(mine[0]?.system).toContain(framework.instructions);
    expect(mine[1]?.messages.find((m) => m.role === 'tool')?.text).toBe('Paris: 2.1 million people');

    const log = readLog(result.stdout);
    const calls = log.flatMap((e) => (e.type === 'tool-call' && e.agentId === 'framework' ? [e] : []));
    // The workflow calls are `answer` and `vote` events.
    expect(calls.map((e) => [e.toolName, e.input])).toEqual([['lookup_city', { city: 'Paris' }]]);
    const results = log.flatMap((e) =>
      e.type === 'tool-result' && e.agentId === 'framework' && e.toolName === 'lookup_city' ? [e] : [],
    );
    expect(results.map((e) => [e.toolCallId, e.output, e.isError])).toEqual([
      [calls[0]?.toolCallId, 'Paris: 2.1 million people', false],
    ]);
    const votes = log.flatMap((e) => (e.type === 'vote' ? [[e.agentId, e.votedFor]] : []));
    expect(votes.sort()).toEqual([
      ['claude', 'framework'],
      ['framework', 'framework'],
    ]);
    expect(log.filter((e) => e.type === 'usage' && e.agentId === 'framework')).toHaveLength(4);
    const reasoning = log.flatMap((e) =>
      e.type === 'reasoning-delta' && e.agentId === 'framework' ? [e.text] : [],
    );
    expect(reasoning.join('')).toBe(framework.reasoning ? 'Look it up first.' : '');
    // The presentation streams as the final answer.
    const final = log.flatMap((e) => (e.type === 'final-delta' && e.agentId === 'framework' ? [e.text] : []));
    expect(final.join('')).toBe(`Final answer from ${framework.model}`);
  });
});

describe.each(FRAMEWORKS)('a $adapter agent that times out', (framework) => {
  it('is stopped at each timeout, retried, then dropped; the run goes on', async () => {
    fake.requests.length = 0;
    fake.setScenario((req) =>
      req.model === framework.model ? { firstByteDelayMs: 60_000, text: 'late' } : scripted({})(req),
    );
    const home = tempHome();
    const file = config(
      home,
      { adapter: framework.adapter, module: path.join(FIXTURES, framework.file), export: framework.export },
      'timeout_settings: { agent_timeout_seconds: 1 }\n',
    );
    const result = await runCli(['--automation', '--config', file, 'Slow question'], {
      cwd: home,
      env: env(),
      timeoutMs: 60_000,
    });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toBe('');
    const log = readLog(result.stdout);
    const timeouts = log.flatMap((e) => (e.type === 'agent-timeout' ? [e.agentId] : []));
    expect(timeouts).toEqual(['framework', 'framework', 'framework']);
    expect(log.filter((e) => e.type === 'agent-dropped').map((e) => e.agentId)).toEqual(['framework']);
    expect(fake.requests.filter((r) => r.model === framework.model)).toHaveLength(3);
    expect(field(result.stdout, 'WINNER')).toBe('claude');
  });
});

describe.each(FRAMEWORKS)('a $adapter agent under a safety policy', (framework) => {
  it('gets the refusal instead of running its own tool', async () => {
    fake.requests.length = 0;
    fake.setScenario(
      scripted({ [framework.model]: [{ toolCalls: [{ name: 'lookup_city', args: { city: 'Paris' } }] }] }),
    );
    const home = tempHome();
    const file = config(home, {
      adapter: framework.adapter,
      module: path.join(FIXTURES, framework.file),
      export: framework.export,
      permissions: '{ rules: { deny: ["lookup_city"] } }',
    });
    const result = await runCli(['--automation', '--config', file, 'How many people live in Paris?'], {
      cwd: home,
      env: env(),
      timeoutMs: 60_000,
    });
    expect(result.code, result.stderr).toBe(0);
    const log = readLog(result.stdout);
    const denied = log.flatMap((e) => (e.type === 'tool-denied' ? [[e.agentId, e.toolName, e.by]] : []));
    expect(denied).toEqual([['framework', 'lookup_city', 'policy']]);
    // The refused call is shown with the refusal as its result.
    const results = log.flatMap((e) =>
      e.type === 'tool-result' && e.agentId === 'framework' && e.toolName === 'lookup_city' ? [e] : [],
    );
    expect(results).toHaveLength(1);
    expect(String(results[0]?.output)).toContain('refused by the safety policy');
    const mine = fake.requests.filter((r) => r.model === framework.model);
    expect(mine).toHaveLength(4);
    const refusal = mine[1]?.messages.find((m) => m.role === 'tool')?.text;
    expect(refusal).toContain('refused by the safety policy');
    expect(refusal).not.toContain('2.1 million');
  });
});

describe('the packaged example (examples/framework_agents.yaml)', () => {
  it('runs its OpenAI Agents researcher, which counts words with its own tool', async () => {
    fake.requests.length = 0;
    fake.setScenario(
      scripted({
        'gpt-4.1-mini': [{ toolCalls: [{ name: 'word_count', args: { text: 'the quick brown fox' } }] }],
      }),
    );
    const home = tempHome();
    const result = await runCli(
      [
        '--automation',
        '--config',
        '@examples/framework_agents',
        "How many words are in 'the quick brown fox'?",
      ],
      { cwd: home, env: env(), timeoutMs: 60_000 },
    );
    expect(result.code, result.stderr).toBe(0);
    expect(field(result.stdout, 'WINNER')).toBe('researcher');
    expect(fake.requests.map((r) => r.model).sort()).toEqual([
      CLAUDE,
      CLAUDE,
      'gpt-4.1-mini',
      'gpt-4.1-mini',
      'gpt-4.1-mini',
      'gpt-4.1-mini',
    ]);
    const log = readLog(result.stdout);
    const output = log.flatMap((e) =>
      e.type === 'tool-result' && e.toolName === 'word_count' ? [e.output] : [],
    );
    expect(output).toEqual(['4']);
  });
});

describe('a framework agent that cannot be loaded', () => {
  async function refused(backend: Record<string, string>) {
    const home = tempHome();
    const file = config(home, backend);
    const result = await runCli(['--automation', '--config', file, 'Hi?'], { cwd: home, env: env() });
    return { ...result, home };
  }

  it('names `backend.module` when the file is missing', async () => {
    const result = await refused({ adapter: 'openai-agents', module: './agents/missing.ts', export: 'x' });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      `agents[0].backend.module: could not load ${path.join(result.home, 'agents/missing.ts')}`,
    );
    expect(result.stderr).toContain(
      'give the path of the module exporting the agent, relative to the config file',
    );
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('names `backend.export` when the module has no such export, and lists its exports', async () => {
    const result = await refused({
      adapter: 'openai-agents',
      module: path.join(FIXTURES, 'openai-agent.ts'),
      export: 'writer',
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      `agents[0].backend.export: ${path.join(FIXTURES, 'openai-agent.ts')} exports nothing named "writer" (its exports: lookupCity, notAnAgent, researcher); set \`export:\` to the name of an OpenAI Agents JS \`Agent\``,
    );
  });

  it.each([
    [
      'openai-agents',
      'openai-agent.ts',
      'notAnAgent',
      'an object with keys name, tools, not an agent of OpenAI Agents JS',
    ],
    ['langgraph', 'langgraph-agent.ts', 'compiledGraph', 'is a CompiledStateGraph with keys'],
    ['ai-sdk', 'openai-agent.ts', 'researcher', 'is an Agent with keys'],
  ])('names `backend.export` when the %s export is of the wrong shape', async (adapter, file, name, text) => {
    const result = await refused({ adapter, module: path.join(FIXTURES, file), export: name });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      `agents[0].backend.export: "${name}" of ${path.join(FIXTURES, file)} is `,
    );
    expect(result.stderr).toContain(text);
    expect(result.stderr).toContain('or set `adapter:` to the framework it is built with');
  });

  it('names `backend.adapter` for an unknown framework', async () => {
    const result = await refused({ adapter: 'crewai', module: './x.ts' });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('agents[0].backend.adapter');
    expect(result.stderr).toContain('openai-agents');
  });
});
