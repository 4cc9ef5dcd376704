import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consensus, type FakeReply, type FakeRequest, scripted } from '../fake-provider/scenario.js';
import { createFakeProvider, type FakeProvider } from '../fake-provider/server.js';
import { field, runCli, tempHome, writeFile } from '../support/cli.js';

let fake: FakeProvider;

beforeAll(async () => {
  fake = await createFakeProvider();
});
afterAll(async () => {
  await fake.close();
});

/** A config of agents, one per line `id type model`, all pointed at the fake server. */
function config(agents: Array<[id: string, type: string, model: string]>, extra = ''): string {
  const base: Record<string, string> = {
    openai: fake.baseUrls.openai,
    claude: fake.baseUrls.anthropic,
    gemini: fake.baseUrls.gemini,
    chatcompletion: fake.baseUrls.chat,
    grok: fake.baseUrls.chat,
  };
  const lines = ['agents:'];
  for (const [id, type, model] of agents) {
    lines.push(`  - id: "${id}"`, '    backend:', `      type: "${type}"`, `      model: "${model}"`);
    lines.push(`      base_url: "${base[type]}"`, '      api_key: "test-key"');
  }
  return `${lines.join('\n')}\n${extra}`;
}

function allFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).map((f) => path.join(dir, f));
}

const three = () =>
  config([
    ['gpt', 'openai', 'gpt-5-mini'],
    ['claude', 'claude', 'claude-sonnet-4-5'],
    ['gemini', 'gemini', 'gemini-2.5-flash'],
  ]);

