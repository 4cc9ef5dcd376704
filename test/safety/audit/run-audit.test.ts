import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { createRedactor } from '../../../src/events/redaction.js';
import { lateAuditSink } from '../../../src/safety/audit/late-audit-sink.js';
import { createRunAudit, isDecision } from '../../../src/safety/audit/run-audit.js';
import { verifyLedger } from '../../../src/safety/audit/verify.js';
import type { AuditRecord, AuditSink } from '../../../src/types/safety.js';
import { auditRecord } from './records.js';

let home: string;
let turnDir: string;
const MAY = new Date('2026-05-31T23:59:00.000Z');
const redactor = createRedactor({ env: {} });

beforeEach(() => {
  home = mkdtempSync(path.join(os.tmpdir(), 'massgen-run-audit-'));
  turnDir = path.join(home, 'logs', 'log_20260531_235900_000000', 'turn_1');
});

const ids = (file: string) =>
  readFileSync(file, 'utf8')
    .trimEnd()
    .split('\n')
    .map((l) => JSON.parse(l) as { toolCallId?: string; runId?: string })
    .map((l) => l.toolCallId ?? 'seal');

/** A read the policy allowed, a deferral, a denial, a human approval, an allowed irreversible call. */
const calls: AuditRecord[] = [
  auditRecord(1, {
    toolName: 'read_file',
    outcome: 'run',
    decidedBy: 'policy',
    risk: { level: 'read-only', openWorld: false, source: 'built-in', reason: 'reads' },
  }),
  auditRecord(2, { outcome: 'deferred', decidedBy: 'policy' }),
  auditRecord(3, { outcome: 'denied', decidedBy: 'automation-default' }),
  auditRecord(4, { outcome: 'run', decidedBy: 'human', feedback: 'ok' }),
  auditRecord(5, { outcome: 'run', decidedBy: 'policy', rule: 'mcp__mail__send' }),
  auditRecord(6, {
    toolName: 'write_file',
    outcome: 'run',
    decidedBy: 'policy',
    risk: { level: 'reversible', openWorld: false, source: 'built-in', reason: 'workspace' },
  }),
];

describe('createRunAudit', () => {
  it('writes every call to the turn’s audit.jsonl and the decisions to the user’s ledger of the month', async () => {
    const audit = createRunAudit({
      turnDir,
      homeDir: home,
      redactor,
      runId: 'log_20260531_235900_000000',
      now: () => MAY,
    });
    for (const call of calls) audit.append(call);
    await audit.close();
    const runFile = path.join(turnDir, 'audit.jsonl');
    const userFile = path.join(home, '.massgen', 'audit', '2026-05.jsonl');
    expect(ids(runFile)).toEqual(['call_1', 'call_2', 'call_3', 'call_4', 'call_5', 'call_6', 'seal']);
    expect(ids(userFile)).toEqual(['call_2', 'call_3', 'call_4', 'call_5']);
    expect(await verifyLedger(runFile)).toEqual({ file: runFile, records: 6, sealed: true });
    expect(await verifyLedger(userFile)).toEqual({ file: userFile, records: 4, sealed: false });
  });

  it('sets the run’s id on every record', async () => {
    const audit = createRunAudit({ turnDir, homeDir: home, redactor, runId: 'log_x', now: () => MAY });
    audit.append(auditRecord(1, { runId: '' }));
    await audit.close();
    const [line] = readFileSync(path.join(turnDir, 'audit.jsonl'), 'utf8').split('\n');
    expect(JSON.parse(line!).runId).toBe('log_x');
  });

  it('without a log folder, keeps the decisions in the user’s ledger only', async () => {
    const audit = createRunAudit({ homeDir: home, redactor, now: () => MAY });
    for (const call of calls) audit.append(call);
    await audit.close();
    expect(existsSync(turnDir)).toBe(false);
    expect(ids(path.join(home, '.massgen', 'audit', '2026-05.jsonl'))).toEqual([
      'call_2',
      'call_3',
      'call_4',
      'call_5',
    ]);
  });

  it('a run crossing the end of a month writes each decision to its month’s file', async () => {
    let now = MAY;
    const audit = createRunAudit({ homeDir: home, redactor, now: () => now });
    audit.append(calls[1]!);
    now = new Date('2026-06-01T00:00:01.000Z');
    audit.append(calls[2]!);
    await audit.close();
    expect(ids(path.join(home, '.massgen', 'audit', '2026-05.jsonl'))).toEqual(['call_2']);
    expect(ids(path.join(home, '.massgen', 'audit', '2026-06.jsonl'))).toEqual(['call_3']);
  });
});

describe('isDecision', () => {
  it('is false for calls the policy let through on read-only or reversible tools, true for the rest', () => {
    expect(calls.map(isDecision)).toEqual([false, true, true, true, true, false]);
  });
});

describe('lateAuditSink', () => {
  it('keeps records until bound, then passes them and every later one on, in order; close closes the target', async () => {
    const seen: string[] = [];
    let closed = 0;
    const target: AuditSink = {
      append: (r) => seen.push(r.toolCallId),
      close: async () => {
        closed++;
      },
    };
    const late = lateAuditSink();
    late.append(auditRecord(1));
    late.append(auditRecord(2));
    expect(seen).toEqual([]);
    late.bind(target);
    late.append(auditRecord(3));
    await late.close();
    late.append(auditRecord(4));
    expect(seen).toEqual(['call_1', 'call_2', 'call_3']);
    expect(closed).toBe(1);
  });
});
