/**
 * Cost and budgets through the CLI against the fake provider: status.json `costs` with the exact
 * figures of the price table, the usage lines of `--automation`, and a run stopped at its budget.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { calcPrice } from '@pydantic/genai-prices';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consensus, type Scenario } from '../fake-provider/scenario.js';
import { createFakeProvider, type FakeProvider } from '../fake-provider/server.js';
import { field, runCli, tempHome, writeFile } from '../support/cli.js';

let fake: FakeProvider;

beforeAll(async () => {
  fake = await createFakeProvider();
});
afterAll(async () => {
  await fake.close();
});

const USAGE = { inputTokens: 1000, outputTokens: 200 };

/** The consensus bot, every reply reporting {@link USAGE}. */
const metered = (): Scenario => {
  const bot = consensus({ present: (req) => `Presented by ${req.model}` });
  return async (req) => ({ ...(await bot(req)), usage: USAGE });
};

/** Agents on the OpenAI Responses wire, one per model, pointed at the fake. */
function config(models: string[], extra = ''): string {
  const lines = ['agents:'];
  models.forEach((model, i) => {
    lines.push(`  - id: "a${i + 1}"`, '    backend:', '      type: "openai"', `      model: "${model}"`);
    lines.push(`      base_url: "${fake.baseUrls.openai}"`, '      api_key: "test-key"');
  });
  return `${lines.join('\n')}\n${extra}`;
}

/** USD of one call of {@link USAGE} on an OpenAI model, from the same price table. */
function callPrice(model: string): number {
  const price = calcPrice({ input_tokens: USAGE.inputTokens, output_tokens: USAGE.outputTokens }, model, {
    providerId: 'openai',
  });
  if (!price) throw new Error(`no price for ${model}`);
  return price.total_price;
}

function status(stdout: string) {
  return JSON.parse(readFileSync(field(stdout, 'STATUS')!, 'utf8'));
}

describe('cost of a run', () => {
  it('status.json costs, the outcome lines and the per-agent figures match the price table', async () => {
    fake.setScenario(metered());
    const home = tempHome();
    const file = writeFile(home, 'two.yaml', config(['gpt-4o-mini', 'gpt-4o']));
    const r = await runCli(['--automation', '--config', file, 'What is 2+2?'], { cwd: home });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    // a1 answers, votes and presents (3 calls); a2 answers and votes (2 calls).
    const mini = 3 * callPrice('gpt-4o-mini');
    const full = 2 * callPrice('gpt-4o');
    const costs = status(r.stdout).costs;
    expect(costs.total_input_tokens).toBe(5000);
    expect(costs.total_output_tokens).toBe(1000);
    expect(costs.total_calls).toBe(5);
    expect(costs.unpriced_calls).toBe(0);
    expect(costs.total_estimated_cost).toBeCloseTo(mini + full, 8);
    expect(costs.agents.a1).toEqual({
      backend: 'openai',
      model: 'gpt-4o-mini',
      input_tokens: 3000,
      output_tokens: 600,
      reasoning_tokens: 0,
      cached_tokens: 0,
      calls: 3,
      estimated_cost: expect.closeTo(mini, 8),
      unpriced_calls: 0,
    });
    expect(costs.agents.a2.calls).toBe(2);
    expect(costs.agents.a2.estimated_cost).toBeCloseTo(full, 8);
    expect(field(r.stdout, 'TOKENS')).toBe('input=5000 output=1000 reasoning=0 cached=0 calls=5');
    expect(Number(field(r.stdout, 'COST_USD'))).toBeCloseTo(mini + full, 8);
    expect(field(r.stdout, 'UNPRICED_CALLS')).toBeUndefined();
  });
});

