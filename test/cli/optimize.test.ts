import type { ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { splitTasks } from '../../src/optimize/split.js';
import { bareAnyway, formatOracle } from '../fake-provider/format-oracle.js';
import { createFakeProvider, type FakeProvider } from '../fake-provider/server.js';
import { field, runCli, tempHome, writeFile } from '../support/cli.js';
import { arithmeticTasks, oracleConfig, writeTasks } from '../support/eval-setup.js';
import { counted, isAxRequest, REPLY_PRICE } from '../support/optimize-setup.js';

let fake: FakeProvider;
beforeAll(async () => {
  fake = await createFakeProvider();
});
afterAll(async () => {
  await fake.close();
});

const AGENTS: Array<[string, string]> = [
  ['alpha', 'gpt-4o-mini'],
  ['beta', 'gpt-4.1-mini'],
];
const BARE = 0.3;
const INSTRUCTION = 'You solve arithmetic tasks.';

function setup(n: number) {
  const home = tempHome();
  const tasks = arithmeticTasks(n);
  const answers = Object.fromEntries(tasks.map((t) => [t.question, t.answer]));
  const dataset = writeTasks(home, tasks);
  const config = writeFile(
    home,
    'duo.yaml',
    `# two agents on the fake provider\n${oracleConfig(fake, AGENTS).replaceAll('    backend:', `    system_message: "${INSTRUCTION}"\n    backend:`)}`,
  );
  return { home, tasks, answers, dataset, config };
}

describe('massgen optimize (CLI against the format oracle)', () => {
  it('bootstraps demonstrations on the train split, so the optimised config scores exactly higher on the held-out split', async () => {
    const { home, tasks, answers, dataset, config } = setup(12);
    const { calls, wrapped } = counted(formatOracle({ answers, bareAnyway: BARE }));
    fake.setScenario(wrapped);
    const dir = path.join(home, 'opt');
    const out = path.join(home, 'optimized.yaml');
    const r = await runCli(
      [
        'optimize',
        '--config',
        config,
        '--dataset',
        dataset,
        '--metric',
        'exact',
        '--seed',
        '3',
        '--out',
        out,
        '--dir',
        dir,
        '--max-demos',
        '2',
      ],
      { cwd: home, timeoutMs: 120_000 },
    );
    expect(r.code, r.stderr).toBe(0);

    const split = splitTasks(tasks, 0.5, 3);
    const heldOut = split.heldOut.length;
    const bareBefore = split.heldOut.filter((t) => bareAnyway(t.question, BARE)).length;
    expect(heldOut).toBe(6);
    expect(bareBefore).toBeLessThan(heldOut);
    expect(field(r.stdout, 'SPLIT')).toBe('6 train, 6 held-out (seed 3)');
    expect(field(r.stdout, 'BEFORE')).toMatch(
      new RegExp(`^${(bareBefore / heldOut).toFixed(3)} \\(${bareBefore}/6\\) · tokens \\d+ · \\$`),
    );
    expect(field(r.stdout, 'AFTER')).toMatch(/^1\.000 \(6\/6\) · tokens \d+ · \$/);
    expect(field(r.stdout, 'CONFIG')).toBe(out);
    expect(r.stderr).toContain('optimize: 12 tasks: 6 to train on, 6 held out (seed 3)');
    expect(r.stderr).toContain('optimize: agent "alpha": 2 demonstrations, train score');

    const report = JSON.parse(readFileSync(path.join(dir, 'optimize.json'), 'utf8'));
    expect(report.held_out).toEqual(split.heldOut.map((t) => t.id));
    expect(report.train).toEqual(split.train.map((t) => t.id));
    expect(report.before).toMatchObject({ correct: bareBefore, tasks: 6, complete: true });
    expect(report.after).toMatchObject({ correct: 6, tasks: 6, accuracy: 1, complete: true });
    // Every request is 110 tokens; the spend is what the fake's replies cost.
    expect(report.optimizer_usage.calls).toBe(calls.ax);
    expect(report.optimizer_usage.tokens).toBe(110 * calls.ax);
    expect(report.before.tokens + report.after.tokens).toBe(110 * calls.massgen);
    expect(report.spent_usd).toBeCloseTo(calls.cost, 9);

    // The written config validates, keeps the rest of the file, and carries train demonstrations only.
    const check = await runCli(['--validate', out], { cwd: home });
    expect(check.code, check.stdout + check.stderr).toBe(0);
    const text = readFileSync(out, 'utf8');
    expect(text.startsWith('# two agents on the fake provider\n')).toBe(true);
    const written = parse(text);
    expect(written.agents.map((a: { id: string }) => a.id)).toEqual(['alpha', 'beta']);
    // The same seed, dataset and replies give the same demonstrations.
    const again = path.join(home, 'again.yaml');
    const rerun = await runCli(
      [
        'optimize',
        '--config',
        config,
        '--dataset',
        dataset,
        '--metric',
        'exact',
        '--seed',
        '3',
        '--out',
        again,
        '--dir',
        path.join(home, 'opt2'),
        '--max-demos',
        '2',
      ],
      { cwd: home, timeoutMs: 120_000 },
    );
    expect(rerun.code, rerun.stderr).toBe(0);
    expect(readFileSync(again, 'utf8')).toBe(text);
    for (const agent of written.agents) {
      expect(agent.backend).toMatchObject({ type: 'openai', api_key: 'test-key' });
      const message: string = agent.system_message;
      expect(
        message.startsWith(`${INSTRUCTION}\n\nExamples of questions and the answers expected:\n\nQuestion: `),
      ).toBe(true);
      const shown = [...message.matchAll(/Question: ([^\n]+)\nAnswer: ([^\n]+)/g)];
      expect(shown.length).toBe(2);
      for (const [, q, a] of shown) {
        expect(split.train.map((t) => t.question)).toContain(q);
        expect(a).toBe(answers[q!]);
      }
    }
  }, 150_000);

  it('rewrites the instruction with GEPA (the agent’s own model reflects) so the held-out score rises', async () => {
    const { home, tasks, answers, dataset, config } = setup(12);
    fake.setScenario(formatOracle({ answers, bareAnyway: BARE }));
    const dir = path.join(home, 'opt');
    const out = path.join(home, 'optimized.yaml');
    const r = await runCli(
      [
        'optimize',
        '--config',
        config,
        '--dataset',
        dataset,
        '--metric',
        'exact',
        '--optimizer',
        'gepa',
        '--out',
        out,
        '--dir',
        dir,
      ],
      { cwd: home, timeoutMs: 120_000 },
    );
    expect(r.code, r.stderr).toBe(0);
    const split = splitTasks(tasks, 0.5, 1);
    const bareBefore = split.heldOut.filter((t) => bareAnyway(t.question, BARE)).length;
    expect(bareBefore).toBeLessThan(6);
    expect(field(r.stdout, 'BEFORE')).toMatch(
      new RegExp(`^${(bareBefore / 6).toFixed(3)} \\(${bareBefore}/6\\)`),
    );
    expect(field(r.stdout, 'AFTER')).toMatch(/^1\.000 \(6\/6\)/);
    expect(field(r.stdout, 'AGENT alpha')).toBe(
      '0 demonstrations · instruction rewritten · train score 1.000',
    );
    const check = await runCli(['--validate', out], { cwd: home });
    expect(check.code, check.stdout + check.stderr).toBe(0);
    for (const agent of parse(readFileSync(out, 'utf8')).agents) {
      const [, q, a] =
        /^State the result alone, as in this example\.\nQuestion: ([^\n]+)\nAnswer: (\d+)$/.exec(
          agent.system_message,
        )!;
      expect(split.train.map((t) => t.question)).toContain(q);
      expect(a).toBe(answers[q!]);
    }
  }, 150_000);

  it('stops at --budget: no optimiser call once it is spent, the optimised config written but not scored', async () => {
    const { home, answers, dataset, config } = setup(12);
    const { calls, wrapped } = counted(formatOracle({ answers, bareAnyway: BARE }));
    fake.setScenario(wrapped);
    const dir = path.join(home, 'opt');
    const out = path.join(home, 'optimized.yaml');
    const budget = 0.0011;
    const r = await runCli(
      [
        'optimize',
        '--config',
        config,
        '--dataset',
        dataset,
        '--metric',
        'exact',
        '--budget',
        String(budget),
        '--out',
        out,
        '--dir',
        dir,
      ],
      { cwd: home, timeoutMs: 120_000 },
    );
    expect(r.code, r.stderr).toBe(0);
    const report = JSON.parse(readFileSync(path.join(dir, 'optimize.json'), 'utf8'));
    // The scoring runs fit in the budget; alpha's optimiser calls go on until the spend passes it.
    expect(report.before).toMatchObject({ tasks: 6, complete: true });
    expect(report.before.cost_usd).toBeLessThan(budget);
    const allowed = Math.ceil((budget - report.before.cost_usd) / REPLY_PRICE['gpt-4o-mini']!);
    expect(calls.ax).toBe(allowed);
    expect(report.optimizer_usage.calls).toBe(allowed);
    expect(report.after).toBeNull();
    expect(report.budget_reached).toBe(true);
    expect(report.spent_usd).toBeCloseTo(calls.cost, 9);
    expect(report.agents.map((a: { id: string }) => a.id)).toEqual(['alpha']);
    expect(field(r.stdout, 'AFTER')).toBe('not scored (budget reached)');
    expect(field(r.stdout, 'AGENT beta')).toBe('not tuned (budget reached)');
    expect(field(r.stdout, 'SPENT')).toBe(`$${calls.cost.toFixed(6)} of budget $${budget} (budget reached)`);
    const check = await runCli(['--validate', out], { cwd: home });
    expect(check.code, check.stdout + check.stderr).toBe(0);
  }, 150_000);

  it('stops on Ctrl-C while an agent is tuned: exit 4, nothing written, the call in flight cancelled and none after it', async () => {
    const { home, answers, dataset, config } = setup(12);
    let exit = () => {};
    const exited = new Promise<void>((resolve) => {
      exit = resolve;
    });
    let child: ChildProcess | undefined;
    let axCalls = 0;
    let massgenCalls = 0;
    const oracle = formatOracle({ answers, bareAnyway: BARE });
    fake.setScenario(async (req) => {
      if (!isAxRequest(req)) {
        massgenCalls++;
        return oracle(req);
      }
      // The first optimiser call is held until the process has exited: Ctrl-C arrives while it waits.
      if (axCalls++ === 0) {
        child?.kill('SIGINT');
        await exited;
      }
      return oracle(req);
    });
    const out = path.join(home, 'optimized.yaml');
    const running = runCli(
      [
        'optimize',
        '--config',
        config,
        '--dataset',
        dataset,
        '--metric',
        'exact',
        '--out',
        out,
        '--dir',
        path.join(home, 'opt'),
      ],
      { cwd: home, timeoutMs: 120_000, onSpawn: (c) => (child = c) },
    );
    const r = await running;
    exit();
    expect(r.code, r.stderr).toBe(4);
    expect(r.stderr).toContain('optimize: interrupted; nothing more is run');
    expect(r.stdout).toBe('');
    expect(existsSync(out)).toBe(false);
    // The held call is the only optimiser call: none was made after the signal.
    expect(axCalls).toBe(1);
    // The original config was scored on the 6 held-out tasks (2 answers, 2 votes, 1 presentation each).
    expect(massgenCalls).toBe(30);
  }, 150_000);

  it('names the problem of an unknown metric or a bad dataset line before anything runs', async () => {
    const { home, dataset, config } = setup(4);
    let requests = 0;
    fake.setScenario(() => {
      requests++;
      return { text: 'unused' };
    });
    const metric = await runCli(['optimize', '--config', config, '--dataset', dataset, '--metric', 'fuzzy'], {
      cwd: home,
    });
    expect(metric.code).toBe(1);
    expect(metric.stderr).toContain('--metric: unknown metric "fuzzy"');
    expect(metric.stderr).toContain('exact, normalized, numeric, choice, regex, contains');
    const bad = writeFile(
      home,
      'bad.jsonl',
      '{"id": "a", "question": "q", "answer": "1"}\n{"id": "b", "question": \n',
    );
    const line = await runCli(['optimize', '--config', config, '--dataset', bad, '--metric', 'exact'], {
      cwd: home,
    });
    expect(line.code).toBe(1);
    expect(line.stderr).toContain(bad);
    expect(line.stderr).toContain('line 2');
    expect(line.stderr).not.toContain('    at ');
    const external = writeFile(
      home,
      'claude-code.yaml',
      'agents:\n  - id: c\n    backend: { type: claude_code, model: claude-sonnet-4-5 }\n',
    );
    const refused = await runCli(
      ['optimize', '--config', external, '--dataset', dataset, '--metric', 'exact'],
      { cwd: home, env: { ANTHROPIC_API_KEY: 'k' } },
    );
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(
      'agent "c": massgen optimize cannot drive its backend "claude_code": it is an external agent, not a provider API',
    );
    expect(refused.stderr).toContain(`${external}: agents[0].backend.type`);
    expect(refused.stderr).not.toContain('    at ');
    expect(requests).toBe(0);
  });
});
