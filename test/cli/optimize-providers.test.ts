/**
 * `massgen optimize` on every provider API: claude (Anthropic Messages), gemini (generateContent)
 * and azure_openai agents are tuned through Ax's provider for their API, its requests sent to the
 * backend's `base_url` (the fake provider), and the optimised config scores higher on the held-out
 * split, with every request and its cost accounted for.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { splitTasks } from '../../src/optimize/split.js';
import { bareAnyway, formatOracle } from '../fake-provider/format-oracle.js';
import type { FakeRequest, Protocol } from '../fake-provider/scenario.js';
import { createFakeProvider, type FakeProvider } from '../fake-provider/server.js';
import { field, runCli, tempHome, writeFile } from '../support/cli.js';
import { arithmeticTasks, writeTasks } from '../support/eval-setup.js';
import { counted, isAxRequest } from '../support/optimize-setup.js';

let fake: FakeProvider;
beforeAll(async () => {
  fake = await createFakeProvider();
});
afterAll(async () => {
  await fake.close();
});

const BARE = 0.3;
const INSTRUCTION = 'You solve arithmetic tasks.';

interface Case {
  type: string;
  /** The Ax provider that drives it. */
  ax: string;
  model: string;
  baseUrl: () => string;
  protocol: Protocol;
  /** The path of Ax's requests at the fake provider. */
  axPath: string;
  /** The header carrying the key on Ax's requests. */
  keyHeader: string;
}

const CASES: Case[] = [
  {
    type: 'claude',
    ax: 'Anthropic',
    model: 'claude-haiku-4-5',
    baseUrl: () => fake.baseUrls.anthropic,
    protocol: 'anthropic',
    axPath: '/v1/messages',
    keyHeader: 'x-api-key',
  },
  {
    type: 'gemini',
    ax: 'Gemini',
    model: 'gemini-2.0-flash',
    baseUrl: () => fake.baseUrls.gemini,
    protocol: 'gemini',
    axPath: '/v1beta/models/gemini-2.0-flash:generateContent',
    keyHeader: 'x-goog-api-key',
  },
  {
    type: 'azure_openai',
    ax: 'Azure OpenAI',
    model: 'gpt-4o-mini',
    baseUrl: () => fake.url,
    protocol: 'chat',
    axPath: '/openai/deployments/gpt-4o-mini/chat/completions',
    keyHeader: 'api-key',
  },
];

function setup(c: Case) {
  const home = tempHome();
  const tasks = arithmeticTasks(12);
  const answers = Object.fromEntries(tasks.map((t) => [t.question, t.answer]));
  const dataset = writeTasks(home, tasks);
  const agents = ['alpha', 'beta'].map((id) =>
    [
      `  - id: "${id}"`,
      `    system_message: "${INSTRUCTION}"`,
      '    backend:',
      `      type: "${c.type}"`,
      `      model: "${c.model}"`,
      `      base_url: "${c.baseUrl()}"`,
      '      api_key: "test-key"',
    ].join('\n'),
  );
  const config = writeFile(home, `${c.type}.yaml`, `agents:\n${agents.join('\n')}\n`);
  return { home, tasks, answers, dataset, config };
}

