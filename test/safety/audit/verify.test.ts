import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { AuditLedger } from '../../../src/safety/audit/audit-ledger.js';
import { AuditLedgerError } from '../../../src/safety/audit/errors.js';
import { chainLine, GENESIS } from '../../../src/safety/audit/ledger-line.js';
import { verifyLedger } from '../../../src/safety/audit/verify.js';
import { auditRecord } from './records.js';

let file: string;

beforeEach(async () => {
  file = path.join(mkdtempSync(path.join(os.tmpdir(), 'massgen-verify-')), 'audit.jsonl');
  const ledger = new AuditLedger(file, { seal: true });
  for (let n = 1; n <= 4; n++) ledger.append(auditRecord(n, { durationMs: 1e21 }));
  await ledger.close();
});

const read = () => readFileSync(file, 'utf8').split('\n').slice(0, -1);
const write = (lines: string[], end = '\n') => writeFileSync(file, lines.join('\n') + end);

describe('verifyLedger', () => {
  it('passes an untouched ledger, counting its records and seeing its seal', async () => {
    expect(await verifyLedger(file)).toEqual({ file, records: 4, sealed: true });
  });

  it('names a line whose text was edited without changing its values (1e+21 → 1E+21)', async () => {
    const lines = read();
    expect(lines[1]).toContain('"durationMs":1e+21');
    lines[1] = lines[1]!.replace('1e+21', '1E+21');
    write(lines);
    expect((await verifyLedger(file)).broken).toEqual({
      line: 2,
      fault: 'not-canonical',
      reason: 'the line is not in canonical form: its text was edited after it was written',
    });
  });

  it('names a line cut off at the end of the file as incomplete', async () => {
    const lines = read();
    write([...lines.slice(0, 4), lines[4]!.slice(0, 30)], '');
    expect((await verifyLedger(file)).broken).toEqual({
      line: 5,
      fault: 'incomplete-line',
      reason: 'the last line is incomplete (cut off, or still being written)',
    });
  });

  it('names an empty line', async () => {
    const lines = read();
    write([lines[0]!, '', ...lines.slice(1)]);
    expect((await verifyLedger(file)).broken).toMatchObject({ line: 2, fault: 'empty-line' });
  });

  it('names a JSON line that is not a ledger line', async () => {
    const lines = read();
    write([lines[0]!, '{"seq":2,"toolName":"x"}', ...lines.slice(2)]);
    expect((await verifyLedger(file)).broken).toEqual({
      line: 2,
      fault: 'not-a-ledger-line',
      reason: 'the line is not a ledger line (it needs seq, prev and hash)',
    });
  });

  it('names a first line that does not start from the genesis value', async () => {
    const forged = chainLine({ toolName: 'x' }, 1, 'f'.repeat(64));
    write([forged.text]);
    expect((await verifyLedger(file)).broken).toEqual({
      line: 1,
      fault: 'broken-prev-link',
      reason: 'broken prev link: the first line does not start from the genesis value',
    });
  });

  it('a ledger rewritten from its first line on with a valid chain passes (the chain has no key)', async () => {
    const a = chainLine({ toolName: 'x' }, 1, GENESIS);
    const b = chainLine({ toolName: 'y' }, 2, a.hash);
    write([a.text, b.text]);
    expect(await verifyLedger(file)).toEqual({ file, records: 2, sealed: false });
  });

  it('throws a read error naming a missing file', async () => {
    const missing = `${file}.none`;
    const error = await verifyLedger(missing).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuditLedgerError);
    expect((error as Error).message).toBe(`cannot read the audit ledger ${missing}: no such file`);
  });
});