describe('massgen run (CLI against the fake provider)', () => {
  it('three agents, one per wire protocol, reach a final answer with a complete log folder', async () => {
    fake.setScenario(consensus({ present: (req) => `Presentation by ${req.model}` }));
    const home = tempHome();
    const file = writeFile(home, 'three.yaml', three());
    const r = await runCli(['--automation', '--config', file, 'What is 2+2?'], { cwd: home });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const winner = field(r.stdout, 'WINNER');
    expect(winner).toBe('gpt');
    const logDir = field(r.stdout, 'LOG_DIR')!;
    expect(path.isAbsolute(logDir)).toBe(true);
    expect(field(r.stdout, 'QUESTION')).toBe('What is 2+2?');
    const answerFile = field(r.stdout, 'ANSWER_FILE')!;
    expect(answerFile).toBe(path.join(logDir, 'final', 'gpt', 'answer.txt'));
    expect(readFileSync(answerFile, 'utf8')).toBe('Presentation by gpt-5-mini');
    expect(field(r.stdout, 'ANSWER_PREVIEW')).toBe('Presentation by gpt-5-mini');
    expect(r.stdout).toMatch(/^DURATION: \d+\.\ds$/m);
    expect(r.stdout).toMatch(/^COMPLETED: 3 agents, \d+\.\ds total$/m);
    const status = JSON.parse(readFileSync(field(r.stdout, 'STATUS')!, 'utf8'));
    expect(status.results.winner).toBe('gpt');
    for (const [id, model] of [
      ['gpt', 'gpt-5-mini'],
      ['claude', 'claude-sonnet-4-5'],
      ['gemini', 'gemini-2.5-flash'],
    ]) {
      const answers = allFiles(path.join(logDir, id!)).filter((f) => f.endsWith('answer.txt'));
      expect(answers).toHaveLength(1);
      expect(readFileSync(answers[0]!, 'utf8')).toBe(`Answer from ${model}`);
    }
    expect(existsSync(path.join(logDir, 'events.jsonl'))).toBe(true);
    expect(existsSync(path.join(logDir, 'execution_metadata.yaml'))).toBe(true);
    const protocols = new Set(fake.requests.slice(-9).map((q) => q.protocol));
    expect(protocols).toEqual(new Set(['responses', 'anthropic', 'gemini']));
  });

  it('three chatcompletion agents reach a final answer', async () => {
    fake.setScenario(consensus());
    const home = tempHome();
    const file = writeFile(
      home,
      'chat.yaml',
      config([
        ['a', 'chatcompletion', 'llama-a'],
        ['b', 'chatcompletion', 'llama-b'],
        ['c', 'chatcompletion', 'llama-c'],
      ]),
    );
    const before = fake.requests.length;
    const r = await runCli(['--automation', '--config', file, 'Name a prime number'], { cwd: home });
    expect(r.code).toBe(0);
    expect(field(r.stdout, 'WINNER')).toBe('a');
    // A clean consensus costs N answers + N votes + 1 presentation, no more.
    expect(fake.requests.length - before).toBe(2 * 3 + 1);
  });

  it('retries a 429 and succeeds', async () => {
    let failed = 0;
    fake.setScenario((req) => {
      if (req.model === 'flaky' && failed < 2) {
        failed++;
        return { error: { status: 429, message: 'Rate limit reached', retryAfterSeconds: 0 } };
      }
      return consensus()(req);
    });
    const home = tempHome();
    const file = writeFile(home, 'c.yaml', config([['only', 'chatcompletion', 'flaky']]));
    const r = await runCli(['--automation', '--config', file, 'Q'], { cwd: home });
    expect(r.code).toBe(0);
    expect(failed).toBe(2);
    expect(field(r.stdout, 'WINNER')).toBe('only');
  });

  it('drops an agent that fails forever and finishes with the others', async () => {
    fake.setScenario((req) =>
      req.model === 'broken' ? { error: { status: 500, message: 'internal error' } } : consensus()(req),
    );
    const home = tempHome();
    const file = writeFile(
      home,
      'c.yaml',
      config([
        ['broken', 'claude', 'broken'],
        ['ok1', 'gemini', 'fine-1'],
        ['ok2', 'openai', 'fine-2'],
      ]),
    );
    const r = await runCli(['--automation', '--config', file, 'Q'], { cwd: home });
    expect(r.code).toBe(0);
    expect(field(r.stdout, 'WINNER')).toBe('ok1');
    expect(field(r.stdout, 'AGENT_DROPPED')).toMatch(/^broken: /);
    const status = JSON.parse(readFileSync(field(r.stdout, 'STATUS')!, 'utf8'));
    expect(status.agents.broken.status).toBe('dropped');
  });

  it('recovers from streams cut in the middle of a tool call', async () => {
    const cut = new Set<string>();
    fake.setScenario((req) => {
      const reply = consensus()(req) as Awaited<ReturnType<ReturnType<typeof consensus>>>;
      if (!cut.has(req.model) && req.model.startsWith('cutter')) {
        cut.add(req.model);
        return { ...reply, cutAfterChunks: 2 };
      }
      return reply;
    });
    const home = tempHome();
    const file = writeFile(
      home,
      'c.yaml',
      config([
        ['chat', 'chatcompletion', 'cutter-chat'],
        ['resp', 'openai', 'cutter-responses'],
        ['steady', 'claude', 'steady'],
      ]),
    );
    const r = await runCli(['--automation', '--config', file, 'Q'], { cwd: home });
    expect(r.code).toBe(0);
    expect(cut.size).toBe(2);
    const events = readFileSync(path.join(field(r.stdout, 'LOG_DIR')!, 'events.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    // A stream cut after it started fails that execution, which is retried.
    expect(events.some((e) => e.type === 'agent-error' && e.agentId === 'chat' && e.willRetry)).toBe(true);
    for (const id of ['chat', 'resp', 'steady']) {
      expect(events.some((e) => (e.type === 'answer' || e.type === 'vote') && e.agentId === id)).toBe(true);
    }
  });

  it('answers malformed tool arguments with a tool error and goes on', async () => {
    let sent = false;
    fake.setScenario((req) => {
      if (!sent && req.tools.some((t) => t.name === 'new_answer')) {
        sent = true;
        return { toolCalls: [{ name: 'new_answer', args: '{"content": "broken' }] };
      }
      return consensus()(req);
    });
    const home = tempHome();
    const file = writeFile(home, 'c.yaml', config([['a', 'chatcompletion', 'm']]));
    const r = await runCli(['--automation', '--config', file, 'Q'], { cwd: home });
    expect(r.code).toBe(0);
    const retry = fake.requests.findLast((q) =>
      q.messages.some((m) => m.role === 'tool' && /not valid/.test(m.text)),
    );
    expect(retry).toBeDefined();
  });

  it('refuses a vote for an unknown label and accepts the corrected vote', async () => {
    const wrongVote = (): FakeReply => ({
      toolCalls: [{ name: 'vote', args: { agent_id: 'agent9', reason: 'x' } }],
    });
    const rightVote = (req: FakeRequest): FakeReply =>
      req.messages.some((m) => m.role === 'tool' && m.text.includes('Invalid agent_id "agent9"'))
        ? { toolCalls: [{ name: 'vote', args: { agent_id: 'agent1', reason: 'fixed' } }] }
        : { text: 'the tool error did not name the label' };
    fake.setScenario(
      scripted({ voter: [consensus() as (req: FakeRequest) => FakeReply, wrongVote, rightVote] }),
    );
    const home = tempHome();
    const file = writeFile(home, 'c.yaml', config([['a', 'chatcompletion', 'voter']]));
    const r = await runCli(['--automation', '--config', file, 'Q'], { cwd: home });
    expect(r.code).toBe(0);
    const events = readFileSync(path.join(field(r.stdout, 'LOG_DIR')!, 'events.jsonl'), 'utf8');
    expect(events).toContain('"type":"workflow-rejected"');
    expect(events).toContain('"type":"vote"');
  });

  it('exits 3 when the run deadline passes with no answer', async () => {
    fake.setScenario(() => ({ text: 'slow', firstByteDelayMs: 5000 }));
    const home = tempHome();
    const file = writeFile(home, 'c.yaml', config([['a', 'chatcompletion', 'slow']]));
    const r = await runCli(['--automation', '--orchestrator-timeout', '0.5', '--config', file, 'Q'], {
      cwd: home,
    });
    expect(r.code).toBe(3);
    expect(r.stdout).toMatch(/^STATUS_FINAL: timeout$/m);
  });

  it('Ctrl-C ends with exit 4 and the log folder flushed', async () => {
    fake.setScenario(() => ({ text: 'slow', firstByteDelayMs: 5000 }));
    const home = tempHome();
    const file = writeFile(home, 'c.yaml', config([['a', 'chatcompletion', 'slow']]));
    // One Ctrl-C, once the request is under way (a second one quits at once by design).
    const requested = fake.waitForRequest();
    const r = await runCli(['--automation', '--config', file, 'Q'], {
      cwd: home,
      onSpawn: (child) => void requested.then(() => child.kill('SIGINT')),
    });
    expect(r.code).toBe(4);
    const status = JSON.parse(readFileSync(field(r.stdout, 'STATUS')!, 'utf8'));
    expect(status.run.status).toBe('interrupted');
  });

  it('streams each agent labelled, then the final answer, without --automation', async () => {
    fake.setScenario(consensus({ present: () => 'The final answer is 4.' }));
    const home = tempHome();
    const file = writeFile(home, 'c.yaml', config([['solo', 'chatcompletion', 'm']]));
    const r = await runCli(['--config', file, 'What is 2+2?'], { cwd: home });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('✅ [solo] answer agent1.1');
    expect(r.stdout).toContain('🗳️ [solo] voted for solo');
    expect(r.stdout).toContain('=== Final answer (solo) ===\nThe final answer is 4.');
    expect(r.stdout).not.toMatch(/\u001b\[/);
  });
});

describe('massgen default config discovery (CLI)', () => {
  let local: FakeProvider;
  beforeAll(async () => {
    local = await createFakeProvider({ scenario: consensus() });
  });
  afterAll(() => local.close());

  it('uses ./.massgen/config.yaml when no --config or --backend is given', async () => {
    const home = tempHome();
    mkdirSync(path.join(home, '.massgen'));
    writeFile(
      path.join(home, '.massgen'),
      'config.yaml',
      `agent:\n  id: local\n  backend:\n    type: chatcompletion\n    model: m\n    base_url: ${local.baseUrls.chat}\n`,
    );
    const r = await runCli(['--automation', 'Q'], { cwd: home });
    expect(r.code).toBe(0);
    expect(field(r.stdout, 'WINNER')).toBe('local');
  });

  it('quick setup runs one agent from flags', async () => {
    const r = await runCli([
      '--automation',
      '--backend',
      'vllm',
      '--model',
      'qwen',
      '--base-url',
      local.baseUrls.chat,
      'Q',
    ]);
    expect(r.code).toBe(0);
    expect(field(r.stdout, 'WINNER')).toBe('agent1');
  });
});
