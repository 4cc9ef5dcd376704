import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { noisyOracle, oracleAnswer, oracleCorrect } from '../fake-provider/noisy-oracle.js';
import { createFakeProvider, type FakeProvider } from '../fake-provider/server.js';
import { field, runCli, tempHome, writeFile } from '../support/cli.js';
import {
  arithmeticTasks,
  ORACLE_AGENTS,
  oracleConfig,
  readLines,
  writeTasks,
} from '../support/eval-setup.js';

let fake: FakeProvider;
beforeAll(async () => {
  fake = await createFakeProvider();
});
afterAll(async () => {
  await fake.close();
});

const P = 0.6;
const accuracy = Object.fromEntries(ORACLE_AGENTS.map(([, model]) => [model, P]));

/** Accuracy of each system as the oracle decides it, computed here from the oracle's rule. */
function expected(tasks: ReturnType<typeof arithmeticTasks>) {
  const n = tasks.length;
  const single = ORACLE_AGENTS.map(([id, model]) => ({
    id,
    acc: tasks.filter((t) => oracleCorrect(t.question, model, P)).length / n,
  }));
  let majority = 0;
  for (const t of tasks) {
    const values = ORACLE_AGENTS.map(([, model]) => oracleAnswer(t.question, t.answer, model, P));
    const counts = values.map((v) => values.filter((w) => w === v).length);
    const top = values[counts.indexOf(Math.max(...counts))];
    if (top === t.answer) majority++;
  }
  const best = single.reduce((b, s) => (s.acc > b.acc ? s : b));
  return { single, majority: majority / n, best };
}

