/**
 * LiveRun's window over a real events.jsonl that lags behind the run: a client that needs events
 * the file does not hold yet waits for the file to grow, then gets every seq once, in order.
 */
import { appendFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createRedactor } from '../../src/events/redaction.js';
import type { CoordinationEvent } from '../../src/events/types.js';
import type { RunStream } from '../../src/run/stream-run.js';
import { LiveRun } from '../../src/web/live-run.js';

const delta = (seq: number): CoordinationEvent =>
  ({
    type: 'text-delta',
    agentId: 'a',
    text: `chunk ${seq} `,
    phase: 'coordination',
    runId: 'r',
    seq,
    ts: 1000 + seq,
  }) as CoordinationEvent;

const lines = (events: CoordinationEvent[]) => events.map((e) => `${JSON.stringify(e)}\n`).join('');

const idleStream = { result: new Promise(() => {}), abort() {} } as unknown as RunStream;

describe('LiveRun over a lagging events.jsonl', () => {
  it('waits for the file to hold the let-go events, then continues from memory: seqs 1..60 once each', async () => {
    const turnDir = mkdtempSync(path.join(os.tmpdir(), 'massgen-live-'));
    const file = path.join(turnDir, 'events.jsonl');
    const all = Array.from({ length: 60 }, (_, i) => delta(i + 1));
    writeFileSync(file, lines(all.slice(0, 25)));
    const run = new LiveRun({
      id: 'r',
      turnDir,
      question: 'Q',
      stream: idleStream,
      redactor: createRedactor({ env: {} }),
      window: 10,
    });
    for (const event of all) run.push(event);
    expect(run.heldEvents).toBe(10);

    const reader = run.eventsAfter(0);
    const got: number[] = [];
    for (let i = 0; i < 25; i++) got.push((await reader.next()).value!.seq);
    expect(got).toEqual(all.slice(0, 25).map((e) => e.seq));
    // Seqs 26..50 are neither in memory nor in the file yet: the next one waits for the file.
    const pending = reader.next();
    appendFileSync(file, lines(all.slice(25)));
    got.push((await pending).value!.seq);
    run.push({ type: 'run-end', runId: 'r', seq: 61, ts: 2000, status: 'completed' } as CoordinationEvent);
    run.finish();
    for (let next = await reader.next(); !next.done; next = await reader.next()) got.push(next.value.seq);
    expect(got).toEqual(Array.from({ length: 61 }, (_, i) => i + 1));
    expect(run.peakHeldEvents).toBe(10);
  });
});
