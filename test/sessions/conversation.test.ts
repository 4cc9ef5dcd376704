import { existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { validateConfigObject } from '../../src/config/validate.js';
import type { RunStatus } from '../../src/events/types.js';
import { emptyUsage } from '../../src/run/outcome-tally.js';
import { runConfig } from '../../src/run/run-config.js';
import type { RunOptions, RunOutcome } from '../../src/run/run-options.js';
import { Conversation } from '../../src/sessions/conversation.js';
import { SessionStore } from '../../src/sessions/store.js';
import { consensus } from '../fake-provider/scenario.js';
import { createFakeProvider, type FakeProvider } from '../fake-provider/server.js';

let root: string;
let store: SessionStore;

beforeEach(() => {
  root = mkdtempSync(path.join(os.tmpdir(), 'massgen-conv-'));
  store = new SessionStore(path.join(root, 'sessions'));
});

const config = validateConfigObject({ agent: { backend: { type: 'openai', model: 'gpt-5-mini' } } }, 't')
  .config!;

/**
 * A runner that records its calls and ends each run as the next queued status says: `interrupted`
 * before any final answer, `presented-then-interrupted` during post-evaluation.
 */
function fakeRunner(statuses: Array<RunStatus | 'no-answer' | 'presented-then-interrupted'> = []) {
  const calls: RunOptions[] = [];
  const run = async (_config: unknown, options: RunOptions): Promise<RunOutcome> => {
    calls.push(options);
    const queued = statuses.shift() ?? 'completed';
    const status = queued === 'presented-then-interrupted' ? 'interrupted' : queued;
    const turn = options.logDir?.turn ?? 1;
    const runDir = options.logDir?.runDir ?? path.join(root, 'logs', `log_${calls.length}`);
    const logDir = path.join(runDir, `turn_${turn}`);
    mkdirSync(logDir, { recursive: true });
    const answered = status !== 'no-answer' && queued !== 'interrupted';
    return {
      status: answered ? status : 'failed',
      winner: answered ? 'a' : undefined,
      finalAnswer: answered ? `A(${options.question})` : undefined,
      answers: {},
      usage: { total: emptyUsage(), agents: {} },
      votes: {},
      durationMs: 1,
      logDir,
      runDir,
      runId: path.basename(runDir),
    };
  };
  return { calls, run };
}

describe('Conversation', () => {
  it('passes the earlier turns as history and logs every turn to the same run folder', async () => {
    const runner = fakeRunner();
    const conversation = await Conversation.start(store, { configPath: '/c.yaml' }, { runner: runner.run });
    const first = await conversation.ask(config, 'one');
    const second = await conversation.ask(config, 'two');
    expect([first.turn, second.turn]).toEqual([1, 2]);
    expect(runner.calls[0]?.history).toEqual([]);
    expect(runner.calls[0]?.logDir).toEqual({ turn: 1 });
    expect(runner.calls[1]?.history).toEqual([
      { role: 'user', content: 'one' },
      { role: 'assistant', content: 'A(one)' },
    ]);
    const runDir = path.join(root, 'logs', 'log_1');
    expect(runner.calls[1]?.logDir).toEqual({ runDir, turn: 2 });
    expect(runner.calls[1]?.metadata).toMatchObject({ session_id: conversation.sessionId, session_turn: 2 });
    expect(runner.calls[1]?.sessionId).toBe(conversation.sessionId);
    const info = await store.require(conversation.sessionId);
    expect(info).toMatchObject({ turns: 2, log_dir: runDir, config_path: '/c.yaml', description: 'one' });
    expect((await store.turns(conversation.sessionId)).map((t) => t.log_dir)).toEqual([
      path.join(runDir, 'turn_1'),
      path.join(runDir, 'turn_2'),
    ]);
  });

  it('saves no turn without a final answer, and every turn with one (also when interrupted after it)', async () => {
    const runner = fakeRunner(['interrupted', 'no-answer', 'timeout', 'presented-then-interrupted']);
    const conversation = await Conversation.start(store, { configPath: null }, { runner: runner.run });
    expect((await conversation.ask(config, 'cancelled')).turn).toBeUndefined();
    expect((await conversation.ask(config, 'failed')).turn).toBeUndefined();
    expect(conversation.history).toEqual([]);
    // A deadline that passed after some answer still gives a final answer: saved.
    expect((await conversation.ask(config, 'late')).turn).toBe(1);
    // Interrupted after the final answer was presented (during post-evaluation): saved too.
    expect((await conversation.ask(config, 'evaluating')).turn).toBe(2);
    const turns = await store.turns(conversation.sessionId);
    expect(turns).toMatchObject([
      { turn: 1, task: 'late', status: 'timeout' },
      { turn: 2, task: 'evaluating', status: 'interrupted', answer: 'A(evaluating)' },
    ]);
    expect(conversation.history).toHaveLength(4);
    // The interrupted run's log folder turn_1 is kept; the retried turns log to the next free ones.
    expect(runner.calls.map((c) => c.logDir?.turn)).toEqual([1, 2, 3, 4]);
  });

  it('resumes a saved session with its history, and its run folder only if it still exists', async () => {
    const runner = fakeRunner();
    const first = await Conversation.start(store, { configPath: null }, { runner: runner.run });
    await first.ask(config, 'one');
    const info = await store.require(first.sessionId);

    const resumed = await Conversation.resume(store, info, { configPath: null }, { runner: runner.run });
    expect(resumed.resumed).toBe(true);
    expect(resumed.turns).toBe(1);
    expect(resumed.runDir).toBe(info.log_dir);
    await resumed.ask(config, 'two');
    expect(runner.calls[1]?.history).toHaveLength(2);
    expect(runner.calls[1]?.logDir).toEqual({ runDir: info.log_dir, turn: 2 });

    const gone = { ...(await store.require(first.sessionId)), log_dir: path.join(root, 'deleted') };
    const again = await Conversation.resume(store, gone, { configPath: null }, { runner: runner.run });
    await again.ask(config, 'three');
    expect(runner.calls[2]?.logDir).toEqual({ turn: 3 });
    expect((await store.require(first.sessionId)).log_dir).toBe(path.join(root, 'logs', 'log_3'));
  });

  it('sees the turns another process saved before its turn starts, and saves its own after them', async () => {
    const runner = fakeRunner();
    const here = await Conversation.start(store, { configPath: null }, { runner: runner.run });
    await here.ask(config, 'one');
    const info = await store.require(here.sessionId);
    const elsewhere = await Conversation.resume(store, info, { configPath: null }, { runner: runner.run });
    expect((await elsewhere.ask(config, 'two')).turn).toBe(2);
    const third = await here.ask(config, 'three');
    expect(third.turn).toBe(3);
    expect(runner.calls[2]?.history).toEqual([
      { role: 'user', content: 'one' },
      { role: 'assistant', content: 'A(one)' },
      { role: 'user', content: 'two' },
      { role: 'assistant', content: 'A(two)' },
    ]);
    expect(runner.calls[2]?.logDir).toEqual({ runDir: info.log_dir, turn: 3 });
    expect((await store.turns(here.sessionId)).map((t) => t.task)).toEqual(['one', 'two', 'three']);
  });

  it('keeps going when the sessions folder cannot be written: the answer stands, saveError says why', async () => {
    const blocked = path.join(root, 'a-file');
    writeFileSync(blocked, '');
    const runner = fakeRunner();
    const unwritable = new SessionStore(path.join(blocked, 'sessions'));
    const conversation = await Conversation.start(unwritable, { configPath: null }, { runner: runner.run });
    expect(conversation.sessionId).toMatch(/^session_\d{8}_\d{6}$/);
    const result = await conversation.ask(config, 'one');
    expect(result.outcome.finalAnswer).toBe('A(one)');
    expect(result.turn).toBeUndefined();
    expect(result.saveError).toMatch(/ENOTDIR/);
    await conversation.ask(config, 'two');
    expect(runner.calls[1]?.history).toHaveLength(2);
  });

  it('reset starts a new session; close removes a session that never got a turn', async () => {
    const runner = fakeRunner();
    const conversation = await Conversation.start(store, { configPath: null }, { runner: runner.run });
    await conversation.ask(config, 'one');
    const old = conversation.sessionId;
    await conversation.reset();
    expect(conversation.sessionId).not.toBe(old);
    expect(conversation.history).toEqual([]);
    expect(conversation.turns).toBe(0);
    await conversation.ask(config, 'fresh');
    expect(runner.calls[1]?.history).toEqual([]);
    expect(runner.calls[1]?.logDir).toEqual({ turn: 1 });
    await conversation.reset();
    const unused = conversation.sessionId;
    await conversation.close();
    expect(existsSync(store.dirOf(unused))).toBe(false);
    expect((await store.list()).map((s) => s.turns)).toEqual([1, 1]);
  });
});

describe('runConfig logDir option', () => {
  let fake: FakeProvider;
  beforeAll(async () => {
    fake = await createFakeProvider({ scenario: consensus() });
  });
  afterAll(() => fake.close());

  const fakeConfig = () =>
    validateConfigObject(
      {
        agent: {
          backend: { type: 'chatcompletion', model: 'm', base_url: fake.baseUrls.chat, api_key: 'k' },
        },
      },
      't',
    ).config!;

  it('writes turn N into the given run folder and names the run after it', async () => {
    const runDir = path.join(root, 'logs', 'log_20260101_000000_000000');
    const outcome = await runConfig(fakeConfig(), {
      question: 'Q',
      logRoot: path.join(root, 'logs'),
      logDir: { runDir, turn: 3 },
    });
    expect(outcome.status).toBe('completed');
    expect(outcome.logDir).toBe(path.join(runDir, 'turn_3'));
    expect(outcome.runDir).toBe(runDir);
    expect(outcome.runId).toBe('log_20260101_000000_000000');
    expect(existsSync(path.join(runDir, 'turn_3', 'events.jsonl'))).toBe(true);
  });

  it('with turn alone, creates a fresh run folder holding turn_N', async () => {
    const logRoot = path.join(root, 'logs');
    const outcome = await runConfig(fakeConfig(), { question: 'Q', logRoot, logDir: { turn: 2 } });
    expect(outcome.logDir).toBe(path.join(outcome.runDir!, 'turn_2'));
    expect(readdirSync(outcome.runDir!)).toEqual(['turn_2']);
  });
});
