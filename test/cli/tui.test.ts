/**
 * The live terminal UI in a real terminal: the built `massgen` runs inside tmux (160×45) against the
 * fake provider playing the demo scenario; the screen is read with `tmux capture-pane` and keys are
 * sent with `tmux send-keys` once the first frame is on screen.
 */
import { execFile, execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { createFakeProvider, type FakeProvider } from '../fake-provider/server.js';
import { CLI, tempHome, writeFile } from '../support/cli.js';
import { DEMO_QUESTION, demoScenario } from '../ui/demo-scenario.js';
import { demoConfig } from '../ui/record-demo.js';

const hasTmux = spawnSync('tmux', ['-V']).status === 0;
const inCi = Boolean(process.env.CI);
if (!hasTmux && !inCi) {
  console.warn('skipping the real-terminal UI test: tmux is not installed (CI installs it: see .ci/run)');
}

const SOCKET = `massgen-test-${process.pid}`;
const tmux = (...args: string[]) => execFileSync('tmux', ['-L', SOCKET, ...args], { encoding: 'utf8' });
const screen = (session: string) => tmux('capture-pane', '-p', '-t', session);
/** Reads the screen without blocking the event loop (the fake provider streams from this process). */
const readScreen = async (session: string) =>
  (
    await promisify(execFile)('tmux', ['-L', SOCKET, 'capture-pane', '-p', '-t', session], {
      encoding: 'utf8',
    })
  ).stdout;
const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/** Polls the screen until `predicate` holds; fails with the last screen. */
async function waitForScreen(session: string, predicate: (text: string) => boolean, timeoutMs = 15_000) {
  const start = Date.now();
  let last = '';
  while (Date.now() - start < timeoutMs) {
    last = await readScreen(session);
    if (predicate(last)) return last;
    await new Promise((r) => setTimeout(r, 80));
  }
  throw new Error(`screen did not show what was expected within ${timeoutMs} ms:\n${last}`);
}

/** Starts `massgen` in a new 160×45 tmux session; its exit code goes to `<home>/exit-code`. */
function startCli(session: string, home: string, args: string[]): string {
  const exitFile = path.join(home, 'exit-code');
  const command = [
    `cd ${quote(home)}`,
    `env -u CI -u CONTINUOUS_INTEGRATION HOME=${quote(home)} MASSGEN_RETRY_BASE_MS=20 ${quote(process.execPath)} ${quote(CLI)} ${args.map(quote).join(' ')}`,
    `echo $? > ${quote(exitFile)}`,
    'sleep 120',
  ].join('; ');
  tmux('new-session', '-d', '-s', session, '-x', '160', '-y', '45', command);
  return exitFile;
}

async function exitCode(file: string): Promise<number> {
  const start = Date.now();
  while (!existsSync(file) || readFileSync(file, 'utf8').trim() === '') {
    if (Date.now() - start > 10_000) throw new Error('massgen did not exit');
    await new Promise((r) => setTimeout(r, 50));
  }
  return Number(readFileSync(file, 'utf8').trim());
}

describe.skipIf(!hasTmux && !inCi)('terminal UI in tmux', () => {
  // One fake provider per test: the two runs go side by side.
  let fast: FakeProvider;
  let slow: FakeProvider;

  beforeAll(async () => {
    if (!hasTmux) throw new Error('tmux is required in CI for the terminal UI test (.ci/run installs it)');
    fast = await createFakeProvider({ scenario: demoScenario(0.2) });
    slow = await createFakeProvider({ scenario: demoScenario(1) });
  });
  afterAll(async () => {
    spawnSync('tmux', ['-L', SOCKET, 'kill-server']);
    await fast?.close();
    await slow?.close();
  });

  it.concurrent('streams three agents side by side, shows votes, the final answer and the vote table; q exits', async ({
    expect,
  }) => {
    const home = tempHome();
    const config = writeFile(home, 'demo.yaml', demoConfig(fast.baseUrls));
    const exitFile = startCli('run', home, ['--config', config, DEMO_QUESTION]);

    await waitForScreen('run', (s) => s.includes('MassGen · What are the trade-offs'));
    const streaming = await waitForScreen('run', (s) => /working/.test(s) && s.includes('Event sourcing'));
    const titles = streaming.split('\n').find((l) => l.includes('1 gpt5mini'))!;
    expect(titles).toMatch(/1 gpt5mini.*2 claude.*3 gemini/);

    const done = await waitForScreen('run', (s) => s.includes('★ Winner: gemini') && s.includes('Finished.'));
    expect(done).toMatch(
      /completed · \d+\.\ds · votes 3\/3 \(gemini 2, gpt5mini 1\) · \d+k tokens · \$0\.\d{4}/,
    );
    expect(done).toContain('→ voted for gemini');
    expect(done).toContain('Final answer · gemini');
    expect(done).toContain('Event sourcing: the trade-offs');

    tmux('send-keys', '-t', 'run', 'v');
    const votes = await waitForScreen('run', (s) => s.includes('Round 1 · choices'));
    expect(votes).toMatch(/claude +→ gemini \(agent3\) +After its revision/);
    expect(votes).toMatch(/Round \d+ · choices agent1\.1, agent2\.1, agent3\.2 · current/);
    expect(votes).toContain('Winner: gemini (gemini 2, gpt5mini 1)');

    tmux('send-keys', '-t', 'run', 'q');
    expect(await exitCode(exitFile)).toBe(0);
    const after = screen('run');
    expect(after).toContain('Final answer (gemini):');
    expect(after).toContain('★ Winner: gemini');
  });

  it.concurrent('q while the agents work interrupts the run: exit 4, logs flushed', async ({ expect }) => {
    const home = tempHome();
    const config = writeFile(home, 'demo.yaml', demoConfig(slow.baseUrls));
    const exitFile = startCli('stop', home, ['--config', config, DEMO_QUESTION]);
    await waitForScreen('stop', (s) => s.includes('working') && s.includes('1 gpt5mini'));
    tmux('send-keys', '-t', 'stop', 'q');
    expect(await exitCode(exitFile)).toBe(4);
    expect(screen('stop')).toMatch(/Run interrupted after/);
    const logs = path.join(home, '.massgen/massgen_logs');
    const run = readdirSync(logs).find((d) => d.startsWith('log_'))!;
    const lines = readFileSync(path.join(logs, run, 'turn_1/events.jsonl'), 'utf8')
      .trim()
      .split('\n');
    expect(JSON.parse(lines[lines.length - 1]!)).toMatchObject({ type: 'run-end', status: 'interrupted' });
  });
});
