/**
 * Eval throughput: `massgen eval` keeps the provider busy and its memory flat in the number of tasks.
 *
 *   node --import tsx bench/eval-throughput.ts [--tasks 200] [--agents 3] [--concurrency 16] [--latency MS]
 *
 * Against the fake provider (the noisy oracle, a fixed first-byte latency per call), first times one
 * MassGen run alone (the mean run time of 4 tasks at concurrency 1), then evaluates `--tasks` tasks
 * at `--concurrency` and prints the wall time against the ideal `tasks × run time / concurrency`,
 * and the peak RSS of the eval process (read from /proc every 50 ms) for a quarter of the tasks and
 * for all of them.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { noisyOracle } from '../test/fake-provider/noisy-oracle.js';
import { createFakeProvider } from '../test/fake-provider/server.js';
import { arithmeticTasks } from '../test/support/eval-setup.js';
import { arg, CLI } from './support.js';

const taskCount = Number(arg('tasks', '200'));
const agentCount = Number(arg('agents', '3'));
const concurrency = Number(arg('concurrency', '16'));
const latency = Number(arg('latency', '300'));

const tasks = arithmeticTasks(taskCount);
const fake = await createFakeProvider({
  scenario: noisyOracle({
    answers: Object.fromEntries(tasks.map((t) => [t.question, t.answer])),
    accuracy: {},
    defaultAccuracy: 0.7,
    latencyMs: latency,
  }),
});
const agents = Array.from({ length: agentCount }, (_, i) =>
  [
    `  - id: agent_${i + 1}`,
    '    backend:',
    '      type: chatcompletion',
    `      model: model-${i + 1}`,
    `      base_url: ${fake.baseUrls.chat}`,
    '      api_key: k',
  ].join('\n'),
);

function peakRss(pid: number): number {
  try {
    return Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
  } catch {
    return 0;
  }
}

/** Runs one evaluation of the first `n` tasks; its wall time, peak RSS and mean run time. */
async function evaluate(n: number, parallel: number) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'massgen-bench-eval-'));
  writeFileSync(path.join(dir, 'config.yaml'), `agents:\n${agents.join('\n')}\n`);
  writeFileSync(
    path.join(dir, 'tasks.jsonl'),
    tasks
      .slice(0, n)
      .map((t) => `${JSON.stringify(t)}\n`)
      .join(''),
  );
  const out = path.join(dir, 'out');
  const args = ['eval', '--config', 'config.yaml', '--dataset', 'tasks.jsonl', '--baselines', 'none'];
  const requests = fake.requests.length;
  const start = performance.now();
  const child = spawn(process.execPath, [CLI, ...args, '--concurrency', String(parallel), '--out', out], {
    cwd: dir,
    stdio: ['ignore', 'ignore', 'ignore'],
    env: { ...process.env, HOME: dir },
  });
  let rss = 0;
  const timer = setInterval(() => {
    rss = Math.max(rss, peakRss(child.pid!));
  }, 50);
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  clearInterval(timer);
  const wallS = (performance.now() - start) / 1000;
  if (code !== 0) throw new Error(`massgen eval exited ${code}`);
  const lines = readFileSync(path.join(out, 'results.jsonl'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l));
  const meanRunS = lines.reduce((s, l) => s + l.wall_s, 0) / lines.length;
  return { wallS, rssMb: rss, meanRunS, calls: fake.requests.length - requests, results: lines.length };
}

const solo = await evaluate(4, 1);
const quarter = await evaluate(Math.max(1, Math.round(taskCount / 4)), concurrency);
const full = await evaluate(taskCount, concurrency);
const ideal = (taskCount * solo.meanRunS) / concurrency;
console.log(
  `eval throughput: ${taskCount} tasks × ${agentCount} agents, concurrency ${concurrency}, ${latency} ms per call`,
);
console.log(`  one run alone:     ${solo.meanRunS.toFixed(2)} s (mean of 4)`);
console.log(
  `  wall:              ${full.wallS.toFixed(2)} s for ${full.results} results, ${full.calls} calls`,
);
console.log(`  ideal:             ${ideal.toFixed(2)} s (tasks × run time / concurrency)`);
console.log(`  wall / ideal:      ${(full.wallS / ideal).toFixed(3)}`);
console.log(`  mean run in eval:  ${full.meanRunS.toFixed(2)} s`);
console.log(
  `  peak RSS:          ${quarter.rssMb.toFixed(0)} MB at ${quarter.results} tasks, ${full.rssMb.toFixed(0)} MB at ${full.results} tasks`,
);
await fake.close();
