import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ReplayError, readEventLog, streamEventLog } from '../../src/events/replay.js';

const line = (type: string, seq: number) => JSON.stringify({ type, seq, ts: 1000 + seq, runId: 'r' });

function file(name: string, text: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'massgen-replay-'));
  const target = path.join(dir, name);
  writeFileSync(target, text);
  return target;
}

describe('streamEventLog', () => {
  it('yields each event as its line is read: a corrupt line later on fails only when reached', async () => {
    const target = file('events.jsonl', `${line('run-start', 1)}\n\n${line('notice', 2)}\nnot json\n`);
    const events = streamEventLog(target);
    expect((await events.next()).value).toMatchObject({ type: 'run-start', seq: 1 });
    expect((await events.next()).value).toMatchObject({ type: 'notice', seq: 2 });
    const failure = await events.next().catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ReplayError);
    expect(failure).toMatchObject({ file: target, line: 4 });
    expect((failure as Error).message).toMatch(/line 4 is not valid JSON/);
  });

  it('reads CRLF line endings and a last line without a newline', async () => {
    const target = file('crlf.jsonl', `${line('run-start', 1)}\r\n${line('run-end', 2)}`);
    expect((await readEventLog(target)).map((e) => e.type)).toEqual(['run-start', 'run-end']);
  });

  it('a missing file, an empty file and a line that is no event are errors naming the file', async () => {
    const missing = path.join(os.tmpdir(), 'massgen-no-such-dir', 'events.jsonl');
    await expect(readEventLog(missing)).rejects.toThrow(`cannot read ${missing}: no such file`);
    const empty = file('empty.jsonl', '\n\n');
    await expect(readEventLog(empty)).rejects.toThrow(`${empty}: no events to replay (the file is empty)`);
    const other = file('other.jsonl', `${line('run-start', 1)}\n{"hello":1}\n`);
    await expect(readEventLog(other)).rejects.toMatchObject({ line: 2, file: other });
  });
});
