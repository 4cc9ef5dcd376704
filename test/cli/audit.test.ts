/**
 * `massgen audit verify | show` through the built CLI, on ledgers written by the audit writers:
 * an untouched ledger passes; one changed byte, a deleted line, two swapped lines or a forged line
 * each fail naming the line; the decisions are listed as text and as exact JSON.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { createRedactor } from '../../src/events/redaction.js';
import { chainLine } from '../../src/safety/audit/ledger-line.js';
import { createRunAudit } from '../../src/safety/audit/run-audit.js';
import type { AuditRecord } from '../../src/types/safety.js';
import { auditRecord } from '../safety/audit/records.js';
import { runCli, tempHome } from '../support/cli.js';

const RUN = 'log_20260502_101500_000000';
const NOW = new Date('2026-05-02T10:20:00.000Z');

let home: string;
let turnDir: string;
let ledger: string;

/** Writes a run's ledgers (its audit.jsonl and the user's) as a run would. */
async function writeRun(runId: string, turn: number, records: AuditRecord[]): Promise<string> {
  const dir = path.join(home, '.massgen', 'massgen_logs', runId, `turn_${turn}`);
  const audit = createRunAudit({
    turnDir: dir,
    homeDir: home,
    redactor: createRedactor({ env: {} }),
    runId,
    now: () => NOW,
  });
  for (const record of records) audit.append(record);
  await audit.close();
  return dir;
}

const lines = () => readFileSync(ledger, 'utf8').split('\n').slice(0, -1);
const rewrite = (list: string[]) => writeFileSync(ledger, `${list.join('\n')}\n`);

beforeEach(async () => {
  home = tempHome();
  // An older run first: the default is the latest run's latest turn.
  await writeRun('log_20260501_090000_000000', 1, [auditRecord(9)]);
  turnDir = await writeRun(
    RUN,
    2,
    [1, 2, 3, 4, 5].map((n) => auditRecord(n)),
  );
  mkdirSync(path.join(home, '.massgen', 'massgen_logs', RUN, 'turn_1'), { recursive: true });
  ledger = path.join(turnDir, 'audit.jsonl');
});

describe('massgen audit verify (CLI)', () => {
  it('passes the latest run’s untouched ledger (exit 0)', async () => {
    const result = await runCli(['audit', 'verify'], { cwd: home });
    expect(result).toEqual({ code: 0, stdout: `OK: 5 records, chain intact (${ledger})\n`, stderr: '' });
  });

  it('finds the ledger in a run folder, and checks the user’s ledger with --user or its folder', async () => {
    const userFile = path.join(home, '.massgen', 'audit', '2026-05.jsonl');
    const byRun = await runCli(['audit', 'verify', path.join('.massgen', 'massgen_logs', RUN)], {
      cwd: home,
    });
    expect(byRun.stdout).toBe(`OK: 5 records, chain intact (${ledger})\n`);
    const user = await runCli(['audit', 'verify', '--user'], { cwd: home });
    expect(user).toEqual({ code: 0, stdout: `OK: 6 records, chain intact (${userFile})\n`, stderr: '' });
    const folder = await runCli(['audit', 'verify', path.join(home, '.massgen', 'audit')], { cwd: home });
    expect(folder.stdout).toBe(user.stdout);
  });

  it('fails naming line 3 after one byte of it was changed', async () => {
    const list = lines();
    expect(list[2]).toContain('"body":"message 3"');
    rewrite([...list.slice(0, 2), list[2]!.replace('message 3', 'message 8'), ...list.slice(3)]);
    const result = await runCli(['audit', 'verify', ledger], { cwd: home });
    expect(result).toEqual({
      code: 1,
      stdout: '',
      stderr: `FAILED: ${ledger}: line 3: hash mismatch: the line was changed after it was written\n`,
    });
  });

  it('fails naming line 3 after line 3 was deleted', async () => {
    const list = lines();
    rewrite([...list.slice(0, 2), ...list.slice(3)]);
    const result = await runCli(['audit', 'verify', ledger], { cwd: home });
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      `FAILED: ${ledger}: line 3: the line has seq 4 where seq 3 was expected (a line was deleted, inserted or moved)\n`,
    );
  });

  it('fails naming line 2 after lines 2 and 3 were swapped', async () => {
    const list = lines();
    rewrite([list[0]!, list[2]!, list[1]!, ...list.slice(3)]);
    const result = await runCli(['audit', 'verify', ledger], { cwd: home });
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      `FAILED: ${ledger}: line 2: the line has seq 3 where seq 2 was expected (a line was deleted, inserted or moved)\n`,
    );
  });

  it('fails naming a forged line appended without the right prev', async () => {
    const list = lines();
    const forged = chainLine(
      { ...auditRecord(7, { outcome: 'run', decidedBy: 'human' }) },
      list.length + 1,
      'a'.repeat(64),
    );
    rewrite([...list, forged.text]);
    const result = await runCli(['audit', 'verify', ledger], { cwd: home });
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      `FAILED: ${ledger}: line 7: broken prev link: its prev is not the hash of line 6 (a line was replaced, inserted or moved)\n`,
    );
  });

  it('names a line that is not JSON, showing the control characters it holds', async () => {
    const list = lines();
    rewrite([list[0]!, '\u001b]0;pwned\u0007', ...list.slice(2)]);
    const result = await runCli(['audit', 'verify', ledger], { cwd: home });
    expect(result.code).toBe(1);
    expect(result.stderr.startsWith(`FAILED: ${ledger}: line 2: the line is not valid JSON (`)).toBe(true);
    expect(result.stderr).toContain('␛]0;pwned␇');
    expect(result.stderr).not.toMatch(/[\u0000-\u0009\u000b-\u001f]/);
  });

  it('says when a run’s ledger has no seal (its last lines may have been cut)', async () => {
    rewrite(lines().slice(0, 4));
    const result = await runCli(['audit', 'verify', ledger], { cwd: home });
    expect(result).toEqual({
      code: 0,
      stdout: `OK: 4 records, chain intact; not sealed: its run has not ended (or was killed), or lines were cut from its end (${ledger})\n`,
      stderr: '',
    });
  });

  it('names the folder and what to give when there is no ledger', async () => {
    const empty = tempHome();
    const result = await runCli(['audit', 'verify'], { cwd: empty });
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      `error: no runs in ${path.join(empty, '.massgen', 'massgen_logs')}: give a ledger file, a log folder or the user's ledger (${path.join(empty, '.massgen', 'audit')})\n`,
    );
  });
});

