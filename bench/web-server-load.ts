/**
 * The web server under load: `--runs` runs (default 10) of `--agents` agents (default 4) started
 * at once over the HTTP API, each streaming `--words` words per answer from the fake provider, and
 * `--clients` SSE clients (default 50) spread over the runs — half connected from the start, half
 * joining mid-run. Every client must receive every event of its run exactly once, in order (seq
 * 1…N, the same N as the run's events.jsonl). Prints the events delivered, the gaps and repeats
 * and disorders found (0, 0 and 0 is the pass), and the wall time.
 *
 *   node --import tsx bench/web-server-load.ts [--runs 10] [--agents 4] [--clients 50] [--words 400]
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startServer } from '../src/web/server.js';
import { consensus, findAnswerLabels } from '../test/fake-provider/scenario.js';
import { createFakeProvider } from '../test/fake-provider/server.js';
import { parseSse } from '../test/support/web.js';
import { agentsConfig, arg } from './support.js';

const runs = Number(arg('runs', '10'));
const agents = Number(arg('agents', '4'));
const clients = Number(arg('clients', '50'));
const words = Number(arg('words', '400'));

const text = Array.from({ length: words }, (_, i) => `word${i} `).join('');
const vote = consensus();
const fake = await createFakeProvider({
  scenario: (req) => {
    if (req.tools.some((t) => t.name === 'new_answer') && findAnswerLabels(req).length === 0) {
      return {
        text,
        chunkDelayMs: 5,
        toolCalls: [{ name: 'new_answer', args: { content: `Answer of ${req.model}` } }],
      };
    }
    return vote(req);
  },
});
const home = mkdtempSync(path.join(os.tmpdir(), 'massgen-bench-server-'));
const config = path.join(home, 'bench.yaml');
writeFileSync(config, agentsConfig(agents, fake.baseUrls.chat));
const server = await startServer({
  port: 0,
  cwd: home,
  homeDir: home,
  env: { PATH: process.env.PATH ?? '', HOME: home },
  configs: [config],
});

/** Reads a run's SSE stream to its end; returns the seqs of the events received. */
async function follow(id: string): Promise<number[]> {
  const response = await fetch(`${server.url}api/runs/${id}/events`, {
    headers: { accept: 'text/event-stream' },
  });
  const messages = parseSse(await response.text());
  return messages
    .filter((m) => m.event === undefined)
    .map((m) => (JSON.parse(m.data) as { seq: number }).seq);
}

const t0 = performance.now();
const ids = await Promise.all(
  Array.from({ length: runs }, async (_, i) => {
    const r = await fetch(`${server.url}api/runs`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ configPath: config, question: `Load question ${i + 1}?` }),
    });
    return ((await r.json()) as { id: string }).id;
  }),
);
const followers: Array<Promise<{ run: string; seqs: number[] }>> = [];
for (let c = 0; c < clients; c++) {
  const run = ids[c % runs]!;
  const late = c >= clients / 2;
  followers.push(
    (async () => {
      if (late) await new Promise((r) => setTimeout(r, 300 + (c % 7) * 100));
      return { run, seqs: await follow(run) };
    })(),
  );
}
const received = await Promise.all(followers);
const wallMs = performance.now() - t0;

let delivered = 0;
let gaps = 0;
let repeats = 0;
let outOfOrder = 0;
for (const { run, seqs } of received) {
  const [folder, turn] = run.split('-turn_');
  const logged = readFileSync(
    path.join(home, '.massgen/massgen_logs', folder!, `turn_${turn ?? 1}`, 'events.jsonl'),
    'utf8',
  )
    .trim()
    .split('\n').length;
  delivered += seqs.length;
  const seen = new Set<number>();
  for (const s of seqs) {
    if (seen.has(s)) repeats++;
    seen.add(s);
  }
  for (let s = 1; s <= logged; s++) if (!seen.has(s)) gaps++;
  for (let i = 1; i < seqs.length; i++) if (seqs[i]! <= seqs[i - 1]!) outOfOrder++;
}
console.log(`${runs} runs × ${agents} agents at once, ${clients} SSE clients (half joining mid-run)\n`);
console.log(
  ['events delivered', 'events per client', 'missing', 'repeated', 'out of order', 'wall time'].join(' | '),
);
console.log(
  [
    delivered,
    Math.round(delivered / clients),
    gaps,
    repeats,
    outOfOrder,
    `${(wallMs / 1000).toFixed(1)} s`,
  ].join(' | '),
);
await server.close();
await fake.close();
