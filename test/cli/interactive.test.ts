import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createFakeProvider, type FakeProvider } from '../fake-provider/server.js';
import {
  answerOf,
  drive,
  historyLines,
  historyOf,
  oneAgent,
  questionOf,
  readJson,
  requestsOf,
  send,
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

/** The saved sessions of `home`, most recent first. */
const sessions = () => readJson(path.join(sessionsDir(home), 'index.json')).sessions;
const turnDir = (id: string, n: number) => path.join(sessionsDir(home), id, `turn_${n}`);

describe('interactive mode (piped stdin)', () => {
  it('runs one turn per line with the earlier turns as history, and resumes with --continue', async () => {
    const q1 = 'What is the capital of France?';
    const q2 = 'And its population?';
    const r = await runCli(['--config', config], { cwd: home, stdin: `${q1}\n\n${q2}\n` });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^MassGen-TS interactive mode: 1 agent \(solo\)/);
    expect(r.stdout).toContain(`=== Final answer (solo) ===\n${answerOf(q2)}`);

    // Turn 1 had no history; every request of turn 2 carries turn 1's question and answer.
    expect(requestsOf(fake, q1).every((req) => historyOf(req) === undefined)).toBe(true);
    const turn2 = requestsOf(fake, q2);
    expect(turn2.length).toBe(3);
    for (const req of turn2) expect(historyOf(req)).toBe(historyLines([[q1, answerOf(q1)]]));

    const [session] = sessions();
    expect(session).toMatchObject({ turns: 2, description: q1, config_path: config });
    expect(session.session_id).toMatch(/^session_\d{8}_\d{6}$/);
    expect(r.stdout).toContain(`Saved as turn 2 of session ${session.session_id}.`);
    expect(readFileSync(path.join(turnDir(session.session_id, 1), 'answer.txt'), 'utf8')).toBe(answerOf(q1));
    const meta = readJson(path.join(turnDir(session.session_id, 2), 'metadata.json'));
    expect(meta).toMatchObject({ turn: 2, task: q2, winning_agent: 'solo', status: 'completed' });
    // Both turns logged into the same run folder.
    expect(meta.log_dir).toBe(path.join(session.log_dir, 'turn_2'));
    expect(readdirSync(session.log_dir).sort()).toEqual(['turn_1', 'turn_2']);

    // --continue with a question: the next turn, then exit; no --config needed.
    const q3 = 'And its area?';
    const c = await runCli(['--automation', '--continue', q3], { cwd: home });
    expect(c.code).toBe(0);
    expect(field(c.stdout, 'SESSION_ID')).toBe(session.session_id);
    expect(field(c.stdout, 'LOG_DIR')).toBe(path.join(session.log_dir, 'turn_3'));
    for (const req of requestsOf(fake, q3)) {
      expect(historyOf(req)).toBe(
        historyLines([
          [q1, answerOf(q1)],
          [q2, answerOf(q2)],
        ]),
      );
    }

    // --continue without a question: the prompt, with the history loaded.
    const q4 = 'Summarise.';
    const i = await runCli(['--continue'], { cwd: home, stdin: `${q4}\n` });
    expect(i.code).toBe(0);
    expect(i.stdout).toContain(`Resumed session ${session.session_id} (3 earlier turns).`);
    expect(historyOf(requestsOf(fake, q4)[0]!)).toContain(`User: ${q3}\nAssistant: ${answerOf(q3)}`);
    expect(sessions()).toHaveLength(1);
    expect(sessions()[0].turns).toBe(4);
  });

  it('understands /help, /status, /config, /sessions, /reset and /quit, and hints at unknown commands', async () => {
    const editor = `sh -c 'printf "\\n# edited\\n" >> "$0"'`;
    const input = [
      '/help',
      'First?',
      '/status',
      '/frobnicate',
      '/reset',
      'Second?',
      '/sessions',
      '/config',
      '/quit',
      'Never asked?',
    ];
    const r = await runCli(['--config', config], {
      cwd: home,
      stdin: `${input.join('\n')}\n`,
      env: { EDITOR: editor },
    });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('/reset, /clear');
    expect(r.stdout).toContain('Unknown command /frobnicate. Type /help to see the commands.');
    const [second, first] = sessions();
    expect([first.turns, second.turns]).toEqual([1, 1]);
    expect(first.description).toBe('First?');
    expect(second.description).toBe('Second?');
    expect(r.stdout).toContain(`Session: ${first.session_id} (1 turn)`);
    expect(r.stdout).toContain(`Config: ${config}`);
    expect(r.stdout).toContain(`Log folder: ${first.log_dir}`);
    expect(r.stdout).toContain(`Conversation cleared; new session ${second.session_id}.`);
    // After /reset the history is empty.
    expect(historyOf(requestsOf(fake, 'Second?')[0]!)).toBeUndefined();
    expect(r.stdout).toMatch(new RegExp(`\\* ${second.session_id} +1 `));
    // /config prints a summary, opens $EDITOR and reloads the file.
    expect(r.stdout).toContain('  solo: chatcompletion / m @ ');
    expect(readFileSync(config, 'utf8')).toContain('# edited');
    expect(r.stdout).toContain(`Config reloaded from ${config}.`);
    expect(requestsOf(fake, 'Never asked?')).toEqual([]);
  });

  it('/view needs a terminal: with questions from a pipe it says so and asks nothing', async () => {
    const start = fake.requests.length;
    const r = await runCli(['--config', config], { cwd: home, stdin: '/help\n/view\n' });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('  /view            the last turn in the terminal UI again');
    expect(r.stdout).toContain('/view needs a terminal (the questions come from a pipe here).\n');
    expect(fake.requests.length).toBe(start);
  });

  it('Ctrl-C during a run cancels it and returns to the prompt; Ctrl-C at the prompt quits', async () => {
    const slowAsked = fake.waitForRequest((req) => questionOf(req) === 'A SLOW question');
    const r = await runCli(['--config', config], {
      cwd: home,
      keepStdinOpen: true,
      onSpawn: drive([
        { after: 'interactive mode', act: send('A SLOW question\n') },
        {
          after: 'Question: A SLOW question',
          act: (child) => void slowAsked.then(() => child.kill('SIGINT')),
        },
        { after: 'Run cancelled; this turn was not saved.', act: send('A quick one\n') },
        { after: 'Saved as turn 1', act: (child) => child.kill('SIGINT') },
      ]),
    });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('Cancelling this run');
    const [session] = sessions();
    expect(session.turns).toBe(1);
    const turn = readJson(path.join(turnDir(session.session_id, 1), 'metadata.json'));
    expect(turn.task).toBe('A quick one');
    // The cancelled run was not remembered, and its logs were flushed and kept.
    expect(historyOf(requestsOf(fake, 'A quick one')[0]!)).toBeUndefined();
    const cancelled = readJson(path.join(session.log_dir, 'turn_1', 'status.json'));
    expect(cancelled.run.status).toBe('interrupted');
    expect(turn.log_dir).toBe(path.join(session.log_dir, 'turn_2'));
  });

  it('a crash in the middle of a turn keeps the finished turns, and the session resumes', async () => {
    const r = await runCli(['--config', config], {
      cwd: home,
      keepStdinOpen: true,
      onSpawn: drive([
        { after: 'interactive mode', act: send('Finished question\n') },
        { after: 'Saved as turn 1', act: send('Crashing SLOW question\n') },
        { after: 'Question: Crashing SLOW question', act: (child) => child.kill('SIGKILL') },
      ]),
    });
    expect(r.code).toBe(null);
    const [session] = sessions();
    expect(session.turns).toBe(1);
    expect(existsSync(turnDir(session.session_id, 2))).toBe(false);

    const c = await runCli(['--automation', '--continue', 'After the crash'], { cwd: home });
    expect(c.code).toBe(0);
    expect(historyOf(requestsOf(fake, 'After the crash')[0]!)).toBe(
      historyLines([['Finished question', answerOf('Finished question')]]),
    );
    expect(readJson(path.join(turnDir(session.session_id, 2), 'metadata.json')).task).toBe('After the crash');
  });
});
