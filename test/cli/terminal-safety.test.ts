/**
 * A hostile model cannot drive the terminal: its answer, reasoning, tool arguments, tool results,
 * provider errors and the question carry clipboard writes, title changes, screen clears and status
 * queries; no display prints one raw. Each display runs as the built `massgen` against the fake
 * provider, and its stdout and stderr are searched for control characters (line feed and tab aside).
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFakeProvider, type FakeProvider } from '../fake-provider/server.js';
import { type CliResult, field, runCli, tempHome } from '../support/cli.js';
import { hostileConfig, hostileScenario, QUESTION, QUESTION_SHOWN } from '../support/hostile-run.js';
import { rawControls, SHOWN } from '../support/hostile-text.js';

let fake: FakeProvider;
beforeAll(async () => {
  fake = await createFakeProvider();
});
afterAll(async () => {
  await fake.close();
});

const config = (home: string, models?: string[]) => hostileConfig(fake, home, models);

/** Asserts that neither stream holds a raw control character. */
function expectNoControls(r: CliResult) {
  expect(rawControls(r.stdout)).toEqual([]);
  expect(rawControls(r.stderr)).toEqual([]);
}

describe('hostile text on the terminal, through the CLI', () => {
  it('the plain display shows every sequence as symbols: answer, reasoning, tool results, errors, the question', async () => {
    fake.setScenario(hostileScenario());
    const home = tempHome();
    const r = await runCli(['--reasoning', '--config', config(home), QUESTION], { cwd: home });
    expect(r.code).toBe(0);
    expectNoControls(r);
    const out = r.stdout;
    expect(out).toContain(`Question: ${QUESTION_SHOWN}\n`);
    expect(out).toContain(`[a] Thinking <clipboard:${SHOWN.clipboard}>`);
    expect(out).toContain(`[a] Streaming <clipboard:${SHOWN.clipboard}>`);
    // The file's text read back, the command's output, the error naming the hostile path.
    expect(out).toMatch(/↳ \[a\] read_file → <clipboard:␛\]52;c;SEFDS0VE␇>/);
    expect(out).toMatch(/↳ \[a\] execute_command → .*␛\]0;PWNED-CMD␇done/);
    expect(out).toMatch(/↳ \[a\] ✗ .*missing␛\[2J␛\[3J\.txt/);
    expect(out).toMatch(
      /↻ \[b\] retrying in .* \(429: rate_limit_exceeded: Slow down <clipboard:␛\]52;c;SEFDS0VE␇>/,
    );
    expect(out).toMatch(/❌ \[c\] 400 invalid_request_error: Bad request <clipboard:␛\]52;c;SEFDS0VE␇>/);
    expect(out).toMatch(/⛔ \[c\] dropped: 400 invalid_request_error: Bad request <clipboard:/);
    expect(out).toMatch(/🗳️ \[a\] voted for \w: Best\. <clipboard:/);
    expect(out).toContain(`Final: <clipboard:${SHOWN.clipboard}> <title:${SHOWN.title}>`);
    expect(out).toContain('<rewrite:safe␈␈␈␈evil␍hidden> <del:x␡y>');
  });

  it('--automation prints KEY: value lines only, none of them raw or forged by a line break', async () => {
    fake.setScenario(hostileScenario());
    const home = tempHome();
    const r = await runCli(['--automation', '--config', config(home), QUESTION], { cwd: home });
    expect(r.code).toBe(0);
    expectNoControls(r);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines.filter((l) => !/^[A-Z_]+: /.test(l))).toEqual([
      '[Coordination in progress - monitor status.json for real-time updates]',
    ]);
    expect(field(r.stdout, 'QUESTION')).toBe(QUESTION_SHOWN);
    expect(field(r.stdout, 'AGENT_DROPPED')).toMatch(
      /^c: 400 invalid_request_error: Bad request <clipboard:␛\]52;c;SEFDS0VE␇>/,
    );
    expect(field(r.stdout, 'ANSWER_PREVIEW')).toMatch(/^Final: <clipboard:␛\]52;c;SEFDS0VE␇> <title:/);
    expect(lines.filter((l) => l.startsWith('WINNER: '))).toHaveLength(1);
  });

  it('a run that fails reports the providers’ errors without their sequences (stderr and stdout)', async () => {
    fake.setScenario(hostileScenario());
    const home = tempHome();
    const r = await runCli(['--config', config(home, ['evil-c']), QUESTION], { cwd: home });
    expect(r.code).toBe(2);
    expectNoControls(r);
    expect(`${r.stdout}${r.stderr}`).toContain(`Bad request <clipboard:${SHOWN.clipboard}>`);
  });

  it('replay --plain of the log folder, --list-sessions and its JSON show the recorded text safely', async () => {
    fake.setScenario(hostileScenario());
    const home = tempHome();
    const run = await runCli(['--config', config(home), QUESTION], { cwd: home });
    expect(run.code).toBe(0);
    const logs = path.join(home, '.massgen/massgen_logs');
    const turn = path.join(logs, readdirSync(logs).find((d) => d.startsWith('log_'))!, 'turn_1');

    const replay = await runCli(['replay', '--plain', '--reasoning', '--speed', '0', turn], { cwd: home });
    expect(replay.code).toBe(0);
    expectNoControls(replay);
    expect(replay.stdout).toContain(`Question: ${QUESTION_SHOWN}\n`);
    expect(replay.stdout).toContain(`[a] Streaming <clipboard:${SHOWN.clipboard}>`);
    expect(replay.stdout).toContain(`Final: <clipboard:${SHOWN.clipboard}>`);

    const list = await runCli(['--list-sessions'], { cwd: home });
    expect(list.code).toBe(0);
    expectNoControls(list);
    expect(list.stdout).toContain(QUESTION_SHOWN);

    const json = await runCli(['--list-sessions', '--json'], { cwd: home });
    expect(json.code).toBe(0);
    expectNoControls(json);
    const sessions = JSON.parse(json.stdout) as Array<{ description: string }>;
    expect(sessions.map((s) => s.description)).toEqual([QUESTION]);
  });

  it('interactive mode on piped input: the turn, /sessions and /status print no sequence', async () => {
    fake.setScenario(hostileScenario());
    const home = tempHome();
    const r = await runCli(['--config', config(home)], {
      cwd: home,
      stdin: `${QUESTION}\n/sessions\n/status\n/quit\n`,
    });
    expect(r.code).toBe(0);
    expectNoControls(r);
    expect(r.stdout).toContain(`Question: ${QUESTION_SHOWN}\n`);
    expect(r.stdout).toContain(`Final: <clipboard:${SHOWN.clipboard}>`);
    expect(r.stdout).toMatch(/Saved as turn 1 of session/);
    // The /sessions table lists the turn's question, shown.
    expect(r.stdout).toMatch(new RegExp(`\\* session_\\S+ +1 .*${escapeRegExp(QUESTION_SHOWN)}`));
  });
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