describe('budget', () => {
  const three = ['gpt-4o-mini', 'gpt-4.1-mini', 'gpt-4.1-nano'];

  it('a token budget stops new work after the answers; the best answer so far is presented', async () => {
    fake.setScenario(metered());
    const home = tempHome();
    // 3 answers use 3600 tokens; 3 votes and a presentation would need 4800 more: over 5000.
    const file = writeFile(home, 'b.yaml', config(three, 'budget:\n  max_tokens: 5000\n'));
    const before = fake.requests.length;
    const r = await runCli(['--automation', '--config', file, 'Q'], { cwd: home });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    // Three answers, then only the presentation fits (3600 + 1200 ≤ 5000).
    expect(fake.requests.length - before).toBe(4);
    expect(field(r.stdout, 'STATUS_FINAL')).toBe('budget');
    expect(field(r.stdout, 'WINNER')).toBe('a1');
    expect(field(r.stdout, 'ANSWER_PREVIEW')).toBe('Presented by gpt-4o-mini');
    const s = status(r.stdout);
    expect(s.run.status).toBe('budget');
    expect(s.costs.total_calls).toBe(4);
    expect(s.results.winner).toBe('a1');
  });

  it('when even the presentation would exceed it, the stored answer is the final answer', async () => {
    fake.setScenario(metered());
    const home = tempHome();
    const file = writeFile(home, 'b.yaml', config(three, 'budget:\n  max_tokens: 4000\n'));
    const before = fake.requests.length;
    const r = await runCli(['--automation', '--config', file, 'Q'], { cwd: home });
    expect(r.code).toBe(0);
    expect(fake.requests.length - before).toBe(3);
    expect(field(r.stdout, 'STATUS_FINAL')).toBe('budget');
    const logDir = field(r.stdout, 'LOG_DIR')!;
    expect(readFileSync(path.join(logDir, 'final', 'a1', 'answer.txt'), 'utf8')).toBe(
      'Answer from gpt-4o-mini',
    );
  });

  it('--max-cost beats the config budget', async () => {
    fake.setScenario(metered());
    const home = tempHome();
    const file = writeFile(home, 'b.yaml', config(three, 'budget:\n  max_cost_usd: 1000\n'));
    // Room for the three answers and the presentation (estimated at the mean call), not for the votes.
    const answers = three.reduce((sum, model) => sum + callPrice(model), 0);
    const maxCost = (answers * 1.5).toFixed(12);
    const before = fake.requests.length;
    const r = await runCli(['--automation', '--config', file, '--max-cost', maxCost, 'Q'], { cwd: home });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(fake.requests.length - before).toBe(4);
    expect(field(r.stdout, 'STATUS_FINAL')).toBe('budget');

    // Without the flag the config's budget leaves room for the whole run.
    const full = fake.requests.length;
    const whole = await runCli(['--automation', '--config', file, 'Q'], { cwd: home });
    expect(whole.code).toBe(0);
    expect(fake.requests.length - full).toBe(7);
    expect(field(whole.stdout, 'STATUS_FINAL')).toBeUndefined();
  });

  it('bad budgets are config errors naming the key or the flag', async () => {
    const home = tempHome();
    const file = writeFile(home, 'b.yaml', config(['gpt-4o-mini'], 'budget:\n  max_cost_usd: -1\n'));
    const r = await runCli(['--automation', '--config', file, 'Q'], { cwd: home });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('budget.max_cost_usd');
    expect(r.stderr).toContain('budget.max_cost_usd: must be greater than 0, got -1');
    const ok = writeFile(home, 'ok.yaml', config(['gpt-4o-mini']));
    const flag = await runCli(['--automation', '--config', ok, '--max-cost', 'lots', 'Q'], { cwd: home });
    expect(flag.code).toBe(1);
    expect(flag.stderr).toContain('--max-cost must be a positive number of US dollars');
  });
});

