import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { noisyOracle, requestQuestion } from '../fake-provider/noisy-oracle.js';
import { createFakeProvider, type FakeProvider } from '../fake-provider/server.js';
import { runCli, tempHome, writeFile } from '../support/cli.js';
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

/** The complete lines of a results file that may end in a line cut short. */
function completeLines(out: string): Array<{ task: string; system: string }> {
  const text = readFileSync(path.join(out, 'results.jsonl'), 'utf8');
  return text
    .slice(0, text.lastIndexOf('\n') + 1)
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l));
}

describe('massgen eval --resume after SIGKILL', () => {
  it('runs only what is missing: no task × system twice, none lost', async () => {
    const tasks = arithmeticTasks(12);
    fake.setScenario(
      noisyOracle({
        answers: Object.fromEntries(tasks.map((t) => [t.question, t.answer])),
        accuracy: {},
        defaultAccuracy: 0.6,
        latencyMs: 120,
      }),
    );
    const home = tempHome();
    const dataset = writeTasks(home, tasks);
    const config = writeFile(home, 'trio.yaml', oracleConfig(fake));
    const out = path.join(home, 'out');
    const args = ['eval', '--config', config, '--dataset', dataset, '--baselines', 'single,majority'];
    const killed = await runCli([...args, '--concurrency', '3', '--out', out], {
      cwd: home,
      timeoutMs: 60_000,
      onSpawn: (child) => {
        vi.waitFor(
          () => {
            const file = path.join(out, 'results.jsonl');
            if (!existsSync(file) || completeLines(out).length < 12) throw new Error('not yet');
          },
          { timeout: 50_000, interval: 20 },
        ).then(() => child.kill('SIGKILL'));
      },
    });
    expect(killed.code).toBe(null);
    const before = completeLines(out);
    const doneBefore = new Set(before.map((l) => `${l.task}/${l.system}`));
    expect(doneBefore.size).toBe(before.length);
    expect(before.length).toBeLessThan(60);
    const firstResumeRequest = fake.requests.length;

    const resumed = await runCli(['eval', '--resume', out], { cwd: home, timeoutMs: 90_000 });
    expect(resumed.code, resumed.stderr).toBe(0);
    const after = readLines(out);
    const keys = after.map((l) => `${l.task}/${l.system}`);
    expect(keys).toHaveLength(60);
    expect(new Set(keys).size).toBe(60);
    expect(after.slice(0, before.length)).toEqual(before);

    // The single runs (one call, no workflow tools, no answers shown) made while resuming: exactly
    // those missing before, each once.
    const singleRuns = new Map<string, number>();
    for (const req of fake.requests.slice(firstResumeRequest)) {
      if (req.tools.length > 0 || /<agent\d+>/.test(req.messages.map((m) => m.text).join('\n'))) continue;
      const task = tasks.find((t) => t.question === requestQuestion(req))!.id;
      const agent = ORACLE_AGENTS.find(([, model]) => model === req.model)![0];
      const key = `${task}/single:${agent}`;
      singleRuns.set(key, (singleRuns.get(key) ?? 0) + 1);
    }
    const missingSingles = tasks
      .flatMap((t) => ORACLE_AGENTS.map(([id]) => `${t.id}/single:${id}`))
      .filter((k) => !doneBefore.has(k));
    expect([...singleRuns.keys()].sort()).toEqual(missingSingles.sort());
    expect([...singleRuns.values()].every((n) => n === 1)).toBe(true);
    // A task every system had finished got no request at all.
    const finished = tasks.filter((t) =>
      ['massgen', 'single:mini', 'single:four', 'single:nano', 'majority'].every((s) =>
        doneBefore.has(`${t.id}/${s}`),
      ),
    );
    expect(finished.length).toBeGreaterThan(0);
    const asked = new Set(fake.requests.slice(firstResumeRequest).map((r) => requestQuestion(r)));
    for (const t of finished) expect(asked.has(t.question)).toBe(false);
    // A run finished before the kill was never started again: its run folder has one turn.
    for (const l of before.filter((x) => x.system !== 'majority')) {
      const runDir = path.join(out, 'logs', l.system.replace(/[^A-Za-z0-9._-]+/g, '-'), l.task);
      expect(readdirSync(runDir)).toEqual(['turn_1']);
    }
    const summary = JSON.parse(readFileSync(path.join(out, 'summary.json'), 'utf8'));
    expect(summary.complete).toBe(true);
    expect(summary.systems.map((s: { tasks: number }) => s.tasks)).toEqual([12, 12, 12, 12, 12]);
  }, 150_000);

  it('Ctrl-C stops scheduling, keeps every result given, writes the summary and exits 4', async () => {
    const tasks = arithmeticTasks(10);
    fake.setScenario(
      noisyOracle({
        answers: Object.fromEntries(tasks.map((t) => [t.question, t.answer])),
        accuracy: {},
        latencyMs: 100,
      }),
    );
    const home = tempHome();
    const dataset = writeTasks(home, tasks);
    const config = writeFile(home, 'trio.yaml', oracleConfig(fake));
    const out = path.join(home, 'out');
    const r = await runCli(
      ['eval', '--config', config, '--dataset', dataset, '--concurrency', '2', '--out', out],
      {
        cwd: home,
        timeoutMs: 60_000,
        onSpawn: (child) => {
          vi.waitFor(
            () => {
              if (!existsSync(path.join(out, 'results.jsonl')) || completeLines(out).length < 4)
                throw new Error('not yet');
            },
            { timeout: 50_000, interval: 20 },
          ).then(() => child.kill('SIGINT'));
        },
      },
    );
    expect(r.code, r.stderr).toBe(4);
    expect(r.stdout).toContain('STOPPED: interrupted; resume with --resume to finish');
    const lines = readLines(out);
    expect(lines.length).toBeLessThan(50);
    expect(lines.every((l) => l.status === 'completed')).toBe(true);
    const summary = JSON.parse(readFileSync(path.join(out, 'summary.json'), 'utf8'));
    expect(summary).toMatchObject({ complete: false, stopped: 'interrupted' });
    const resumed = await runCli(['eval', '--resume', out], { cwd: home, timeoutMs: 60_000 });
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(new Set(readLines(out).map((l) => `${l.task}/${l.system}`)).size).toBe(50);
    expect(readLines(out)).toHaveLength(50);
  }, 120_000);

  it('--resume of a folder without an evaluation is a config error', async () => {
    const home = tempHome();
    const r = await runCli(['eval', '--resume', path.join(home, 'nothing')], { cwd: home });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      `error: --resume ${path.join(home, 'nothing')}: no evaluation there (eval.json is missing)`,
    );
  });
});