describe('massgen audit show (CLI)', () => {
  it('--json --run ID: the decisions of that run from the user’s ledger, exactly', async () => {
    const userFile = path.join(home, '.massgen', 'audit', '2026-05.jsonl');
    const result = await runCli(['audit', 'show', '--json', '--run', RUN], { cwd: home });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual(
      [1, 2, 3, 4, 5].map((n) => ({ ledger: userFile, line: n + 1, ...auditRecord(n), runId: RUN })),
    );
  });

  it('lists a ledger’s records as a table, grouped by run, with control characters shown', async () => {
    const dir = await writeRun('log_20260503_080000_000000', 1, [
      auditRecord(1, {
        agentId: 'agent\u001b[2J1',
        outcome: 'run',
        decidedBy: 'human',
        feedback: 'fine\nby me',
      }),
      auditRecord(2, {
        toolName: 'execute_command',
        rule: 'execute_command(git push*)',
        risk: { level: 'irreversible', openWorld: false, source: 'command', reason: 'push' },
      }),
    ]);
    const result = await runCli(['audit', 'show', dir], { cwd: home });
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(
      [
        '  TIME                  AGENT       TOOL             RISK                      OUTCOME  DECIDED BY          RULE / FEEDBACK',
        'run log_20260503_080000_000000',
        '  2026-05-02T10:15:01Z  agent␛[2J1  mcp__mail__send  irreversible, open-world  run      human               feedback "fine by me"',
        '  2026-05-02T10:15:02Z  agent1      execute_command  irreversible              denied   automation-default  rule execute_command(git push*)',
        '2 decisions',
        '',
      ].join('\n'),
    );
  });

  it('warns and exits 1 when the ledger it lists is broken', async () => {
    const list = lines();
    rewrite([...list.slice(0, 2), ...list.slice(3)]);
    const result = await runCli(['audit', 'show', '--json', ledger], { cwd: home });
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout).map((r: AuditRecord) => r.toolCallId)).toEqual(['call_1', 'call_2']);
    expect(result.stderr).toBe(
      `warning: ${ledger}: line 3: the line has seq 4 where seq 3 was expected (a line was deleted, inserted or moved); the records from there on are not shown (see massgen audit verify)\n`,
    );
  });

  it('says so when nothing was recorded', async () => {
    const empty = tempHome();
    const result = await runCli(['audit', 'show'], { cwd: empty });
    expect(result).toEqual({
      code: 0,
      stdout: `No decisions recorded (${path.join(empty, '.massgen', 'audit')}).\n`,
      stderr: '',
    });
    const json = await runCli(['audit', 'show', '--json'], { cwd: empty });
    expect(json.stdout).toBe('[]\n');
  });
});