describe('massgen stats', () => {
  it('one run: calls, tokens and cost per agent, model and phase, as a table and as JSON', async () => {
    fake.setScenario(metered());
    const home = tempHome();
    const file = writeFile(home, 'two.yaml', config(['gpt-4o-mini', 'gpt-4o']));
    const run = await runCli(['--automation', '--config', file, 'What is 2+2?'], { cwd: home });
    expect(run.code).toBe(0);
    const logDir = field(run.stdout, 'LOG_DIR')!;
    const r = await runCli(['stats', logDir, '--json'], { cwd: home });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const stats = JSON.parse(r.stdout);
    const mini = callPrice('gpt-4o-mini');
    const full = callPrice('gpt-4o');
    expect(stats.turns).toHaveLength(1);
    expect(stats.turns[0].status).toBe('completed');
    expect(stats.turns[0].winner).toBe('a1');
    expect(stats.total.calls).toBe(5);
    expect(stats.total.input_tokens).toBe(5000);
    expect(stats.total.output_tokens).toBe(1000);
    expect(stats.total.cost_usd).toBeCloseTo(3 * mini + 2 * full, 8);
    expect(stats.agents.a1).toMatchObject({ calls: 3, model: 'gpt-4o-mini', input_tokens: 3000 });
    expect(stats.agents.a1.cost_usd).toBeCloseTo(3 * mini, 8);
    expect(stats.agents.a2).toMatchObject({ calls: 2, model: 'gpt-4o', output_tokens: 400 });
    expect(Object.keys(stats.models)).toEqual(['openai/gpt-4o-mini', 'openai/gpt-4o']);
    expect(stats.models['openai/gpt-4o'].cost_usd).toBeCloseTo(2 * full, 8);
    expect(stats.phases.coordination.calls).toBe(4);
    expect(stats.phases.presentation.calls).toBe(1);
    expect(stats.phases['post-evaluation'].calls).toBe(0);
    expect(stats.phases.presentation.cost_usd).toBeCloseTo(mini, 8);
    // Every agent-second is in exactly one phase.
    const phaseSeconds = Object.values(stats.phases).reduce(
      (s: number, p) => s + (p as { seconds: number }).seconds,
      0,
    );
    expect(phaseSeconds).toBeCloseTo(stats.total.seconds, 6);

    const text = await runCli(['stats', logDir], { cwd: home });
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^1 turn · 5 calls · 6000 tokens · \$0\.\d{4} · \d+\.\ds wall$/m);
    expect(text.stdout).toMatch(/^a1 \(gpt-4o-mini\)\s+3\s+3000\s+600\s+0\s+0\s+\$0\.\d{4}\s+\d+\.\ds$/m);
    expect(text.stdout).toMatch(/^presentation\s+1\s+1000\s+200\s/m);
  });

  it('a two-turn session: every turn, and one line per turn', async () => {
    fake.setScenario(metered());
    const home = tempHome();
    const file = writeFile(home, 'two.yaml', config(['gpt-4o-mini', 'gpt-4o']));
    const first = await runCli(['--automation', '--config', file, 'First question'], { cwd: home });
    expect(first.code).toBe(0);
    const sessionId = field(first.stdout, 'SESSION_ID')!;
    const second = await runCli(['--automation', '--config', file, '--continue', 'Second question'], {
      cwd: home,
    });
    expect(second.code).toBe(0);
    expect(field(second.stdout, 'SESSION_ID')).toBe(sessionId);
    const r = await runCli(['stats', sessionId, '--json'], { cwd: home });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const stats = JSON.parse(r.stdout);
    expect(stats.turns.map((t: { question: string }) => t.question)).toEqual([
      'First question',
      'Second question',
    ]);
    expect(stats.total.calls).toBe(10);
    expect(stats.agents.a1.calls).toBe(6);
    expect(stats.phases.presentation.calls).toBe(2);
    expect(stats.total.cost_usd).toBeCloseTo(2 * (3 * callPrice('gpt-4o-mini') + 2 * callPrice('gpt-4o')), 8);
    const text = await runCli(['stats', sessionId], { cwd: home });
    expect(text.stdout).toMatch(/^2 turns · 10 calls · 12000 tokens/m);
    expect(text.stdout).toMatch(/^1 completed\s+5\s+5000\s+1000\s/m);
    expect(text.stdout).toMatch(/^2 completed\s+5\s+5000\s+1000\s/m);
  });

  it('an unknown target is a config error naming it', async () => {
    const home = tempHome();
    const r = await runCli(['stats', 'no-such-session'], { cwd: home });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('no log folder, events.jsonl or session named "no-such-session"');
  });
});
