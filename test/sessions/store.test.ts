import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/errors.js';
import { formatSessionId, isValidSessionId } from '../../src/sessions/session-id.js';
import { SessionNotFoundError, SessionStore } from '../../src/sessions/store.js';

let store: SessionStore;

beforeEach(() => {
  store = new SessionStore(path.join(mkdtempSync(path.join(os.tmpdir(), 'massgen-sessions-')), 'sessions'));
});

const json = (file: string) => JSON.parse(readFileSync(file, 'utf8'));

async function saved(id: string, tasks: string[], start = Date.UTC(2026, 0, 1)): Promise<void> {
  for (const [i, task] of tasks.entries()) {
    await store.recordTurn(id, {
      task,
      answer: `answer to ${task}`,
      winningAgent: 'a',
      status: 'completed',
      date: new Date(start + i * 1000),
    });
  }
}

describe('session ids', () => {
  it('are session_YYYYMMDD_HHMMSS in local time', () => {
    expect(formatSessionId(new Date(2026, 2, 4, 5, 6, 7))).toBe('session_20260304_050607');
  });

  it('accept safe folder names only', () => {
    expect(isValidSessionId('session_20260304_050607')).toBe(true);
    expect(isValidSessionId('my-project.v2')).toBe(true);
    for (const bad of ['', '..', '../x', 'a/b', 'a\\b', '.hidden', 'a..b', 'x'.repeat(200)]) {
      expect(isValidSessionId(bad)).toBe(false);
    }
  });
});

