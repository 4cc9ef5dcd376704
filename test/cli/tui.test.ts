/**
 * The live terminal UI in a real terminal: the built `massgen` runs inside tmux (160×45) against the
 * fake provider playing the demo scenario; the screen is read with `tmux capture-pane` (`-S -`: with
 * the scrollback) and keys are sent with `tmux send-keys` once the first frame is on screen.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { createFakeProvider, type FakeProvider } from '../fake-provider/server.js';
import { tempHome, writeFile } from '../support/cli.js';
import { exitCode, hasTmux, tmuxServer } from '../support/tmux.js';
import { DEMO_QUESTION, demoScenario } from '../ui/demo-scenario.js';
import { demoConfig } from '../ui/record-demo.js';

const inCi = Boolean(process.env.CI);
if (!hasTmux && !inCi) {
  console.warn('skipping the real-terminal UI test: tmux is not installed (CI installs it: see .ci/run)');
}

const { tmux, screen, scrollback, waitForScreen, startCli, kill } = tmuxServer(`massgen-test-${process.pid}`);
const count = (text: string, part: string) => text.split(part).length - 1;

/** The last line of the screen that is not blank. */
const lastLine = (text: string) =>
  text
    .split('\n')
    .filter((l) => l.trim() !== '')
    .at(-1) ?? '';

