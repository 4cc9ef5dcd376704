import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { noisyOracle, oracleCorrect } from '../fake-provider/noisy-oracle.js';
import type { FakeRequest, Scenario } from '../fake-provider/scenario.js';
import { createFakeProvider, type FakeProvider } from '../fake-provider/server.js';
import { runCli, tempHome, writeFile } from '../support/cli.js';
import { arithmeticTasks, oracleConfig, readLines, writeTasks } from '../support/eval-setup.js';

const tasks = arithmeticTasks(20);
const accuracy = { 'gpt-4o-mini': 0.4, 'gpt-5-mini': 0.85 };
const JUDGE = 'gpt-4.1';

/** The judge: CORRECT when the graded answer states a reference answer. */
function judgeReply(req: FakeRequest) {
  const text = req.lastUserText;
  const refs = [...(/REFERENCE ANSWERS:\n([\s\S]*?)\n\n/.exec(text)?.[1] ?? '').matchAll(/^- (.*)$/gm)].map(
    (m) => m[1],
  );
  const answer = /ANSWER:\n([\s\S]*?)\n\nReply with/.exec(text)?.[1] ?? '';
  const ok = refs.some((r) => answer.includes(`the answer is ${r}`));
  return {
    text: `Checked.\nVERDICT: ${ok ? 'CORRECT' : 'INCORRECT'}`,
    usage: { inputTokens: 200, outputTokens: 10 },
  };
}

let fake: FakeProvider;
beforeAll(async () => {
  const oracle = noisyOracle({
    answers: Object.fromEntries(tasks.map((t) => [t.question, t.answer])),
    accuracy,
  });
  const scenario: Scenario = (req) => (req.model === JUDGE ? judgeReply(req) : oracle(req));
  fake = await createFakeProvider({ scenario });
});
afterAll(async () => {
  await fake.close();
});

