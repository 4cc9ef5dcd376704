import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatOracle } from '../fake-provider/format-oracle.js';
import { createFakeProvider, type FakeProvider } from '../fake-provider/server.js';
import { runCli, tempHome, writeFile } from '../support/cli.js';
import { arithmeticTasks, writeTasks } from '../support/eval-setup.js';

let fake: FakeProvider;
beforeAll(async () => { fake = await createFakeProvider(); });
afterAll(async () => { await fake.close(); });

describe('probe', () => {
  for (const [type, model, url] of [
    ['claude', 'claude-haiku-4-5', () => fake.baseUrls.anthropic],
    ['gemini', 'gemini-2.0-flash', () => fake.baseUrls.gemini],
    ['azure_openai', 'gpt-4o-mini', () => fake.url],
  ] as const)
  it(type, async () => {
    const home = tempHome();
    const tasks = arithmeticTasks(12);
    const answers = Object.fromEntries(tasks.map((t) => [t.question, t.answer]));
    const dataset = writeTasks(home, tasks);
    const agents = ['alpha', 'beta'].map((id) => `  - id: "${id}"\n    system_message: "You solve arithmetic tasks."\n    backend:\n      type: "${type}"\n      model: "${model}"\n      base_url: "${url()}"\n      api_key: "test-key"\n`).join('');
    const config = writeFile(home, 'c.yaml', `agents:\n${agents}`);
    const oracle = formatOracle({ answers, bareAnyway: 0.3 });
    const seen: string[] = [];
    fake.setScenario((req) => { seen.push(`${req.protocol} ${req.path} ${req.system.includes('<output_fields>') ? 'ax' : 'mg'}`); return oracle(req); });
    const r = await runCli(['optimize', '--config', config, '--dataset', dataset, '--metric', 'exact', '--seed', '3', '--max-demos', '2', '--dir', path.join(home, 'opt')], { cwd: home, timeoutMs: 120_000 });
    console.log(type, r.code, r.stdout, r.stderr.slice(0, 3000), [...new Set(seen)]);
  }, 150_000);
});
