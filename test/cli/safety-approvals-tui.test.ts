/**
 * Approvals in the terminal UI, in a real terminal (tmux): the presenter's call of the destructive
 * ledger tool opens the approval modal; `y` runs it once, `a` also writes an allow rule to the
 * project's policy file (a second run needs no approval), `n` and a message deny it and the message
 * reaches the model. With `--approval-dir` the folder decides instead, the UI only shows the request.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, watch, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { CoordinationEvent } from '../../src/events/types.js';
import { createFakeProvider, type FakeProvider } from '../fake-provider/server.js';
import { tempHome } from '../support/cli.js';
import {
  eagerLedger,
  fileLines,
  LEDGER_TOOL,
  ledgerResults,
  ofType,
  PRESENTED,
  threeLedgerAgents,
} from '../support/ledger-run.js';
import { exitCode, hasTmux, tmuxServer } from '../support/tmux.js';
import { events } from '../tools/cli-helpers.js';

const inCi = Boolean(process.env.CI);
if (!hasTmux && !inCi) console.warn('skipping the approval modal test: tmux is not installed');

const { tmux, waitForScreen, scrollback, startCli, kill } = tmuxServer(`massgen-approvals-${process.pid}`);
const QUESTION = 'Record the decision in the ledger.';

/** The events of each run in `home`, oldest first. */
function runs(home: string): CoordinationEvent[][] {
  const root = path.join(home, '.massgen', 'massgen_logs');
  return readdirSync(root)
    .filter((d) => d.startsWith('log_'))
    .sort()
    .map((d) => events(path.join(root, d, 'turn_1')));
}

describe.skipIf(!hasTmux && !inCi)('approvals in the terminal UI (tmux)', () => {
  let fake: FakeProvider;
  beforeAll(async () => {
    if (!hasTmux) throw new Error('tmux is required in CI for the terminal UI tests');
    fake = await createFakeProvider({ scenario: eagerLedger });
  });
  afterAll(async () => {
    kill();
    await fake?.close();
  });

  it('the modal shows the call; y approves it once: the ledger gets exactly one line', async () => {
    const home = tempHome();
    const ledger = path.join(home, 'ledger.txt');
    const config = threeLedgerAgents(() => fake, home, ledger);
    const exitFile = startCli('once', home, ['--config', config, QUESTION]);
    const modal = await waitForScreen('once', (s) => s.includes('Approval needed'), 30_000);
    expect(modal).toContain(`Approval needed: agent a wants to run ${LEDGER_TOOL}`);
    expect(modal).toMatch(/risk: irreversible — /);
    expect(modal).toContain(`"line": "${PRESENTED}"`);
    expect(modal).toContain(
      'y approve once · s this run · a always (policy file) · n deny with a message · esc deny',
    );
    expect(fileLines(ledger)).toEqual([]);
    tmux('send-keys', '-t', 'once', 'y');
    expect(await exitCode(exitFile, 30_000)).toBe(0);
    expect(fileLines(ledger)).toEqual([PRESENTED]);
    const [all] = runs(home);
    expect(ofType(all!, 'approval-decision').map((d) => [d.approved, d.scope, d.by])).toEqual([
      [true, 'once', 'human'],
    ]);
    expect(scrollback('once')).toContain(`Final: appended: ${PRESENTED}`);
  });

  it('a (always) writes the allow rule to the project policy file, and a second run needs no approval', async () => {
    const home = tempHome();
    const user = path.join(home, 'user');
    const ledger = path.join(home, 'ledger.txt');
    const config = threeLedgerAgents(() => fake, home, ledger);
    const first = startCli('always', home, ['--config', config, QUESTION], { HOME: user });
    await waitForScreen('always', (s) => s.includes('Approval needed'), 30_000);
    tmux('send-keys', '-t', 'always', 'a');
    expect(await exitCode(first, 30_000)).toBe(0);
    expect(fileLines(ledger)).toEqual([PRESENTED]);
    const policy = readFileSync(path.join(home, '.massgen', 'policy.yaml'), 'utf8');
    expect(parse(policy)).toEqual({ rules: { allow: [LEDGER_TOOL] } });
    expect(existsSync(path.join(user, '.massgen', 'policy.yaml'))).toBe(false);

    const second = startCli('again', home, ['--config', config, QUESTION], { HOME: user });
    expect(await exitCode(second, 30_000)).toBe(0);
    expect(fileLines(ledger)).toEqual([PRESENTED, PRESENTED]);
    const [, again] = runs(home);
    expect(ofType(again!, 'approval-request')).toEqual([]);
    expect(ofType(again!, 'tool-denied')).toEqual([]);
  });

  it('n and a message deny the call; the message reaches the model', async () => {
    const home = tempHome();
    const ledger = path.join(home, 'ledger.txt');
    const config = threeLedgerAgents(() => fake, home, ledger);
    const before = fake.requests.length;
    const exitFile = startCli('deny', home, ['--config', config, QUESTION]);
    await waitForScreen('deny', (s) => s.includes('Approval needed'), 30_000);
    tmux('send-keys', '-t', 'deny', 'n');
    await waitForScreen('deny', (s) => s.includes('message to the model (optional)'));
    tmux('send-keys', '-t', 'deny', '-l', 'use the staging ledger');
    await waitForScreen('deny', (s) => s.includes('> use the staging ledger'));
    tmux('send-keys', '-t', 'deny', 'Enter');
    expect(await exitCode(exitFile, 30_000)).toBe(0);
    expect(fileLines(ledger)).toEqual([]);
    const told = fake.requests
      .slice(before)
      .filter((q) => q.model === 'safety-a')
      .flatMap(ledgerResults);
    expect(told.at(-1)).toBe('Not allowed: not approved (human). Feedback: use the staging ledger');
    const [all] = runs(home);
    expect(ofType(all!, 'approval-decision').map((d) => [d.approved, d.by, d.feedback])).toEqual([
      [false, 'human', 'use the staging ledger'],
    ]);
  });

  it('with --approval-dir the approval folder decides, also in the terminal UI (no modal)', async () => {
    const home = tempHome();
    const ledger = path.join(home, 'ledger.txt');
    const dir = path.join(home, 'approvals');
    mkdirSync(dir);
    const config = threeLedgerAgents(() => fake, home, ledger);
    const request = new Promise<string>((resolve) => {
      const seen = (name: string | null) => {
        if (name?.startsWith('req_') && name.endsWith('.json')) {
          watcher.close();
          resolve(path.join(dir, name));
        }
      };
      const watcher = watch(dir, (_event, name) => seen(name));
    });
    const exitFile = startCli('folder', home, ['--config', config, '--approval-dir', dir, QUESTION]);
    const file = await request;
    const { response_file } = JSON.parse(readFileSync(file, 'utf8')) as { response_file: string };
    const screen = await waitForScreen('folder', (s) => s.includes('approval request written to'));
    expect(screen).not.toContain('Approval needed');
    writeFileSync(response_file, '{"approved": true}');
    expect(await exitCode(exitFile, 30_000)).toBe(0);
    expect(fileLines(ledger)).toEqual([PRESENTED]);
    const [all] = runs(home);
    expect(ofType(all!, 'approval-decision').map((d) => [d.approved, d.by])).toEqual([[true, 'file']]);
  });
});
