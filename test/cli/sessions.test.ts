import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { SessionInfo } from '../../src/sessions/types.js';
import { createFakeProvider, type FakeProvider } from '../fake-provider/server.js';
import {
  answerOf,
  historyLines,
  historyOf,
  oneAgent,
  readJson,
  requestsOf,
  sessionScenario,
  sessionsDir,
} from '../sessions/cli-helpers.js';
import { field, runCli, tempHome, writeFile } from '../support/cli.js';

let fake: FakeProvider;
let home: string;
let config: string;

beforeAll(async () => {
  fake = await createFakeProvider();
});
afterAll(() => fake.close());
beforeEach(() => {
  fake.setScenario(sessionScenario());
  home = tempHome();
  config = writeFile(home, 'c.yaml', oneAgent(fake));
});

const ask = async (question: string, ...flags: string[]) => {
  const r = await runCli(['--automation', ...flags, question], { cwd: home });
  expect(r.code, r.stderr).toBe(0);
  return field(r.stdout, 'SESSION_ID')!;
};

describe('sessions (CLI)', () => {
  it('saves single runs as sessions, lists them, and resumes one with --session-id', async () => {
    const first = await ask('Alpha?', '--config', config);
    const second = await ask('Beta?', '--config', config);
    expect(first).not.toBe(second);

    const list = await runCli(['--list-sessions'], { cwd: home });
    expect(list.code).toBe(0);
    const rows = list.stdout.split('\n').filter((l) => l.includes('session_'));
    expect(rows.map((l) => l.trim().split(/\s+/).slice(0, 2))).toEqual([
      [second, '1'],
      [first, '1'],
    ]);
    expect(rows[1]).toContain('Alpha?');

    const again = await ask('Gamma?', '--session-id', first);
    expect(again).toBe(first);
    expect(historyOf(requestsOf(fake, 'Gamma?')[0]!)).toBe(historyLines([['Alpha?', answerOf('Alpha?')]]));

    const json = await runCli(['--list-sessions', '--json'], { cwd: home });
    const entries: SessionInfo[] = JSON.parse(json.stdout);
    expect(entries.map((s) => [s.session_id, s.turns])).toEqual([
      [first, 2],
      [second, 1],
    ]);
    expect(entries[0]).toMatchObject({ description: 'Alpha?', path: path.join(sessionsDir(home), first) });
  });

  it('rejects an unknown session id, --continue with no session, and both flags together (exit 1)', async () => {
    const unknown = await runCli(['--session-id', 'session_19990101_000000', 'Q'], { cwd: home });
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('Unknown session "session_19990101_000000"');
    expect(unknown.stderr).toContain('massgen --list-sessions');

    const nothing = await runCli(['--continue', 'Q'], { cwd: home });
    expect(nothing.code).toBe(1);
    expect(nothing.stderr).toContain('No session to continue');

    const both = await runCli(['--continue', '--session-id', 'x', 'Q'], { cwd: home });
    expect(both.code).toBe(1);
    expect(both.stderr).toContain('cannot be combined');
    expect(existsSync(sessionsDir(home))).toBe(false);
  });

  it('a YAML session_id names a session: started on the first run, continued on the next', async () => {
    const named = writeFile(home, 'named.yaml', oneAgent(fake, 'session_id: "project-x"\n'));
    const r = await runCli(['--automation', '--config', named, 'First?'], { cwd: home });
    expect(r.stderr).toBe('');
    expect(field(r.stdout, 'SESSION_ID')).toBe('project-x');
    expect(await ask('Second?', '--config', named)).toBe('project-x');
    expect(historyOf(requestsOf(fake, 'Second?')[0]!)).toBe(historyLines([['First?', answerOf('First?')]]));
    expect(readJson(path.join(sessionsDir(home), 'project-x', 'session.json')).turns).toBe(2);
  });

  it('--continue rebuilds a quick-setup config from the session', async () => {
    const quick = ['--backend', 'chatcompletion', '--model', 'quick-model', '--base-url', fake.baseUrls.chat];
    const id = await ask('Quick?', ...quick);
    expect(readJson(path.join(sessionsDir(home), id, 'session.json')).config).toMatchObject({
      agent: { backend: { model: 'quick-model' } },
    });
    expect(await ask('Quicker?', '--continue')).toBe(id);
    const [req] = requestsOf(fake, 'Quicker?');
    expect(req?.model).toBe('quick-model');
    expect(historyOf(req!)).toContain('User: Quick?');
  });

  it('does not save a run that gave no final answer', async () => {
    const r = await runCli(['--automation', '--orchestrator-timeout', '0.3', '--config', config, 'SLOW?'], {
      cwd: home,
    });
    expect(r.code).toBe(3);
    expect(field(r.stdout, 'SESSION_ID')).toBeUndefined();
    const list = await runCli(['--list-sessions'], { cwd: home });
    expect(list.stdout).toContain('No saved sessions');
  });
});