describe('massgen eval compare, several configs, judge', () => {
  it('compares two evaluations paired per task: accuracy delta and the tasks that flipped', async () => {
    const home = tempHome();
    const dataset = writeTasks(home, tasks);
    const weak = writeFile(home, 'weak.yaml', oracleConfig(fake, [['a', 'gpt-4o-mini']]));
    const strong = writeFile(home, 'strong.yaml', oracleConfig(fake, [['a', 'gpt-5-mini']]));
    const run = (config: string, out: string) =>
      runCli(
        [
          'eval',
          '--config',
          config,
          '--dataset',
          dataset,
          '--baselines',
          'none',
          '--out',
          path.join(home, out),
        ],
        { cwd: home, timeoutMs: 60_000 },
      );
    expect((await run(weak, 'weak')).code).toBe(0);
    expect((await run(strong, 'strong')).code).toBe(0);
    const r = await runCli(['eval', 'compare', path.join(home, 'weak'), path.join(home, 'strong')], {
      cwd: home,
    });
    expect(r.code, r.stderr).toBe(0);
    const right = (model: 'gpt-4o-mini' | 'gpt-5-mini') =>
      tasks.filter((t) => oracleCorrect(t.question, model, accuracy[model]));
    const before = new Set(right('gpt-4o-mini').map((t) => t.id));
    const after = new Set(right('gpt-5-mini').map((t) => t.id));
    const gained = tasks.filter((t) => !before.has(t.id) && after.has(t.id)).map((t) => t.id);
    const lost = tasks.filter((t) => before.has(t.id) && !after.has(t.id)).map((t) => t.id);
    const pct = (n: number) => `${((n / 20) * 100).toFixed(1)}%`;
    const delta = ((after.size - before.size) / 20) * 100;
    expect(r.stdout).toBe(
      `massgen: ${pct(before.size)} → ${pct(after.size)} (${delta > 0 ? '+' : ''}${delta.toFixed(1)} points) on 20 paired tasks\n` +
        `  gained (${gained.length}): ${gained.join(', ') || '-'}\n  lost (${lost.length}): ${lost.join(', ') || '-'}\n`,
    );
    expect(gained.length).toBeGreaterThan(0);
    const json = JSON.parse(
      (
        await runCli(['eval', 'compare', path.join(home, 'weak'), path.join(home, 'strong'), '--json'], {
          cwd: home,
        })
      ).stdout,
    );
    expect(json[0]).toMatchObject({ before: 'massgen', after: 'massgen', paired: 20, gained, lost });
  }, 90_000);

  it('several configs are named massgen:<config name>; baselines come from the first', async () => {
    const home = tempHome();
    const dataset = writeTasks(home, tasks.slice(0, 4));
    // --limit 3: the first three tasks.
    const weak = writeFile(home, 'weak.yaml', oracleConfig(fake, [['a', 'gpt-4o-mini']]));
    const strong = writeFile(home, 'strong.yml', oracleConfig(fake, [['b', 'gpt-5-mini']]));
    const out = path.join(home, 'out');
    const r = await runCli(
      [
        'eval',
        '--config',
        weak,
        '--config',
        strong,
        '--dataset',
        dataset,
        '--baselines',
        'single',
        '--limit',
        '3',
        '--out',
        out,
      ],
      { cwd: home, timeoutMs: 60_000 },
    );
    expect(r.code, r.stderr).toBe(0);
    const summary = JSON.parse(readFileSync(path.join(out, 'summary.json'), 'utf8'));
    expect(summary.systems.map((s: { name: string }) => s.name)).toEqual([
      'massgen:weak',
      'massgen:strong',
      'single:a',
    ]);
    expect(summary.systems.map((s: { tasks: number }) => s.tasks)).toEqual([3, 3, 3]);
  }, 60_000);

  it('self-moa alone: the singles it is built on run and are reported; it samples the best of them', async () => {
    const home = tempHome();
    const dataset = writeTasks(home, tasks.slice(0, 6));
    const duo = writeFile(
      home,
      'duo.yaml',
      oracleConfig(fake, [
        ['weak', 'gpt-4o-mini'],
        ['strong', 'gpt-5-mini'],
      ]),
    );
    const out = path.join(home, 'out');
    const r = await runCli(
      ['eval', '--config', duo, '--dataset', dataset, '--baselines', 'self-moa', '--out', out],
      {
        cwd: home,
        timeoutMs: 60_000,
      },
    );
    expect(r.code, r.stderr).toBe(0);
    const summary = JSON.parse(readFileSync(path.join(out, 'summary.json'), 'utf8'));
    expect(summary.systems.map((s: { name: string }) => s.name)).toEqual([
      'massgen',
      'single:weak',
      'single:strong',
      'self-moa',
    ]);
    const six = tasks.slice(0, 6);
    const acc = (model: 'gpt-4o-mini' | 'gpt-5-mini') =>
      six.filter((t) => oracleCorrect(t.question, model, accuracy[model])).length / 6;
    const best = acc('gpt-5-mini') > acc('gpt-4o-mini') ? 'strong' : 'weak';
    const lines = readLines(out).filter((l) => l.system === 'self-moa');
    expect(lines).toHaveLength(6);
    for (const l of lines) expect(l.agents).toEqual([best]);
    // Two copies of the best agent: each self-moa run asks only its model.
    const selfMoaLog = readFileSync(path.join(lines[0]!.log_dir as string, 'events.jsonl'), 'utf8');
    expect(selfMoaLog).toContain(`"${best}_s1"`);
    expect(selfMoaLog).toContain(`"${best}_s2"`);
    const resumed = await runCli(['eval', '--resume', out], { cwd: home, timeoutMs: 60_000 });
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(readLines(out)).toHaveLength(24);
  }, 90_000);

  it('scoring judge: the judge config grades each answer; without --judge it is an error naming the line', async () => {
    const home = tempHome();
    const judged = tasks.slice(0, 6).map((t) => ({ ...t, scoring: 'judge' }));
    const dataset = writeFile(home, 'judged.jsonl', judged.map((t) => `${JSON.stringify(t)}\n`).join(''));
    const config = writeFile(home, 'one.yaml', oracleConfig(fake, [['a', 'gpt-4o-mini']]));
    const judge = writeFile(home, 'judge.yaml', oracleConfig(fake, [['judge', JUDGE]]));
    const out = path.join(home, 'out');
    const missing = await runCli(['eval', '--config', config, '--dataset', dataset, '--out', out], {
      cwd: home,
    });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain(`${dataset}: line 1: scoring "judge" needs a judge model`);
    const r = await runCli(
      [
        'eval',
        '--config',
        config,
        '--dataset',
        dataset,
        '--baselines',
        'none',
        '--judge',
        judge,
        '--rubric',
        'Same number.',
        '--out',
        out,
      ],
      { cwd: home, timeoutMs: 60_000 },
    );
    expect(r.code, r.stderr).toBe(0);
    const lines = readLines(out);
    const want = Object.fromEntries(
      judged.map((t) => [t.id, oracleCorrect(t.question, 'gpt-4o-mini', 0.4) ? 1 : 0]),
    );
    expect(Object.fromEntries(lines.map((l) => [l.task, l.score]))).toEqual(want);
    for (const l of lines) expect(l.judge_cost_usd).toBeGreaterThan(0);
    const asked = fake.requests.filter((q) => q.model === JUDGE).map((q) => q.lastUserText);
    expect(asked).toHaveLength(6);
    expect(asked[0]).toContain('RUBRIC:\nSame number.');
  }, 60_000);
});