describe.skipIf(!hasTmux && !inCi)('terminal UI in tmux', () => {
  // One fake provider per test: the runs go side by side.
  let fast: FakeProvider;
  let slow: FakeProvider;
  let chat: FakeProvider;
  let cancel: FakeProvider;

  beforeAll(async () => {
    if (!hasTmux) throw new Error('tmux is required in CI for the terminal UI test (.ci/run installs it)');
    [fast, slow, chat, cancel] = await Promise.all([
      createFakeProvider({ scenario: demoScenario(0.2) }),
      createFakeProvider({ scenario: demoScenario(1) }),
      createFakeProvider({ scenario: demoScenario(0.2) }),
      createFakeProvider({ scenario: demoScenario(1) }),
    ]);
  });
  afterAll(async () => {
    kill();
    await Promise.all([fast, slow, chat, cancel].map((p) => p?.close()));
  });

  it.concurrent('a single run streams three agents side by side, then exits by itself (0), leaving the final answer and the summary in the scrollback', async ({
    expect,
  }) => {
    const home = tempHome();
    const config = writeFile(home, 'demo.yaml', demoConfig(fast.baseUrls));
    const exitFile = startCli('run', home, ['--config', config, DEMO_QUESTION]);

    await waitForScreen('run', (s) => s.includes('MassGen · What are the trade-offs'));
    const streaming = await waitForScreen('run', (s) => /working/.test(s) && s.includes('Event sourcing'));
    const titles = streaming.split('\n').find((l) => l.includes('1 gpt5mini'))!;
    expect(titles).toMatch(/1 gpt5mini.*2 claude.*3 gemini/);
    expect(streaming).toContain('q quit (interrupts the run)');

    expect(await exitCode(exitFile, 30_000)).toBe(0);
    const all = scrollback('run');
    // The last frame (one line per agent), then the whole answer as Markdown, then the summary.
    expect(all).toMatch(
      /completed · \d+\.\ds · votes 3\/3 \(gemini 2, gpt5mini 1\) · \d+k tokens · \$0\.\d{4}/,
    );
    expect(all).toMatch(/ 3 gemini +★ winner/);
    expect(count(all, 'Final answer (gemini):')).toBe(1);
    expect(all).toContain('## Event sourcing: the trade-offs');
    expect(all).toContain('Audit trail for free');
    expect(all).not.toContain('**Audit trail');
    expect(all).toMatch(/│ Eventual consistency +│ read models lag the write side/);
    expect(count(all, '★ Winner: gemini (votes: gemini 2, gpt5mini 1) · completed in')).toBe(1);
    expect(all).toMatch(
      /\n\d+k tokens · \$0\.\d{4} · logs: .*\.massgen\/massgen_logs\/log_\d+_\d+_\d+\/turn_1\n/,
    );
    expect(all).toMatch(
      /Saved as turn 1 of session session_\d+_\d+ \(continue it with: massgen --continue\)\./,
    );
    // Nothing waited for a key.
    expect(all).not.toContain('Finished.');
    // The whole answer comes after the UI's last frame, and the summary after the answer.
    expect(all.indexOf('Final answer (gemini):')).toBeGreaterThan(all.lastIndexOf('3 gemini'));
    expect(all.indexOf('★ Winner: gemini')).toBeGreaterThan(all.indexOf('crypto-shredding of personal data'));
  });

  it.concurrent('keys work during a run: v shows the votes, Esc goes back, q interrupts (exit 4, logs flushed)', async ({
    expect,
  }) => {
    const home = tempHome();
    const config = writeFile(home, 'demo.yaml', demoConfig(slow.baseUrls));
    const exitFile = startCli('stop', home, ['--config', config, DEMO_QUESTION]);
    await waitForScreen('stop', (s) => s.includes('working') && s.includes('1 gpt5mini'));
    tmux('send-keys', '-t', 'stop', 'v');
    const votes = await waitForScreen('stop', (s) => s.includes('Round 1'));
    expect(votes).toContain('↑↓ scroll · v/esc back');
    tmux('send-keys', '-t', 'stop', 'Escape');
    await waitForScreen('stop', (s) => s.includes('enter full output') && s.includes('1 gpt5mini'));
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

  it.concurrent('interactive mode: two turns in the live UI, /view browses the last one, each turn stays in the scrollback', async ({
    expect,
  }) => {
    const home = tempHome();
    const config = writeFile(home, 'demo.yaml', demoConfig(chat.baseUrls));
    const exitFile = startCli('chat', home, ['--config', config]);
    const atPrompt = (s: string) => lastLine(s) === 'massgen>';
    await waitForScreen('chat', (s) => s.includes('interactive mode') && atPrompt(s));

    tmux('send-keys', '-t', 'chat', '-l', DEMO_QUESTION);
    tmux('send-keys', '-t', 'chat', 'Enter');
    const live = await waitForScreen('chat', (s) => s.includes('working') && s.includes('1 gpt5mini'));
    expect(live).toContain('q cancel this turn');
    const first = await waitForScreen('chat', (s) => s.includes('Saved as turn 1') && atPrompt(s), 30_000);
    expect(first).toContain("Type /view to look at this turn's agents, full outputs and votes.");

    // The finished turn again: gemini's full output holds its revised answer whole.
    tmux('send-keys', '-t', 'chat', '-l', '/view');
    tmux('send-keys', '-t', 'chat', 'Enter');
    // The key help shows once the view reads keys; each key is sent once the previous one took effect.
    await waitForScreen('chat', (s) => s.includes('q back to the prompt'));
    tmux('send-keys', '-t', 'chat', '3');
    await waitForScreen('chat', (s) => s.includes('║3 gemini'));
    tmux('send-keys', '-t', 'chat', 'Enter');
    const detail = await waitForScreen('chat', (s) => s.includes('3 gemini gemini/gemini-2.5-flash'));
    expect(detail).toContain('✓ answer agent3.2:');
    expect(detail).toContain('Verdict: worth it where history and behaviour are the product');
    tmux('send-keys', '-t', 'chat', 'Escape');
    await waitForScreen('chat', (s) => s.includes('q back to the prompt'));
    tmux('send-keys', '-t', 'chat', 'v');
    await waitForScreen('chat', (s) => s.includes('Round 1 · choices'));
    tmux('send-keys', '-t', 'chat', 'q');
    const back = await waitForScreen('chat', (s) => atPrompt(s) && !s.includes('Round 1'));
    expect(back).not.toContain('q back to the prompt');

    // The same demo again for the second turn (the scenario counts calls per model).
    chat.setScenario(demoScenario(0.2));
    tmux('send-keys', '-t', 'chat', '-l', 'Which of them matter for a small team?');
    tmux('send-keys', '-t', 'chat', 'Enter');
    await waitForScreen('chat', (s) => s.includes('MassGen · Which of them matter'));
    const second = await waitForScreen('chat', (s) => s.includes('Saved as turn 2') && atPrompt(s), 30_000);
    expect(second).not.toContain('Type /view');
    tmux('send-keys', '-t', 'chat', '-l', '/quit');
    tmux('send-keys', '-t', 'chat', 'Enter');
    expect(await exitCode(exitFile)).toBe(0);

    const all = scrollback('chat');
    expect(count(all, '── Turn 1 of session')).toBe(1);
    expect(count(all, '── Turn 2 of session')).toBe(1);
    expect(count(all, 'Final answer (gemini):')).toBe(2);
    expect(count(all, '★ Winner: gemini (votes: gemini 2, gpt5mini 1)')).toBe(2);
    expect(count(all, 'Audit trail for free')).toBe(2);
    expect(all).toMatch(/logs: .*\/turn_1\n[\s\S]*logs: .*\/turn_2\n/);
    // The browsing view erased itself; the live frames left only their last, short frame.
    expect(count(all, 'q back to the prompt')).toBe(0);
    expect(count(all, 'q cancel this turn')).toBe(0);
    expect(all.indexOf('── Turn 2')).toBeGreaterThan(all.indexOf('massgen> /view'));
  });

  it.concurrent('interactive mode: Ctrl-C in the live UI cancels the turn and the prompt comes back; Ctrl-C at the empty prompt quits', async ({
    expect,
  }) => {
    const home = tempHome();
    const config = writeFile(home, 'demo.yaml', demoConfig(cancel.baseUrls));
    const exitFile = startCli('cancel', home, ['--config', config]);
    const atPrompt = (s: string) => lastLine(s) === 'massgen>';
    await waitForScreen('cancel', (s) => s.includes('interactive mode') && atPrompt(s));
    tmux('send-keys', '-t', 'cancel', '-l', DEMO_QUESTION);
    tmux('send-keys', '-t', 'cancel', 'Enter');
    await waitForScreen('cancel', (s) => s.includes('working') && s.includes('q cancel this turn'));
    tmux('send-keys', '-t', 'cancel', 'C-c');
    const cancelled = await waitForScreen(
      'cancel',
      (s) => s.includes('Run cancelled') && atPrompt(s),
      20_000,
    );
    expect(cancelled).toMatch(/Run interrupted after \d+\.\ds/);
    expect(cancelled).toContain('Run cancelled; this turn was not saved.');
    tmux('send-keys', '-t', 'cancel', 'C-c');
    expect(await exitCode(exitFile)).toBe(0);
    const logs = path.join(home, '.massgen/massgen_logs');
    const run = readdirSync(logs).find((d) => d.startsWith('log_'))!;
    const status = JSON.parse(readFileSync(path.join(logs, run, 'turn_1/status.json'), 'utf8'));
    expect(status.run.status).toBe('interrupted');
    expect(existsSync(path.join(home, '.massgen/sessions'))).toBe(true);
    expect(readdirSync(path.join(home, '.massgen/sessions')).filter((d) => d.startsWith('session_'))).toEqual(
      [],
    );
  });
});
