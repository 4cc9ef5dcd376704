/**
 * Coordination overhead: MassGen-TS against the physical limit of the same protocol.
 *
 *   node --import tsx bench/overhead.ts [--latency MS] [--agents 3,8,32,64,128] [--runs 3]
 *
 * For each agent count, runs the bundled CLI (`dist/cli.mjs --automation`) and `bench/limit.mjs`
 * (the same N answers + N votes + 1 presentation written directly on the AI SDK) against the fake
 * provider with a fixed first-byte latency, and prints wall times, their ratio, time from process
 * start to the first LLM request, LLM calls, CPU time (user + system, read from /proc every 10 ms)
 * and peak RSS (medians over the runs). On a machine busy with other work the wall ratio varies;
 * the CPU times show what each process itself spent.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { consensus } from '../test/fake-provider/scenario.js';
import { createFakeProvider } from '../test/fake-provider/server.js';
import { agentsConfig, arg, CLI, median, ROOT } from './support.js';

const latency = Number(arg('latency', '400'));
const sizes = arg('agents', '3,8,32,64,128').split(',').map(Number);
const runs = Number(arg('runs', '3'));

interface Sample {
  wallMs: number;
  firstRequestMs: number;
  calls: number;
  cpuMs: number;
  peakRssMb: number;
}

const arrivals: number[] = [];
const fake = await createFakeProvider({
  scenario: (req) => {
    arrivals.push(performance.now());
    return consensus({ latencyMs: latency })(req);
  },
});

function peakRss(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    return Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
  } catch {
    return 0;
  }
}

async function measure(args: string[], cwd: string): Promise<Sample> {
  arrivals.length = 0;
  const before = fake.requests.length;
  const start = performance.now();
  const child = spawn(process.execPath, args, {
    cwd,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, HOME: cwd },
  });
  let rss = 0;
  let cpu = 0;
  const poll = setInterval(() => {
    rss = Math.max(rss, peakRss(child.pid!));
    cpu = Math.max(cpu, cpuTime(child.pid!));
  }, 10);
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  clearInterval(poll);
  if (code !== 0) throw new Error(`${args.join(' ')} exited ${code}`);
  return {
    wallMs: performance.now() - start,
    firstRequestMs: (arrivals[0] ?? Number.NaN) - start,
    calls: fake.requests.length - before,
    cpuMs: cpu,
    peakRssMb: rss,
  };
}

/** User + system CPU time of a process so far (ms), from /proc; 0 once it is gone. */
function cpuTime(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime and stime, in clock ticks of 10 ms (fields 14 and 15 of the line).
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return 0;
  }
}

const pick = (samples: Sample[], key: keyof Sample) => median(samples.map((s) => s[key]));

console.log(`first-byte latency ${latency} ms, ${runs} run(s) each, medians\n`);
const header = [
  'agents',
  'massgen wall',
  'limit wall',
  'ratio',
  'start→1st req (massgen / bare SDK)',
  'LLM calls (2N+1)',
  'CPU (massgen / bare SDK)',
  'peak RSS (massgen / bare SDK)',
];
console.log(header.join(' | '));
for (const n of sizes) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'massgen-bench-'));
  const file = path.join(dir, 'bench.yaml');
  writeFileSync(file, agentsConfig(n, fake.baseUrls.chat));
  const mg: Sample[] = [];
  const lim: Sample[] = [];
  for (let r = 0; r < runs; r++) {
    mg.push(await measure([CLI, '--automation', '--config', file, 'What is 2+2?'], dir));
    lim.push(await measure([path.join(ROOT, 'bench/limit.mjs'), fake.baseUrls.chat, String(n)], ROOT));
  }
  const mw = pick(mg, 'wallMs');
  const lw = pick(lim, 'wallMs');
  console.log(
    [
      n,
      `${mw.toFixed(0)} ms`,
      `${lw.toFixed(0)} ms`,
      (mw / lw).toFixed(3),
      `${pick(mg, 'firstRequestMs').toFixed(0)} ms / ${pick(lim, 'firstRequestMs').toFixed(0)} ms`,
      `${pick(mg, 'calls')} (${2 * n + 1})`,
      `${pick(mg, 'cpuMs').toFixed(0)} ms / ${pick(lim, 'cpuMs').toFixed(0)} ms`,
      `${pick(mg, 'peakRssMb').toFixed(0)} MB / ${pick(lim, 'peakRssMb').toFixed(0)} MB`,
    ].join(' | '),
  );
}
await fake.close();
