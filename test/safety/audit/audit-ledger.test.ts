import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { createRedactor } from '../../../src/events/redaction.js';
import { AuditLedger } from '../../../src/safety/audit/audit-ledger.js';
import { MAX_ARGUMENT_CHARS } from '../../../src/safety/audit/bounded-input.js';
import { AuditWriteError } from '../../../src/safety/audit/errors.js';
import { GENESIS } from '../../../src/safety/audit/ledger-line.js';
import { verifyLedger } from '../../../src/safety/audit/verify.js';
import { auditRecord } from './records.js';

let dir: string;
let file: string;

beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'massgen-ledger-'));
  file = path.join(dir, 'audit', 'audit.jsonl');
});

const lines = (f = file) =>
  readFileSync(f, 'utf8')
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as Record<string, unknown>);

const SEALED_AT = new Date('2026-05-02T11:00:00.000Z');

describe('AuditLedger', () => {
  it('chains every record after the one before, numbered from 1, and seals the file on close', async () => {
    const ledger = new AuditLedger(file, { seal: true, now: () => SEALED_AT });
    for (let n = 1; n <= 3; n++) ledger.append(auditRecord(n));
    await ledger.close();
    const written = lines();
    expect(written.map((l) => l.seq)).toEqual([1, 2, 3, 4]);
    expect(written[0]!.prev).toBe(GENESIS);
    for (let i = 1; i < written.length; i++) expect(written[i]!.prev).toBe(written[i - 1]!.hash);
    expect(written.slice(0, 3).map((l) => l.toolCallId)).toEqual(['call_1', 'call_2', 'call_3']);
    expect(written[3]).toEqual({
      seq: 4,
      prev: written[2]!.hash,
      hash: written[3]!.hash,
      at: '2026-05-02T11:00:00.000Z',
      sealed: true,
    });
    expect(await verifyLedger(file)).toEqual({ file, records: 3, sealed: true });
  });

  it('keeps every field of the record as given', async () => {
    const record = auditRecord(1, {
      outcome: 'run',
      rule: 'mcp__mail__*',
      resultDigest: 'ab'.repeat(32),
      durationMs: 12,
    });
    const ledger = new AuditLedger(file);
    ledger.append(record);
    await ledger.close();
    const [line] = lines();
    const { seq: _s, prev: _p, hash: _h, ...rest } = line!;
    expect(rest).toEqual(record);
  });

  it('continues the chain of a file that already has lines', async () => {
    const first = new AuditLedger(file, { seal: true, now: () => SEALED_AT });
    first.append(auditRecord(1));
    await first.close();
    const second = new AuditLedger(file, { seal: true, now: () => SEALED_AT });
    second.append(auditRecord(2));
    await second.close();
    expect(lines().map((l) => [l.seq, l.toolCallId ?? 'seal'])).toEqual([
      [1, 'call_1'],
      [2, 'seal'],
      [3, 'call_2'],
      [4, 'seal'],
    ]);
    expect(await verifyLedger(file)).toEqual({ file, records: 2, sealed: true });
  });

  it('writes nothing, not even a seal, when no record was appended', async () => {
    await new AuditLedger(file, { seal: true }).close();
    expect(existsSync(file)).toBe(false);
  });

  it('redacts secrets in the record before hashing and writing it', async () => {
    const secret = 'sk-test-0123456789abcdef';
    const redactor = createRedactor({ env: { MAIL_API_KEY: secret } });
    const ledger = new AuditLedger(file, { redactor });
    ledger.append(auditRecord(1, { input: { body: `key is ${secret}`, api_key: 'literal-value' } }));
    await ledger.close();
    const text = readFileSync(file, 'utf8');
    expect(text).not.toContain(secret);
    expect(text).not.toContain('literal-value');
    expect(lines()[0]!.input).toEqual({ body: 'key is ***', api_key: '***' });
    expect((await verifyLedger(file)).broken).toBeUndefined();
  });

  it('cuts argument strings longer than the limit to their start, length and sha256', async () => {
    const long = 'x'.repeat(MAX_ARGUMENT_CHARS + 10);
    const ledger = new AuditLedger(file);
    ledger.append(auditRecord(1, { input: { path: 'a.txt', content: long } }));
    await ledger.close();
    const input = lines()[0]!.input as { path: string; content: string };
    expect(input.path).toBe('a.txt');
    expect(input.content).toBe(
      `${'x'.repeat(MAX_ARGUMENT_CHARS)}… [${MAX_ARGUMENT_CHARS + 10} characters, sha256 ${sha256(long)}]`,
    );
  });

  it('snapshots a record when it is appended: later changes to the object are not written', async () => {
    const record = auditRecord(1);
    const ledger = new AuditLedger(file);
    ledger.append(record);
    (record.input as { to: string }).to = 'changed@example.com';
    await ledger.close();
    expect((lines()[0]!.input as { to: string }).to).toBe('ops@example.com');
  });

  it('makes the file readable by its owner only', async () => {
    const ledger = new AuditLedger(file);
    ledger.append(auditRecord(1));
    await ledger.close();
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('refuses to chain onto a last line that is cut off, and says so on close', async () => {
    const ledger = new AuditLedger(file);
    ledger.append(auditRecord(1));
    await ledger.close();
    writeFileSync(file, `${readFileSync(file, 'utf8')}{"seq":2,"pr`);
    const next = new AuditLedger(file);
    next.append(auditRecord(2));
    const error = await next.close().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuditWriteError);
    expect((error as Error).message).toBe(
      `Could not write the audit ledger ${file}: cannot append to the audit ledger ${file}: its last line is ` +
        `incomplete (a write was cut off). Check it with \`massgen audit verify ${file}\`, then move the file aside to start a new ledger.`,
    );
  });

  it('a shared ledger: two writers in one process interleave into one valid chain', async () => {
    const a = new AuditLedger(file, { shared: true });
    const b = new AuditLedger(file, { shared: true });
    for (let n = 1; n <= 5; n++) {
      a.append(auditRecord(n, { agentId: 'a' }));
      b.append(auditRecord(n, { agentId: 'b' }));
      await new Promise((done) => setImmediate(done));
    }
    await Promise.all([a.close(), b.close()]);
    expect(await verifyLedger(file)).toEqual({ file, records: 10, sealed: false });
    const order = (agent: string) =>
      lines()
        .filter((l) => l.agentId === agent)
        .map((l) => l.toolCallId);
    expect(order('a')).toEqual(['call_1', 'call_2', 'call_3', 'call_4', 'call_5']);
    expect(order('b')).toEqual(['call_1', 'call_2', 'call_3', 'call_4', 'call_5']);
    expect(existsSync(`${file}.lock`)).toBe(false);
  });
});

function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}
