/**
 * The live terminal UI of a hostile run, in a real terminal: the built `massgen` runs inside tmux
 * (clipboard writes from applications accepted, `set-clipboard on`), under `script`, which records
 * every byte it writes. A control pane first shows that the same sequences printed raw do set the
 * title and the clipboard; the run and its replay in the UI must set neither, their bytes must hold
 * none of the injected sequences, and the screen shows them as symbols.
 */
import { execFile, execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFakeProvider, type FakeProvider } from '../fake-provider/server.js';
import { CLI, tempHome, writeFile } from '../support/cli.js';
import { hostileConfig, hostileScenario, QUESTION, QUESTION_SHOWN } from '../support/hostile-run.js';
import { HOSTILE, SHOWN } from '../support/hostile-text.js';

const available = (command: string, arg: string) => spawnSync(command, [arg]).status === 0;
const hasTools = available('tmux', '-V') && available('script', '--version');
const inCi = Boolean(process.env.CI);
if (!hasTools && !inCi) {
  console.warn('skipping the hostile terminal UI test: tmux and script (util-linux) are needed');
}

const SOCKET = `massgen-hostile-${process.pid}`;
const tmux = (...args: string[]) => execFileSync('tmux', ['-L', SOCKET, ...args], { encoding: 'utf8' });
const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
const title = (pane: string) => tmux('display-message', '-p', '-t', pane, '#{pane_title}').trim();
const buffers = () => tmux('list-buffers', '-F', '#{buffer_sample}').trim();

/** Polls the pane (with its scrollback) until `predicate` holds; fails with the last text. */
async function waitForPane(pane: string, predicate: (text: string) => boolean, timeoutMs = 20_000) {
  const start = Date.now();
  let last = '';
  while (Date.now() - start < timeoutMs) {
    const { stdout } = await promisify(execFile)(
      'tmux',
      ['-L', SOCKET, 'capture-pane', '-p', '-S', '-', '-t', pane],
      { encoding: 'utf8' },
    );
    last = stdout;
    if (predicate(last)) return last;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`the pane did not show what was expected within ${timeoutMs} ms:\n${last}`);
}

/** Runs `massgen args…` (the question read from a file) in window `name`, its bytes kept in `<name>.raw`. */
function startRecorded(name: string, home: string, args: string[]): { raw: string; exit: string } {
  const raw = path.join(home, `${name}.raw`);
  const exit = path.join(home, `${name}.exit`);
  const script = writeFile(
    home,
    `${name}.sh`,
    [
      `cd ${quote(home)}`,
      `exec env -u CI -u CONTINUOUS_INTEGRATION HOME=${quote(home)} MASSGEN_RETRY_BASE_MS=20 ${quote(process.execPath)} ${quote(CLI)} ${args.map(quote).join(' ')} "$(cat question.txt)"`,
      '',
    ].join('\n'),
  );
  const command = `script -qfec ${quote(`sh ${quote(script)}`)} ${quote(raw)}; echo $? > ${quote(exit)}; sleep 120`;
  tmux('new-window', '-d', '-t', 'hostile', '-n', name, command);
  return { raw, exit };
}

async function exitCode(file: string, timeoutMs = 30_000): Promise<number> {
  const start = Date.now();
  while (!existsSync(file) || readFileSync(file, 'utf8').trim() === '') {
    if (Date.now() - start > timeoutMs) throw new Error('massgen did not exit');
    await new Promise((r) => setTimeout(r, 50));
  }
  return Number(readFileSync(file, 'utf8').trim());
}

/**
 * The injected sequences found in bytes a display wrote: any OSC, DCS or string terminator, BEL, a
 * status query, a reset, an 8-bit control. (Ink's own cursor moves and colours are CSI sequences
 * none of these match.)
 */
function injected(bytes: string): string[] {
  const found = bytes.match(/\u001b[\]P\\c]|\u0007|\u001b\[>?c|\u001b\[6n|[\u0080-\u009f]/g) ?? [];
  return [...new Set(found.map((s) => JSON.stringify(s)))];
}

describe.skipIf(!hasTools && !inCi)('a hostile run in the terminal UI (tmux)', () => {
  let fake: FakeProvider;
  beforeAll(async () => {
    if (!hasTools) throw new Error('tmux and script are required in CI for the terminal UI tests');
    fake = await createFakeProvider({ scenario: hostileScenario() });
    tmux('-f', '/dev/null', 'new-session', '-d', '-s', 'hostile', '-x', '160', '-y', '45', 'sleep 300');
    tmux('set-option', '-g', 'set-clipboard', 'on');
  });
  afterAll(async () => {
    spawnSync('tmux', ['-L', SOCKET, 'kill-server']);
    await fake?.close();
  });

  it('sets no title and no clipboard, writes none of the sequences, and shows them as symbols (run, then replay)', async () => {
    const home = tempHome();
    writeFile(home, 'question.txt', QUESTION);
    const printf = writeFile(home, 'raw.txt', HOSTILE);

    // The probe works: the same text printed raw sets the title and writes the clipboard.
    tmux('new-window', '-d', '-t', 'hostile', '-n', 'control', `cat ${quote(printf)}; sleep 120`);
    await waitForPane('hostile:control', () => title('hostile:control').includes('PWNED'));
    expect(title('hostile:control')).toMatch(/^PWNED-/);
    expect(buffers()).toBe('HACKED');
    tmux('delete-buffer');
    tmux('kill-window', '-t', 'hostile:control');

    const config = hostileConfig(fake, home);
    const run = startRecorded('run', home, ['--config', config]);
    expect(await exitCode(run.exit)).toBe(0);
    const screen = await waitForPane('hostile:run', (s) => s.includes('Saved as turn 1'));
    expect(injected(readFileSync(run.raw, 'utf8'))).toEqual([]);
    expect(title('hostile:run')).not.toContain('PWNED');
    expect(buffers()).toBe('');
    expect(screen).toContain(`MassGen · ${QUESTION_SHOWN}`);
    // The final answer is Markdown: its `<name:…>` read as HTML tags, the sequences shown inside.
    expect(screen).toContain(`Final answer (`);
    expect(screen).toContain(`clipboard:${SHOWN.clipboard}`);
    expect(screen).toContain(`title:${SHOWN.title}`);

    // The recorded run played back in the UI: the question and the texts come from the log file.
    const logs = path.join(home, '.massgen/massgen_logs');
    const turn = path.join(logs, readdirSync(logs).find((d) => d.startsWith('log_'))!, 'turn_1');
    writeFile(home, 'question.txt', turn);
    const replay = startRecorded('replay', home, ['replay', '--speed', '0']);
    await waitForPane('hostile:replay', (s) => s.includes('Finished. ') && s.includes('q exit'));
    tmux('send-keys', '-t', 'hostile:replay', 'q');
    expect(await exitCode(replay.exit)).toBe(0);
    const replayed = await waitForPane('hostile:replay', (s) => /Final answer \(\w\):/.test(s));
    expect(injected(readFileSync(replay.raw, 'utf8'))).toEqual([]);
    expect(title('hostile:replay')).not.toContain('PWNED');
    expect(buffers()).toBe('');
    expect(replayed).toContain(`MassGen [replay ×0] · ${QUESTION_SHOWN}`);
    expect(replayed).toContain(`clipboard:${SHOWN.clipboard}`);
  });
});
