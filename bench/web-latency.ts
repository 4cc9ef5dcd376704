/**
 * The web page under load: `--agents` agents (default 32) each stream `--rate` text chunks a second
 * (default 50) for `--seconds` (default 600) from the fake provider, through `massgen serve` (the
 * built CLI, in a process of its own), into
 * the page in Chromium (the compact table, with one agent's panel open so its Markdown renders
 * live). Prints, per `--every` seconds (default 30), the event-to-screen latency (from the event's
 * timestamp on the server to the paint of the frame that shows it: p50, p95, max; and to its
 * arrival in the page, before rendering: p95), the page's DOM
 * node count and JS heap and the server's resident memory, then the whole run's figures (with the
 * server's peak resident memory).
 *
 *   npm run build && node --import tsx bench/web-latency.ts [--agents 32] [--rate 50] [--seconds 600]
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { consensus, findAnswerLabels } from '../test/fake-provider/scenario.js';
import { createFakeProvider } from '../test/fake-provider/server.js';
import { launchBrowser } from '../test/web/e2e/browser.js';
import { agentsConfig, arg, CLI } from './support.js';

const agents = Number(arg('agents', '32'));
const rate = Number(arg('rate', '50'));
const seconds = Number(arg('seconds', '600'));
const every = Number(arg('every', '30'));

const words =
  'event sourcing keeps **every change** as an immutable event and state is a fold over them '.split(' ');
const text = Array.from(
  { length: rate * seconds },
  (_, i) => `${words[i % words.length]}${i % 40 === 39 ? '\n\n' : ' '}`,
).join('');

/** The fake provider, in a process of its own so its streaming does not share the server's CPU. */
async function providerProcess(): Promise<void> {
  const vote = consensus();
  const fake = await createFakeProvider({
    scenario: (req) => {
      const coordinating = req.tools.some((t) => t.name === 'new_answer');
      if (coordinating && findAnswerLabels(req).length === 0) {
        return {
          text,
          chunkDelayMs: 1000 / rate,
          toolCalls: [{ name: 'new_answer', args: { content: `Answer of ${req.model}` } }],
        };
      }
      return vote(req);
    },
  });
  process.stdout.write(`${fake.baseUrls.chat}\n`);
}

if (process.argv.includes('--provider')) {
  await providerProcess();
} else {
  await measure();
}

/** Starts `node args…` and waits for the line matching `ready` on its stdout (group 1 is the URL). */
async function startChild(
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv },
  ready: RegExp,
): Promise<{ url: string; pid: number; stop: () => void }> {
  const child = spawn(process.execPath, args, { ...options, stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d;
      const match = ready.exec(out);
      if (match) resolve(match[1]!);
    });
    child.once('exit', (code) => reject(new Error(`${args.join(' ')} exited (${code})`)));
  });
  return { url, pid: child.pid!, stop: () => child.kill() };
}

async function measure(): Promise<void> {
  const provider = await startChild(
    ['--import', 'tsx', import.meta.filename, '--provider', ...process.argv.slice(2)],
    {},
    /^(\S+)\n/,
  );
  try {
    await measureWith(provider.url);
  } finally {
    provider.stop();
  }
}

async function measureWith(providerUrl: string): Promise<void> {
  const home = mkdtempSync(path.join(os.tmpdir(), 'massgen-bench-web-'));
  const config = path.join(home, 'bench.yaml');
  writeFileSync(config, agentsConfig(agents, providerUrl));
  const server = await startChild(
    [CLI, 'serve', '--port', '0', '--config', config],
    { cwd: home, env: { PATH: process.env.PATH ?? '', HOME: home } },
    /MassGen web UI: (\S+)/,
  );
  try {
    await measurePage(server.url, config, server.pid);
  } finally {
    server.stop();
  }
}

