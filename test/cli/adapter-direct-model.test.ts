/**
 * The features that call an agent's model directly, with adapter agents, through the built CLI
 * against the fake provider: a group chat with a `claude_code` member (its turns go to Anthropic
 * Messages with the agent's model, key and base URL; no Claude Code process), long-term memory with
 * a `codex` agent (the facts are extracted by OpenAI Responses with its settings), the
 * post-evaluation by a framework agent (a plain turn of the agent itself, which calls `submit`),
 * and a framework agent's usage priced by `provider:` and `model:`.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CoordinationEvent } from '../../src/index.js';
import { consensus, type FakeRequest, scripted } from '../fake-provider/scenario.js';
import { createFakeProvider, type FakeProvider } from '../fake-provider/server.js';
import { field, ROOT, runCli, tempHome, writeFile } from '../support/cli.js';

let fake: FakeProvider;
beforeAll(async () => {
  fake = await createFakeProvider();
});
afterAll(() => fake.close());

const FIXTURES = path.join(ROOT, 'test/fixtures/frameworks');

function readLog(stdout: string): CoordinationEvent[] {
  return readFileSync(path.join(field(stdout, 'LOG_DIR')!, 'events.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as CoordinationEvent);
}

const byModel = (model: string) => fake.requests.filter((r) => r.model === model);

describe('a group chat with a claude_code member', () => {
  it("speaks through Anthropic Messages with the agent's model, key and base URL", async () => {
    fake.requests.length = 0;
    fake.setScenario(
      scripted({
        'cc-chat-coder': [{ text: 'The answer is 4.' }],
        'cc-chat-critic': [{ text: 'Agreed: 4.' }],
      }),
    );
    const home = tempHome();
    const file = writeFile(
      home,
      'chat.yaml',
      `agents:
  - id: coder
    backend: { type: claude_code, model: cc-chat-coder, base_url: ${fake.baseUrls.anthropic}, api_key: sk-ant-coder }
  - id: critic
    backend: { type: claude, model: cc-chat-critic, base_url: ${fake.baseUrls.anthropic} }
orchestrator:
  mode: group_chat
  group_chat: { pattern: round_robin, max_rounds: 1, summary_method: last_message }
`,
    );
    const result = await runCli(['--automation', '--config', file, 'What is 2+2?'], {
      cwd: home,
      env: { ANTHROPIC_API_KEY: 'sk-ant-critic' },
      timeoutMs: 60_000,
    });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const coder = byModel('cc-chat-coder');
    expect(coder.map((r) => [r.protocol, r.path, r.headers['x-api-key']])).toEqual([
      ['anthropic', '/v1/messages', 'sk-ant-coder'],
    ]);
    expect(coder[0]?.tools).toEqual([]);
    expect(byModel('cc-chat-critic')).toHaveLength(1);
    expect(fake.requests).toHaveLength(2);
    const answers = readLog(result.stdout).flatMap((e) =>
      e.type === 'answer' ? [[e.agentId, e.content]] : [],
    );
    expect(answers).toEqual([
      ['coder', 'The answer is 4.'],
      ['critic', 'Agreed: 4.'],
    ]);
    expect(readFileSync(field(result.stdout, 'ANSWER_FILE')!, 'utf8')).toBe('Agreed: 4.');
  }, 90_000);
});

describe('a group chat with a gemini_cli member', () => {
  it("speaks through the Gemini API with the agent's model, key and base URL", async () => {
    fake.requests.length = 0;
    fake.setScenario(
      scripted({ 'gc-chat-coder': [{ text: 'It is 4.' }], 'gc-chat-critic': [{ text: 'Yes, 4.' }] }),
    );
    const home = tempHome();
    const file = writeFile(
      home,
      'chat.yaml',
      `agents:
  - id: coder
    backend: { type: gemini_cli, model: gc-chat-coder, base_url: ${fake.baseUrls.gemini}, api_key: gm-key }
  - id: critic
    backend: { type: claude, model: gc-chat-critic, base_url: ${fake.baseUrls.anthropic} }
orchestrator:
  mode: group_chat
  group_chat: { pattern: round_robin, max_rounds: 1, summary_method: last_message }
`,
    );
    const result = await runCli(['--automation', '--config', file, 'What is 2+2?'], {
      cwd: home,
      env: { ANTHROPIC_API_KEY: 'sk-ant-critic' },
      timeoutMs: 60_000,
    });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(byModel('gc-chat-coder').map((r) => [r.protocol, r.headers['x-goog-api-key']])).toEqual([
      ['gemini', 'gm-key'],
    ]);
    expect(fake.requests).toHaveLength(2);
    expect(readFileSync(field(result.stdout, 'ANSWER_FILE')!, 'utf8')).toBe('Yes, 4.');
  }, 90_000);
});

describe('a team with a claude_code member', () => {
  it('has the member speak through Anthropic Messages; a framework member without provider: is refused', async () => {
    fake.requests.length = 0;
    fake.setScenario(scripted({ 'cc-team-coder': [{ text: 'Draft: 4.' }] }));
    const home = tempHome();
    const team = (member: string) => `agents:
  - id: team
    group_chat:
      max_rounds: 2
      summary_method: last_message
      agents:
        - id: coder
          backend: ${member}
        - id: critic
          backend: { type: claude, model: cc-team-critic, base_url: ${fake.baseUrls.anthropic} }
`;
    const file = writeFile(
      home,
      'team.yaml',
      team(`{ type: claude_code, model: cc-team-coder, base_url: ${fake.baseUrls.anthropic} }`),
    );
    const result = await runCli(['--automation', '--config', file, 'What is 2+2?'], {
      cwd: home,
      env: { ANTHROPIC_API_KEY: 'sk-ant-team' },
      timeoutMs: 60_000,
    });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    // It speaks first in the team's chat of each of the team's executions.
    expect(byModel('cc-team-coder').map((r) => [r.path, r.headers['x-api-key']])).toEqual(
      Array(5).fill(['/v1/messages', 'sk-ant-team']),
    );
    expect(JSON.stringify(byModel('cc-team-critic')[0]?.messages)).toContain('[coder]: Draft: 4.');

    const framework = `{ type: adapter, adapter: ai-sdk, module: ${path.join(FIXTURES, 'ai-sdk-agent.ts')}, export: analyst }`;
    const refused = await runCli(
      ['--automation', '--config', writeFile(home, 'bad-team.yaml', team(framework)), 'Hi'],
      { cwd: home, env: { ANTHROPIC_API_KEY: 'k', OPENAI_API_KEY: 'k' } },
    );
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('chat member "team/coder"');
    expect(refused.stderr).toContain('add `provider:`');
    expect(refused.stderr).not.toMatch(/\n\s+at /);
  }, 90_000);
});

describe('long-term memory with a codex agent', () => {
  it("records the run's facts with OpenAI Responses on the agent's model and key", async () => {
    fake.requests.length = 0;
    fake.setScenario((req: FakeRequest) =>
      req.tools.some((t) => t.name === 'record_facts')
        ? { toolCalls: [{ name: 'record_facts', args: { facts: ['The user likes teal'] } }] }
        : consensus()(req),
    );
    const home = tempHome();
    const file = writeFile(
      home,
      'mem.yaml',
      `agents:
  - id: coder
    backend: { type: codex, model: gpt-5-codex, base_url: ${fake.baseUrls.openai}, cwd: ws_coder }
memory:
  persistent_memory:
    embedding: { provider: openai, model: text-embedding-3-small, base_url: ${fake.baseUrls.openai}, api_key: k }
`,
    );
    const result = await runCli(['--automation', '--config', file, 'I like teal. Suggest a logo colour.'], {
      cwd: home,
      env: { OPENAI_API_KEY: 'sk-codex' },
      timeoutMs: 90_000,
    });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const extraction = fake.requests.filter((r) => r.tools.some((t) => t.name === 'record_facts'));
    expect(extraction.map((r) => [r.model, r.path, r.headers.authorization])).toEqual([
      ['gpt-5-codex', '/v1/responses', 'Bearer sk-codex'],
    ]);
    const log = readLog(result.stdout);
    expect(log.filter((e) => e.type === 'memory-updated')).toHaveLength(1);
    const list = await runCli(['memory', 'list', '--json'], { cwd: home });
    expect(list.code).toBe(0);
    expect((JSON.parse(list.stdout) as Array<{ text: string }>).map((m) => m.text)).toEqual([
      'The user likes teal',
    ]);
  }, 120_000);
});

describe('long-term memory with a copilot agent', () => {
  it("records the run's facts with Chat Completions on its BYOK provider's model and key", async () => {
    fake.requests.length = 0;
    fake.setScenario((req: FakeRequest) =>
      req.tools.some((t) => t.name === 'record_facts')
        ? { toolCalls: [{ name: 'record_facts', args: { facts: ['The user likes amber'] } }] }
        : consensus()(req),
    );
    const home = tempHome();
    const file = writeFile(
      home,
      'mem.yaml',
      `agents:
  - id: pilot
    backend: { type: copilot, model: gpt-5-mini, base_url: ${fake.baseUrls.openai}, cwd: ws_pilot }
memory:
  persistent_memory:
    embedding: { provider: openai, model: text-embedding-3-small, base_url: ${fake.baseUrls.openai}, api_key: k }
`,
    );
    const result = await runCli(['--automation', '--config', file, 'I like amber. Suggest a logo colour.'], {
      cwd: home,
      env: { OPENAI_API_KEY: 'sk-copilot' },
      timeoutMs: 90_000,
    });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const extraction = fake.requests.filter((r) => r.tools.some((t) => t.name === 'record_facts'));
    expect(extraction.map((r) => [r.model, r.path, r.headers.authorization])).toEqual([
      ['gpt-5-mini', '/v1/chat/completions', 'Bearer sk-copilot'],
    ]);
    // A direct call, not a turn of the Copilot runtime (which would bring its own tools).
    expect(extraction[0]!.tools.map((t) => t.name)).toEqual(['record_facts']);
    const list = await runCli(['memory', 'list', '--json'], { cwd: home });
    expect((JSON.parse(list.stdout) as Array<{ text: string }>).map((m) => m.text)).toEqual([
      'The user likes amber',
    ]);
  }, 120_000);
});

describe('the post-evaluation by a framework agent', () => {
  it('is a plain turn of the agent itself, which submits with the turn tool', async () => {
    fake.requests.length = 0;
    fake.setScenario((req: FakeRequest) =>
      req.tools.some((t) => t.name === 'submit')
        ? { toolCalls: [{ name: 'submit', args: { confirmed: true } }] }
        : consensus()(req),
    );
    const home = tempHome();
    const file = writeFile(
      home,
      'eval.yaml',
      `agents:
  - id: framework
    backend:
      type: adapter
      adapter: ai-sdk
      module: ${path.join(FIXTURES, 'ai-sdk-agent.ts')}
      export: analyst
orchestrator:
  coordination: { max_orchestration_restarts: 1 }
`,
    );
    const result = await runCli(['--automation', '--config', file, 'How many people live in Paris?'], {
      cwd: home,
      env: { OPENAI_API_KEY: 'sk-fake', OPENAI_BASE_URL: fake.baseUrls.openai },
      timeoutMs: 60_000,
    });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const evaluation = fake.requests.filter((r) => r.tools.some((t) => t.name === 'submit'));
    expect(evaluation).toHaveLength(1);
    // Its own tool stays beside the evaluation's; its own instructions lead its system prompt.
    expect(evaluation[0]?.tools.map((t) => t.name).sort()).toEqual([
      'lookup_city',
      'restart_orchestration',
      'submit',
    ]);
    expect(evaluation[0]?.system).toContain('You analyse cities.');
    const log = readLog(result.stdout);
    const verdicts = log.flatMap((e) =>
      e.type === 'post-evaluation' ? [[e.agentId, e.decision, e.by]] : [],
    );
    expect(verdicts).toEqual([['framework', 'submit', 'tool']]);
  }, 90_000);
});

describe('the post-evaluation by a framework agent under a safety policy', () => {
  it('refuses its own denied tool in the evaluation turn, as a tool-denied event of the run', async () => {
    fake.requests.length = 0;
    let evaluations = 0;
    fake.setScenario((req: FakeRequest) => {
      if (!req.tools.some((t) => t.name === 'submit')) return consensus()(req);
      evaluations++;
      return evaluations === 1
        ? { toolCalls: [{ name: 'lookup_city', args: { city: 'Paris' } }] }
        : { toolCalls: [{ name: 'submit', args: { confirmed: true } }] };
    });
    const home = tempHome();
    const file = writeFile(
      home,
      'eval.yaml',
      `agents:
  - id: framework
    backend:
      type: adapter
      adapter: ai-sdk
      module: ${path.join(FIXTURES, 'ai-sdk-agent.ts')}
      export: analyst
      permissions: { rules: { deny: ["lookup_city"] } }
orchestrator:
  coordination: { max_orchestration_restarts: 1 }
`,
    );
    const result = await runCli(['--automation', '--config', file, 'How many people live in Paris?'], {
      cwd: home,
      env: { OPENAI_API_KEY: 'sk-fake', OPENAI_BASE_URL: fake.baseUrls.openai },
      timeoutMs: 60_000,
    });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const evaluation = fake.requests.filter((r) => r.tools.some((t) => t.name === 'submit'));
    expect(evaluation).toHaveLength(2);
    const refusal = evaluation[1]?.messages.find((m) => m.role === 'tool')?.text;
    expect(refusal).toContain('refused by the safety policy');
    expect(refusal).not.toContain('2.1 million');
    const log = readLog(result.stdout);
    const denied = log.flatMap((e) => (e.type === 'tool-denied' ? [[e.agentId, e.toolName, e.by]] : []));
    expect(denied).toEqual([['framework', 'lookup_city', 'policy']]);
    // Its own call and the refusal it got are events of the run, as in its executions; the
    // evaluation reports its `submit` as it does a native agent's.
    const own = log.flatMap((e) =>
      (e.type === 'tool-call' || e.type === 'tool-result') && e.agentId === 'framework' ? [e] : [],
    );
    expect(own.map((e) => [e.type, e.toolName])).toEqual([
      ['tool-call', 'lookup_city'],
      ['tool-result', 'lookup_city'],
      ['tool-call', 'submit'],
    ]);
    expect(own[0]).toMatchObject({ input: { city: 'Paris' } });
    expect(String((own[1] as { output?: unknown }).output)).toContain('refused by the safety policy');
    const verdicts = log.flatMap((e) => (e.type === 'post-evaluation' ? [[e.decision, e.by]] : []));
    expect(verdicts).toEqual([['submit', 'tool']]);
  }, 90_000);
});

describe('a framework agent with `provider:`', () => {
  it('is priced as that provider and model in status.json', async () => {
    fake.requests.length = 0;
    const usage = { inputTokens: 1000, outputTokens: 500 };
    fake.setScenario((req: FakeRequest) => ({ ...consensus()(req), usage }));
    const home = tempHome();
    const file = writeFile(
      home,
      'priced.yaml',
      `agents:
  - id: framework
    backend:
      type: adapter
      adapter: openai-agents
      module: ${path.join(FIXTURES, 'openai-agent.ts')}
      export: researcher
      provider: openai
      model: gpt-4o-mini
`,
    );
    const result = await runCli(['--automation', '--config', file, 'How many people live in Paris?'], {
      cwd: home,
      env: {
        OPENAI_API_KEY: 'sk-fake',
        OPENAI_BASE_URL: fake.baseUrls.openai,
        OPENAI_AGENTS_DISABLE_TRACING: '1',
      },
      timeoutMs: 60_000,
    });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    // Its answer, its vote and the presentation.
    expect(byModel('gpt-4o-mini')).toHaveLength(3);
    const status = JSON.parse(readFileSync(field(result.stdout, 'STATUS')!, 'utf8'));
    // gpt-4o-mini: $0.15 per million input tokens, $0.60 per million output tokens.
    expect(status.costs.agents.framework).toMatchObject({
      backend: 'openai',
      model: 'gpt-4o-mini',
      input_tokens: 3000,
      output_tokens: 1500,
      calls: 3,
      estimated_cost: 0.00135,
    });
    expect(status.costs.unpriced_calls).toBe(0);
    expect(status.costs.total_estimated_cost).toBe(0.00135);
    // `massgen stats` reads the same price from the log.
    const stats = await runCli(['stats', field(result.stdout, 'LOG_DIR')!, '--json'], { cwd: home });
    expect(stats.code, stats.stderr).toBe(0);
    const framework = (JSON.parse(stats.stdout) as { agents: Record<string, Record<string, unknown>> }).agents
      .framework;
    expect(framework).toMatchObject({ backend: 'openai', model: 'gpt-4o-mini', calls: 3 });
    expect(framework?.cost_usd).toBeCloseTo(0.00135, 10);
  }, 90_000);

  it('without `provider:`, is priced as the model its framework agent runs on', async () => {
    fake.requests.length = 0;
    const usage = { inputTokens: 1000, outputTokens: 500 };
    fake.setScenario((req: FakeRequest) => ({ ...consensus()(req), usage }));
    const home = tempHome();
    const file = writeFile(
      home,
      'inferred.yaml',
      `agents:
  - id: framework
    backend: { type: adapter, adapter: ai-sdk, module: ${path.join(FIXTURES, 'ai-sdk-agent.ts')}, export: analyst }
`,
    );
    const result = await runCli(['--automation', '--config', file, 'How many people live in Paris?'], {
      cwd: home,
      env: { OPENAI_API_KEY: 'sk-fake', OPENAI_BASE_URL: fake.baseUrls.openai },
      timeoutMs: 60_000,
    });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(byModel('gpt-4.1-mini')).toHaveLength(3);
    const status = JSON.parse(readFileSync(field(result.stdout, 'STATUS')!, 'utf8'));
    // gpt-4.1-mini: $0.40 per million input tokens, $1.60 per million output tokens.
    expect(status.costs.agents.framework).toMatchObject({
      backend: 'openai',
      model: 'gpt-4.1-mini',
      calls: 3,
      estimated_cost: 0.0036,
    });
    expect(status.costs.unpriced_calls).toBe(0);
  }, 90_000);

  it('names `backend.provider` when it is not a provider backend', async () => {
    const home = tempHome();
    const file = writeFile(
      home,
      'bad.yaml',
      `agents:
  - id: framework
    backend: { type: adapter, adapter: openai-agents, module: ./x.ts, provider: codex, model: m }
`,
    );
    const result = await runCli(['--automation', '--config', file, 'Hi'], { cwd: home });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('agents[0].backend.provider');
    expect(result.stderr).toContain('"codex" is not a provider backend type');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});
