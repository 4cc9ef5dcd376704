/**
 * CPU time of the terminal UI while 32 agents stream: a synthetic run (every agent streaming
 * `--rate` text deltas a second for `--seconds`) is fed in real time to the Ink UI drawing into a
 * 160×45 terminal that discards its output, and the process's CPU time is compared with the same
 * feed and no display: over the whole feed (first frames included) and after its first second
 * (steady streaming).
 *
 *   node --import tsx bench/tui-cpu.ts [--agents 32] [--seconds 5] [--rate 20]
 */
import { Writable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import type { CoordinationEvent, EventInput } from '../src/events/types.js';
import { arg } from './support.js';

process.env.NODE_ENV = 'production'; // as in the bundled CLI: React's production build
const agents = Number(arg('agents', '32'));
const seconds = Number(arg('seconds', '5'));
const rate = Number(arg('rate', '20'));
const ids = Array.from({ length: agents }, (_, i) => `agent_${i + 1}`);

/** A terminal that draws nothing. */
class NullTerminal extends Writable {
  isTTY = true;
  columns = 160;
  rows = 45;
  bytes = 0;
  override _write(chunk: Buffer, _enc: string, done: () => void) {
    this.bytes += chunk.length;
    done();
  }
}

/** CPU time of the process since `start` (ms). */
const cpuSince = (start: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
};

/** CPU time of a feed (ms): in all, and after its first second. */
interface FeedCpu {
  total: number;
  steady: number;
}

/** Feeds the synthetic run to `onEvent` in real time; returns the CPU time it took. */
async function feed(onEvent: (e: CoordinationEvent) => void): Promise<FeedCpu> {
  let seq = 0;
  const emit = (e: EventInput) =>
    onEvent({ ...e, runId: 'bench', seq: ++seq, ts: Date.now() } as CoordinationEvent);
  const start = process.cpuUsage();
  emit({
    type: 'run-start',
    question: 'What are the trade-offs of event sourcing?',
    agents: ids.map((id, i) => ({ id, label: `agent${i + 1}`, backend: 'openai', model: 'gpt-5-mini' })),
  });
  for (const id of ids) emit({ type: 'agent-start', agentId: id, execution: 1 });
  const ticks = seconds * rate;
  let afterFirstSecond = start;
  for (let t = 0; t < ticks; t++) {
    if (t === rate) afterFirstSecond = process.cpuUsage();
    for (const id of ids)
      emit({ type: 'text-delta', agentId: id, text: `word${t} and more text `, phase: 'coordination' });
    await sleep(1000 / rate);
  }
  return { total: cpuSince(start), steady: cpuSince(afterFirstSecond) };
}

const baseline = await feed(() => {});
// Loaded before measuring (the CLI bundle loads them in the background while the run starts).
const { createTui } = await import('../src/ui/tui/tui-display.js');
await import('../src/ui/tui/markdown.js');
const terminal = new NullTerminal();
const { PassThrough } = await import('node:stream');
const tui = createTui({
  onInterrupt: () => {},
  stdout: terminal as unknown as NodeJS.WriteStream,
  stdin: new PassThrough() as unknown as NodeJS.ReadStream,
  patchConsole: false,
});
const withUi = await feed((e) => tui.onEvent(e));
await tui.close();
const events = agents * seconds * rate;
const share = (ms: number, overSeconds: number) => `${((ms / (overSeconds * 1000)) * 100).toFixed(1)} %`;
const uiMs = withUi.total - baseline.total;
const steadyMs = withUi.steady - baseline.steady;
console.log(
  `terminal UI, ${agents} agents streaming ${rate} deltas/s each for ${seconds} s (${events} text events)\n`,
);
console.log(
  [
    'CPU without display',
    'CPU with the UI',
    'UI alone',
    'UI share of one core',
    'after the first second',
    'bytes drawn',
  ].join(' | '),
);
console.log(
  [
    `${baseline.total.toFixed(0)} ms`,
    `${withUi.total.toFixed(0)} ms`,
    `${uiMs.toFixed(0)} ms`,
    share(uiMs, seconds),
    share(steadyMs, seconds - 1),
    `${(terminal.bytes / 1024).toFixed(0)} KiB`,
  ].join(' | '),
);