describe('massgen optimize on every provider API (CLI against the format oracle)', () => {
  for (const c of CASES) {
    it(`${c.type}: bootstraps demonstrations through Ax's ${c.ax} provider; the held-out score rises to 6/6`, async () => {
      const { home, tasks, answers, dataset, config } = setup(c);
      const seen: FakeRequest[] = [];
      const { calls, wrapped } = counted(formatOracle({ answers, bareAnyway: BARE }));
      fake.setScenario((req) => {
        seen.push(req);
        return wrapped(req);
      });
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
          '--max-demos',
          '2',
          '--out',
          out,
          '--dir',
          dir,
        ],
        { cwd: home, timeoutMs: 120_000 },
      );
      expect(r.code, r.stderr).toBe(0);

      const split = splitTasks(tasks, 0.5, 3);
      const bareBefore = split.heldOut.filter((t) => bareAnyway(t.question, BARE)).length;
      expect(bareBefore).toBe(1);
      expect(field(r.stdout, 'BEFORE')).toMatch(/^0\.167 \(1\/6\) · tokens 3300 · \$/);
      expect(field(r.stdout, 'AFTER')).toMatch(/^1\.000 \(6\/6\) · tokens 3300 · \$/);
      expect(field(r.stdout, 'AGENT alpha')).toBe('2 demonstrations · train score 1.000');
      expect(field(r.stdout, 'AGENT beta')).toBe('2 demonstrations · train score 1.000');

      // Every request spoke the agents' API. Ax's went to the backend's URL with its key: 2 per agent
      // (one per demonstration); MassGen's scored 6 held-out tasks twice, 5 calls a task.
      expect(new Set(seen.map((q) => q.protocol))).toEqual(new Set([c.protocol]));
      const ax = seen.filter(isAxRequest);
      expect(calls.ax).toBe(4);
      expect(ax.map((q) => q.path)).toEqual(Array(4).fill(c.axPath));
      expect(ax.map((q) => q.headers[c.keyHeader])).toEqual(Array(4).fill('test-key'));
      expect(calls.massgen).toBe(60);

      // The spend is what the fake's replies cost: 110 tokens each, priced per model.
      const report = JSON.parse(readFileSync(path.join(dir, 'optimize.json'), 'utf8'));
      expect(report.before).toMatchObject({ correct: 1, tasks: 6, complete: true });
      expect(report.after).toMatchObject({ correct: 6, tasks: 6, accuracy: 1, complete: true });
      expect(report.optimizer_usage.calls).toBe(4);
      expect(report.optimizer_usage.tokens).toBe(440);
      expect(report.before.tokens + report.after.tokens).toBe(110 * 60);
      expect(calls.cost).toBeGreaterThan(0);
      expect(report.spent_usd).toBeCloseTo(calls.cost, 9);

      // The written config validates and keeps each agent's backend.
      const check = await runCli(['--validate', out], { cwd: home });
      expect(check.code, check.stdout + check.stderr).toBe(0);
      for (const agent of parse(readFileSync(out, 'utf8')).agents) {
        expect(agent.backend).toMatchObject({ type: c.type, model: c.model, api_key: 'test-key' });
        const shown = [...String(agent.system_message).matchAll(/Question: ([^\n]+)\nAnswer: ([^\n]+)/g)];
        expect(
          shown.map(([, q, a]) => a === answers[q!] && split.train.some((t) => t.question === q)),
        ).toEqual([true, true]);
      }
    }, 150_000);
  }

  it('claude: GEPA rewrites the instruction by reflection on the agent’s own Anthropic model', async () => {
    const c = CASES[0]!;
    const { home, tasks, answers, dataset, config } = setup(c);
    const seen: FakeRequest[] = [];
    const { calls, wrapped } = counted(formatOracle({ answers, bareAnyway: BARE }));
    fake.setScenario((req) => {
      seen.push(req);
      return wrapped(req);
    });
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
    expect(new Set(seen.map((q) => `${q.protocol} ${q.path}`))).toEqual(new Set(['anthropic /v1/messages']));
    const report = JSON.parse(readFileSync(path.join(dir, 'optimize.json'), 'utf8'));
    expect(report.optimizer_usage.calls).toBe(calls.ax);
    expect(report.optimizer_usage.tokens).toBe(110 * calls.ax);
    expect(calls.massgen).toBe(60);
    expect(report.spent_usd).toBeCloseTo(calls.cost, 9);
    for (const agent of parse(readFileSync(out, 'utf8')).agents)
      expect(agent.system_message).toMatch(/^State the result alone, as in this example\.\nQuestion: /);
  }, 150_000);
});