describe('massgen eval (CLI against the noisy oracle)', () => {
  it('reports exactly the accuracies the oracle implies, and majority voting beats every single agent', async () => {
    fake.setScenario(
      noisyOracle({
        answers: Object.fromEntries(arithmeticTasks(40).map((t) => [t.question, t.answer])),
        accuracy,
      }),
    );
    const home = tempHome();
    const tasks = arithmeticTasks(40);
    const dataset = writeTasks(home, tasks);
    const config = writeFile(home, 'trio.yaml', oracleConfig(fake));
    const out = path.join(home, 'out');
    const r = await runCli(
      [
        'eval',
        '--config',
        config,
        '--dataset',
        dataset,
        '--baselines',
        'single,majority,self-moa',
        '--concurrency',
        '6',
        '--out',
        out,
      ],
      { cwd: home, timeoutMs: 120_000 },
    );
    expect(r.code, r.stderr).toBe(0);
    const summary = JSON.parse(readFileSync(path.join(out, 'summary.json'), 'utf8'));
    const byName = Object.fromEntries(summary.systems.map((s: { name: string }) => [s.name, s]));
    const want = expected(tasks);
    expect(summary.systems.map((s: { name: string }) => s.name)).toEqual([
      'massgen',
      'single:mini',
      'single:four',
      'single:nano',
      'majority',
      'self-moa',
    ]);
    for (const s of want.single) expect(byName[`single:${s.id}`].accuracy).toBeCloseTo(s.acc, 6);
    expect(byName.majority.accuracy).toBeCloseTo(want.majority, 6);
    expect(byName.massgen.accuracy).toBeCloseTo(want.majority, 6);
    expect(byName['self-moa'].accuracy).toBeCloseTo(want.best.acc, 6);
    expect(want.majority).toBeGreaterThan(want.best.acc);
    for (const s of summary.systems) {
      expect(s.tasks).toBe(40);
      expect(s.ci95[0]).toBeLessThanOrEqual(s.accuracy);
      expect(s.ci95[1]).toBeGreaterThanOrEqual(s.accuracy);
    }
    // Every task × system once; majority costs what the singles cost.
    const lines = readLines(out);
    expect(lines).toHaveLength(40 * 6);
    expect(new Set(lines.map((l) => `${l.task}/${l.system}`)).size).toBe(240);
    const t1 = lines.filter((l) => l.task === 't001');
    const singlesCost = t1
      .filter((l) => l.system.startsWith('single:'))
      .reduce((s, l) => s + (l.cost_usd as number), 0);
    expect(t1.find((l) => l.system === 'majority')!.cost_usd).toBeCloseTo(singlesCost, 8);
    // The evaluation's spend counts each run once (majority reuses the singles' runs).
    const runsCost = lines
      .filter((l) => l.system !== 'majority')
      .reduce((s, l) => s + (l.cost_usd as number), 0);
    expect(summary.cost_usd).toBeCloseTo(runsCost, 7);
    const selfMoa = lines.find((l) => l.system === 'self-moa')!;
    expect(selfMoa.agents).toEqual([want.best.id]);
    const single = lines.find((l) => l.system === 'single:mini')!;
    expect(existsSync(path.join(single.log_dir as string, 'events.jsonl'))).toBe(true);
    // The table, the report, and a progress line per result on a non-terminal stderr.
    expect(r.stdout).toMatch(/^majority\s+\d+\.\d%/m);
    expect(field(r.stdout, 'REPORT')).toBe(path.join(out, 'report.html'));
    const html = readFileSync(path.join(out, 'report.html'), 'utf8');
    expect(html).toContain('<svg');
    expect(html).toContain('Accuracy vs cost per task');
    expect(html).not.toContain('test-key');
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain('<a href="logs/single-mini/t001/turn_1/">log</a>');
    expect(html).toContain(`<h3>${config}</h3>`);
    expect(html).toMatch(/massgen \d+\.\d+\.\d+ · commit ([0-9a-f]{40}|unknown \(not a git checkout\))</);
    const progress = r.stderr.split('\n').filter((l) => l.startsWith('eval: '));
    expect(progress).toHaveLength(240);
    expect(progress.at(-1)).toMatch(
      /^eval: 240\/240 done · accuracy massgen \d\.\d\d, .* · spent \$\d+\.\d{4} · ETA 0s$/,
    );
  }, 150_000);

  it('rejects a bad dataset before anything runs, naming the file and each bad line', async () => {
    const home = tempHome();
    const dataset = writeFile(
      home,
      'bad.jsonl',
      [
        '{"id": "a", "question": "2+2?", "answer": "4"}',
        '{"id": "b", "question": "no answer here"}',
        '{not json',
        '{"id": "d", "answer": "4"}',
        '{"id": "e", "question": "x", "answer": "y", "scoring": "fuzzy"}',
        '',
      ].join('\n'),
    );
    const config = writeFile(home, 'trio.yaml', oracleConfig(fake));
    const before = fake.requests.length;
    const r = await runCli(
      ['eval', '--config', config, '--dataset', dataset, '--out', path.join(home, 'out')],
      { cwd: home },
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`error: the dataset ${dataset} has 4 bad lines; nothing was run`);
    expect(r.stderr).toContain(`${dataset}: line 2: the task has no reference answer`);
    expect(r.stderr).toMatch(
      new RegExp(`${dataset.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}: line 3: malformed JSON`),
    );
    expect(r.stderr).toContain(`${dataset}: line 4: the task has no question`);
    expect(r.stderr).toContain(`${dataset}: line 5: unknown scoring "fuzzy"`);
    expect(r.stderr).not.toContain('    at ');
    expect(fake.requests.length).toBe(before);
    expect(existsSync(path.join(home, 'out'))).toBe(false);
  });

  it('a missing API key or a bad flag stops the evaluation before anything runs', async () => {
    const home = tempHome();
    const dataset = writeTasks(home, arithmeticTasks(2));
    const config = writeFile(
      home,
      'keyless.yaml',
      'agents:\n  - id: a\n    backend:\n      type: openai\n      model: gpt-4o-mini\n',
    );
    const out = path.join(home, 'out');
    const keyless = await runCli(['eval', '--config', config, '--dataset', dataset, '--out', out], {
      cwd: home,
    });
    expect(keyless.code).toBe(1);
    expect(keyless.stderr).toBe(
      'error: Agent "a" (backend openai) needs an API key: set OPENAI_API_KEY in the environment, in ./.env or in ~/.massgen/.env, or give backend.api_key in the config.\n',
    );
    const badFlag = await runCli(
      ['eval', '--config', config, '--dataset', dataset, '--baselines', 'single,best'],
      { cwd: home },
    );
    expect(badFlag.code).toBe(1);
    expect(badFlag.stderr).toContain('error: --baselines: unknown baseline "best"');
    expect(badFlag.stderr).toContain(
      'fix: use a comma-separated list of single, majority, self-moa (or none)',
    );
    expect(existsSync(out)).toBe(false);
  });
});