async function measurePage(serverUrl: string, config: string, serverPid: number): Promise<void> {
  /** A memory figure of the server process (`VmRSS` now, `VmHWM` its peak), in MB. */
  const serverMemoryMb = (field: 'VmRSS' | 'VmHWM') =>
    Number(
      new RegExp(`${field}:\\s+(\\d+)`).exec(readFileSync(`/proc/${serverPid}/status`, 'utf8'))?.[1] ?? 0,
    ) / 1024;
  const browser = await launchBrowser();
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });

  // In the page: the server timestamp of every event as it arrives, and, when a row or panel shows a
  // newer seq of its agent, the latency of each of that agent's events it brought to the screen,
  // taken once that frame is painted.
  await page.addInitScript(() => {
    const w = window as unknown as { __lat: number[]; __arrival: number[]; __events: number };
    w.__lat = [];
    w.__arrival = [];
    w.__events = 0;
    const seen = new Map<number, { ts: number; agent?: string }>();
    const shown = new Map<string, number>();
    const Native = window.EventSource;
    window.EventSource = class extends Native {
      constructor(url: string | URL, init?: EventSourceInit) {
        super(url, init);
        this.addEventListener('message', (m) => {
          const e = JSON.parse((m as MessageEvent).data) as { seq: number; ts: number; agentId?: string };
          seen.set(e.seq, { ts: e.ts, agent: e.agentId });
          w.__arrival.push(Date.now() - e.ts);
          w.__events++;
        });
      }
    } as typeof EventSource;
    new MutationObserver((records) => {
      const due: number[] = [];
      for (const r of records) {
        const el = r.target as HTMLElement;
        if (el.dataset.testid !== 'agent-row') continue;
        const agent = el.dataset.agentId!;
        const seq = Number(el.dataset.lastSeq);
        const from = shown.get(agent) ?? 0;
        if (seq <= from) continue;
        shown.set(agent, seq);
        for (let s = from + 1; s <= seq; s++) {
          const e = seen.get(s);
          if (e?.agent === agent) {
            due.push(e.ts);
            seen.delete(s);
          }
        }
      }
      // The page renders in an animation frame; a task queued from it runs after that frame's paint.
      if (due.length > 0)
        setTimeout(() => {
          const now = Date.now();
          for (const ts of due) w.__lat.push(now - ts);
        }, 0);
    }).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-last-seq'] });
  });

  const started = (await (
    await fetch(`${serverUrl}api/runs`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ configPath: config, question: 'What are the trade-offs of event sourcing?' }),
    })
  ).json()) as { id: string };
  await page.goto(`${serverUrl}runs/${started.id}`);
  await page.getByTestId('agent-row').first().waitFor();
  await page.evaluate(() => document.querySelector<HTMLElement>('[data-testid=agent-row]')!.click());
  // Events from before the page opened arrive with old timestamps: measure from 3 s on.
  await new Promise((r) => setTimeout(r, 3000));
  await page.evaluate(() => {
    const w = window as unknown as { __lat: number[]; __arrival: number[] };
    w.__lat.length = 0;
    w.__arrival.length = 0;
  });
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');

  const pct = (xs: number[], p: number) => {
    if (xs.length === 0) return Number.NaN;
    const s = [...xs].sort((a, b) => a - b);
    return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
  };
  const metrics = async () => {
    const { metrics: m } = (await cdp.send('Performance.getMetrics')) as {
      metrics: Array<{ name: string; value: number }>;
    };
    const get = (name: string) => m.find((x) => x.name === name)?.value ?? 0;
    return { nodes: get('Nodes'), heapMb: get('JSHeapUsedSize') / 1024 / 1024 };
  };

  console.log(
    `${agents} agents × ${rate} chunks/s for ${seconds}s, page in Chromium (compact table + one open panel)\n`,
  );
  console.log(
    ['time', 'events', 'latency p50', 'p95', 'max', 'arrival p95', 'DOM nodes', 'JS heap', 'server RSS'].join(
      ' | ',
    ),
  );
  const all: number[] = [];
  const arrivals: number[] = [];
  const samples: Array<{ nodes: number; heapMb: number }> = [];
  const t0 = Date.now();
  let events = 0;
  while (Date.now() - t0 < seconds * 1000) {
    await new Promise((r) => setTimeout(r, every * 1000));
    const [lat, arrival] = await page.evaluate(() => {
      const w = window as unknown as { __lat: number[]; __arrival: number[] };
      return [w.__lat.splice(0), w.__arrival.splice(0)];
    });
    arrivals.push(...arrival);
    events = await page.evaluate(() => (window as unknown as { __events: number }).__events);
    all.push(...lat);
    const m = await metrics();
    samples.push(m);
    console.log(
      [
        `${Math.round((Date.now() - t0) / 1000)}s`,
        events,
        `${pct(lat, 50)} ms`,
        `${pct(lat, 95)} ms`,
        `${pct(lat, 100)} ms`,
        `${pct(arrival, 95)} ms`,
        m.nodes,
        `${m.heapMb.toFixed(1)} MB`,
        `${serverMemoryMb('VmRSS').toFixed(0)} MB`,
      ].join(' | '),
    );
  }
  const first = samples[0]!;
  const last = samples.at(-1)!;
  console.log(
    `\nwhole run: ${all.length} text events measured, latency p50 ${pct(all, 50)} ms, p95 ${pct(all, 95)} ms, max ${pct(all, 100)} ms; arrival in the page (before rendering) p95 ${pct(arrivals, 95)} ms`,
  );
  console.log(
    `server: ${events} events delivered, peak RSS ${serverMemoryMb('VmHWM').toFixed(0)} MB (now ${serverMemoryMb('VmRSS').toFixed(0)} MB)`,
  );
  console.log(
    `DOM nodes ${first.nodes} → ${last.nodes} (max ${Math.max(...samples.map((s) => s.nodes))}); JS heap ${first.heapMb.toFixed(1)} → ${last.heapMb.toFixed(1)} MB (max ${Math.max(...samples.map((s) => s.heapMb)).toFixed(1)} MB)`,
  );
  await browser.close();
}
