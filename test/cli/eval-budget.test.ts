import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { noisyOracle } from '../fake-provider/noisy-oracle.js';
import { createFakeProvider, type FakeProvider } from '../fake-provider/server.js';
import { field, runCli, tempHome, writeFile } from '../support/cli.js';
import { arithmeticTasks, oracleConfig, readLines, writeTasks } from '../support/eval-setup.js';

let fake: FakeProvider;
const tasks = arithmeticTasks(8);
beforeAll(async () => {
  fake = await createFakeProvider({
    scenario: noisyOracle({
      answers: Object.fromEntries(tasks.map((t) => [t.question, t.answer])),
      accuracy: {},
      defaultAccuracy: 0.5,
    }),
  });
});
afterAll(async () => {
  await fake.close();
});

describe('massgen eval --max-cost and --cache', () => {
  it('--max-cost stops scheduling once the spend reaches it, and reports what it has', async () => {
    const home = tempHome();
    const dataset = writeTasks(home, tasks);
    // One agent: each run is one answer, one vote and the presentation (3 calls of 100 in, 20 out).
    const config = writeFile(home, 'one.yaml', oracleConfig(fake, [['mini', 'gpt-4o-mini']]));
    const out = path.join(home, 'out');
    const first = fake.requests.length;
    const perRun = 3 * (100 * 0.15 + 20 * 0.6) * 1e-6;
    const r = await runCli(
      [
        'eval',
        '--config',
        config,
        '--dataset',
        dataset,
        '--baselines',
        'none',
        '--concurrency',
        '1',
        '--max-cost',
        String(perRun * 2.5),
        '--out',
        out,
      ],
      { cwd: home, timeoutMs: 60_000 },
    );
    expect(r.code, r.stderr).toBe(0);
    const lines = readLines(out);
    expect(lines).toHaveLength(3);
    for (const l of lines) expect(l.cost_usd).toBeCloseTo(perRun, 10);
    expect(fake.requests.length - first).toBe(9);
    expect(r.stdout).toContain(
      `STOPPED: --max-cost $${perRun * 2.5} reached (spent $0.0002); finish it with --resume DIR --max-cost <more>`,
    );
    const summary = JSON.parse(readFileSync(path.join(out, 'summary.json'), 'utf8'));
    expect(summary).toMatchObject({ tasks: 8, complete: false, stopped: 'budget' });
    expect(summary.systems[0]).toMatchObject({ name: 'massgen', tasks: 3 });
    expect(summary.cost_usd).toBeCloseTo(perRun * 3, 10);

    // The settings stay; a higher budget finishes it.
    const fixed = await runCli(['eval', '--resume', out, '--dataset', dataset], { cwd: home });
    expect(fixed.code).toBe(1);
    expect(fixed.stderr).toContain(
      'error: --dataset: --resume continues the evaluation with its own settings; --dataset cannot change',
    );
    const more = await runCli(['eval', '--resume', out, '--max-cost', '1'], { cwd: home, timeoutMs: 60_000 });
    expect(more.code, more.stderr).toBe(0);
    expect(readLines(out)).toHaveLength(8);
    expect(fake.requests.length - first).toBe(24);
    const done = JSON.parse(readFileSync(path.join(out, 'summary.json'), 'utf8'));
    expect(done).toMatchObject({ tasks: 8, complete: true });
    expect(done.stopped).toBeUndefined();
    expect(JSON.parse(readFileSync(path.join(out, 'eval.json'), 'utf8')).max_cost_usd).toBe(1);
  });

  it('--provider-limit caps the concurrent requests to a backend type', async () => {
    let inFlight = 0;
    let peak = 0;
    const answers = Object.fromEntries(tasks.map((t) => [t.question, t.answer]));
    const oracle = noisyOracle({ answers, accuracy: {}, defaultAccuracy: 0.5 });
    fake.setScenario(async (req) => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 30));
      inFlight--;
      return oracle(req);
    });
    const home = tempHome();
    const dataset = writeTasks(home, tasks);
    const config = writeFile(home, 'trio.yaml', oracleConfig(fake));
    const r = await runCli(
      [
        'eval',
        '--config',
        config,
        '--dataset',
        dataset,
        '--concurrency',
        '6',
        '--provider-limit',
        'openai=2',
        '--out',
        path.join(home, 'out'),
      ],
      { cwd: home, timeoutMs: 90_000 },
    );
    fake.setScenario(oracle);
    expect(r.code, r.stderr).toBe(0);
    expect(peak).toBe(2);
    expect(readLines(path.join(home, 'out'))).toHaveLength(8 * 5);
  }, 100_000);

  it('--cache answers a rerun of the same evaluation from disk: no request reaches the provider', async () => {
    const home = tempHome();
    const dataset = writeTasks(home, tasks);
    const config = writeFile(home, 'one.yaml', oracleConfig(fake, [['mini', 'gpt-4o-mini']]));
    const out = path.join(home, 'out');
    const args = [
      'eval',
      '--config',
      config,
      '--dataset',
      dataset,
      '--baselines',
      'single',
      '--cache',
      '--out',
      out,
    ];
    const first = fake.requests.length;
    const cold = await runCli(args, { cwd: home, timeoutMs: 60_000 });
    expect(cold.code, cold.stderr).toBe(0);
    // 8 tasks × (3 calls of the MassGen run + 1 call of the single).
    expect(fake.requests.length - first).toBe(32);
    expect(field(cold.stdout, 'CACHE')).toBe('0 hits, 32 misses');
    const coldSummary = readFileSync(path.join(out, 'summary.json'), 'utf8');

    const warm = await runCli(args, { cwd: home, timeoutMs: 60_000 });
    expect(warm.code, warm.stderr).toBe(0);
    expect(fake.requests.length - first).toBe(32);
    expect(field(warm.stdout, 'CACHE')).toBe('32 hits, 0 misses');
    expect(warm.stderr).toContain(
      `eval: starting over in ${out} (its earlier results are replaced; a response cache is kept)`,
    );
    const strip = (s: string) =>
      JSON.parse(s).systems.map((x: { name: string; accuracy: number; tokens: number; cost_usd: number }) => [
        x.name,
        x.accuracy,
        x.tokens,
        x.cost_usd,
      ]);
    expect(strip(readFileSync(path.join(out, 'summary.json'), 'utf8'))).toEqual(strip(coldSummary));
    expect(readLines(out)).toHaveLength(16);
  });
});
