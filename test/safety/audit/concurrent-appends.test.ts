/**
 * Several processes appending decisions to the one per-user ledger at the same time: they are held
 * until every one is ready, then all append; the chain stays valid and holds every record once, each
 * writer's records in its own order.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { userLedgerFile } from '../../../src/safety/audit/run-audit.js';
import { verifyLedger } from '../../../src/safety/audit/verify.js';

const WRITERS = 4;
const RECORDS = 15;
const WORKER = path.join(import.meta.dirname, 'append-worker.ts');

function start(
  home: string,
  name: string,
): { child: ChildProcess; ready: Promise<void>; done: Promise<number | null> } {
  const child = spawn(process.execPath, ['--import', 'tsx', WORKER, home, name, String(RECORDS)], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('ready')) resolve();
    });
    child.on('error', reject);
  });
  const done = new Promise<number | null>((resolve) => child.on('close', resolve));
  return { child, ready, done };
}

describe('the per-user ledger under concurrent writers', () => {
  it(`${WRITERS} processes appending ${RECORDS} records each keep one valid chain of every record`, async () => {
    const home = mkdtempSync(path.join(os.tmpdir(), 'massgen-audit-home-'));
    const writers = Array.from({ length: WRITERS }, (_, i) => start(home, `w${i + 1}`));
    await Promise.all(writers.map((w) => w.ready));
    for (const w of writers) w.child.stdin!.end('go\n');
    expect(await Promise.all(writers.map((w) => w.done))).toEqual(Array(WRITERS).fill(0));

    const file = userLedgerFile(home, new Date('2026-05-02T10:00:00.000Z'));
    expect(file).toBe(path.join(home, '.massgen', 'audit', '2026-05.jsonl'));
    expect(await verifyLedger(file)).toEqual({ file, records: WRITERS * RECORDS, sealed: false });
    const lines = readFileSync(file, 'utf8')
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as { agentId: string; toolCallId: string; runId: string });
    for (let i = 1; i <= WRITERS; i++) {
      const mine = lines.filter((l) => l.agentId === `w${i}`);
      expect(mine.map((l) => l.toolCallId)).toEqual(
        Array.from({ length: RECORDS }, (_, n) => `call_${n + 1}`),
      );
      expect(new Set(mine.map((l) => l.runId))).toEqual(new Set([`run_w${i}`]));
    }
  });
});