describe('SessionStore', () => {
  it('reserves unique ids, even within one second', async () => {
    const date = new Date(2026, 0, 2, 3, 4, 5);
    const ids = [await store.reserve({ date }), await store.reserve({ date }), await store.reserve({ date })];
    expect(ids).toEqual([
      'session_20260102_030405',
      'session_20260102_030405_2',
      'session_20260102_030405_3',
    ]);
    for (const id of ids) expect(existsSync(store.dirOf(id))).toBe(true);
  });

  it('reserves a named session and rejects unsafe names', async () => {
    expect(await store.reserve({ id: 'project' })).toBe('project');
    expect(await store.reserve({ id: 'project' })).toBe('project');
    await expect(store.reserve({ id: '../escape' })).rejects.toThrow(ConfigError);
  });

  it('saves a completed turn: answer.txt, metadata.json, session.json and the index', async () => {
    const id = await store.reserve();
    const { turn, info } = await store.recordTurn(id, {
      task: 'What is 2+2?',
      answer: 'Four.',
      winningAgent: 'gpt',
      status: 'completed',
      logDir: '/logs/log_1/turn_1',
      runDir: '/logs/log_1',
      configPath: '/cfg.yaml',
      date: new Date('2026-01-01T10:00:00Z'),
    });
    expect(turn).toBe(1);
    const dir = path.join(store.dirOf(id), 'turn_1');
    expect(readFileSync(path.join(dir, 'answer.txt'), 'utf8')).toBe('Four.');
    expect(json(path.join(dir, 'metadata.json'))).toEqual({
      turn: 1,
      timestamp: '2026-01-01T10:00:00.000Z',
      winning_agent: 'gpt',
      task: 'What is 2+2?',
      session_id: id,
      log_dir: '/logs/log_1/turn_1',
      status: 'completed',
    });
    const expected = {
      session_id: id,
      created: '2026-01-01T10:00:00.000Z',
      updated: '2026-01-01T10:00:00.000Z',
      config_path: '/cfg.yaml',
      turns: 1,
      description: 'What is 2+2?',
      log_dir: '/logs/log_1',
    };
    expect(info).toEqual(expected);
    expect(json(path.join(store.dirOf(id), 'session.json'))).toEqual(expected);
    expect(json(path.join(store.root, 'index.json'))).toEqual({ version: 1, sessions: [expected] });
  });

  it('numbers turns, keeps the first question as description, and builds the history', async () => {
    const id = await store.reserve();
    await saved(id, ['one', 'two', 'three']);
    const info = await store.require(id);
    expect(info.turns).toBe(3);
    expect(info.description).toBe('one');
    expect(info.created < info.updated).toBe(true);
    expect((await store.turns(id)).map((t) => [t.turn, t.task])).toEqual([
      [1, 'one'],
      [2, 'two'],
      [3, 'three'],
    ]);
    expect(await store.history(id)).toEqual([
      { role: 'user', content: 'one' },
      { role: 'assistant', content: 'answer to one' },
      { role: 'user', content: 'two' },
      { role: 'assistant', content: 'answer to two' },
      { role: 'user', content: 'three' },
      { role: 'assistant', content: 'answer to three' },
    ]);
  });

  it('ignores an unfinished turn folder and overwrites it with the next completed turn', async () => {
    const id = await store.reserve();
    await saved(id, ['one']);
    // A crash after answer.txt but before metadata.json.
    mkdirSync(path.join(store.dirOf(id), 'turn_2'));
    writeFileSync(path.join(store.dirOf(id), 'turn_2', 'answer.txt'), 'half');
    expect((await store.turns(id)).length).toBe(1);
    const { turn } = await store.recordTurn(id, { task: 'two', answer: 'done', status: 'completed' });
    expect(turn).toBe(2);
    expect((await store.history(id)).at(-1)).toEqual({ role: 'assistant', content: 'done' });
  });

  it('gives turns saved at the same time distinct numbers, and loses no update of session.json or the index', async () => {
    const id = await store.reserve({ id: 'busy' });
    const other = await store.reserve({ id: 'other' });
    await saved(id, ['first']);
    const tasks = Array.from({ length: 8 }, (_, i) => `parallel ${i}`);
    const results = await Promise.all([
      ...tasks.map((task) =>
        store.recordTurn(id, { task, answer: `answer to ${task}`, status: 'completed' }),
      ),
      store.recordTurn(other, { task: 'elsewhere', answer: 'a', status: 'completed' }),
    ]);
    expect(
      results
        .slice(0, 8)
        .map((r) => r.turn)
        .sort((a, b) => a - b),
    ).toEqual([2, 3, 4, 5, 6, 7, 8, 9]);
    const turns = await store.turns(id);
    expect(turns.map((t) => t.turn)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(turns.map((t) => t.task).sort()).toEqual(['first', ...tasks].sort());
    for (const t of turns) expect(t.answer).toBe(`answer to ${t.task}`);
    expect(json(path.join(store.dirOf(id), 'session.json'))).toMatchObject({
      turns: 9,
      description: 'first',
    });
    const index = json(path.join(store.root, 'index.json')).sessions;
    expect(index.map((s: { session_id: string; turns: number }) => [s.session_id, s.turns]).sort()).toEqual([
      ['busy', 9],
      ['other', 1],
    ]);
    expect(readdirSync(store.dirOf(id)).filter((n) => n.endsWith('.lock'))).toEqual([]);
  });

  it('ignores a session.json that names another session than its folder', async () => {
    const id = await store.reserve({ id: 'real' });
    await saved(id, ['one']);
    const file = path.join(store.dirOf(id), 'session.json');
    writeFileSync(file, JSON.stringify({ ...json(file), session_id: '../../elsewhere' }));
    expect(await store.get(id)).toBeUndefined();
  });

  it('lists sessions most recent first and finds the latest', async () => {
    const a = await store.reserve({ id: 'a' });
    const b = await store.reserve({ id: 'b' });
    await saved(a, ['a1'], Date.UTC(2026, 0, 1));
    await saved(b, ['b1'], Date.UTC(2026, 0, 2));
    await saved(a, ['a2'], Date.UTC(2026, 0, 3));
    await store.reserve({ id: 'empty' });
    const list = await store.list();
    expect(list.map((s) => [s.session_id, s.turns])).toEqual([
      ['a', 2],
      ['b', 1],
    ]);
    expect((await store.latest())?.session_id).toBe('a');
  });

  it('repairs the index: unknown folders are added, vanished ones dropped, a corrupt file rebuilt', async () => {
    await saved(await store.reserve({ id: 'a' }), ['a1'], Date.UTC(2026, 0, 1));
    await saved(await store.reserve({ id: 'b' }), ['b1'], Date.UTC(2026, 0, 2));
    const index = path.join(store.root, 'index.json');
    writeFileSync(index, '{ not json');
    expect((await store.list()).map((s) => s.session_id)).toEqual(['b', 'a']);
    expect(json(index).sessions).toHaveLength(2);

    rmSync(store.dirOf('b'), { recursive: true });
    expect((await store.list()).map((s) => s.session_id)).toEqual(['a']);
    expect(json(index).sessions.map((s: { session_id: string }) => s.session_id)).toEqual(['a']);
  });

  it('is empty when nothing was saved', async () => {
    expect(await store.list()).toEqual([]);
    expect(await store.latest()).toBeUndefined();
    expect(existsSync(store.root)).toBe(false);
  });

  it('throws SessionNotFoundError (exit code 1) for an unknown id', async () => {
    const error = await store.require('nope').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SessionNotFoundError);
    expect((error as SessionNotFoundError).exitCode).toBe(1);
    expect((error as Error).message).toContain('massgen --list-sessions');
    expect(await store.get('../../etc')).toBeUndefined();
  });

  it('releases a reserved folder only while it has no turn', async () => {
    const empty = await store.reserve({ id: 'empty' });
    const used = await store.reserve({ id: 'used' });
    await saved(used, ['q']);
    await store.releaseIfEmpty(empty);
    await store.releaseIfEmpty(used);
    expect(existsSync(store.dirOf(empty))).toBe(false);
    expect((await store.require(used)).turns).toBe(1);
  });

  it('keeps the saved config of a session that has no config file', async () => {
    const id = await store.reserve();
    const config = { agent: { backend: { type: 'openai', model: 'gpt-5-mini' } } };
    await store.recordTurn(id, { task: 'q', answer: 'a', status: 'completed', configPath: 'quick', config });
    await store.recordTurn(id, { task: 'q2', answer: 'a2', status: 'completed' });
    const info = await store.require(id);
    expect(info.config).toEqual(config);
    expect(info.config_path).toBe('quick');
    expect(json(path.join(store.root, 'index.json')).sessions[0].config).toBeUndefined();
  });
});
