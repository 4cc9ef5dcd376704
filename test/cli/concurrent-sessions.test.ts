/**
 * Runs continuing one session at the same time, as processes against the fake provider: every run
 * keeps its own turn, its own log folder and its own events, and the session files count them all.
 * The fake provider holds every reply until all the runs have sent their first request, so the runs
 * overlap for certain: each has loaded the history and opened its log folder before any finishes.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CoordinationEvent } from '../../src/events/types.js';
import { createFakeProvider, type FakeProvider } from '../fake-provider/server.js';
import {
  answerOf,
  historyLines,
  historyOf,
  oneAgent,
  questionOf,
  readJson,
  sessionScenario,
  sessionsDir,
} from '../sessions/cli-helpers.js';
import { field, runCli, tempHome, writeFile } from '../support/cli.js';

const RUNS = 6;

let fake: FakeProvider;

beforeAll(async () => {
  fake = await createFakeProvider();
});
afterAll(() => fake.close());

/** The session scenario, with every reply to the `questions` held until each of them has been asked. */
function gatedScenario(questions: string[]) {
  const base = sessionScenario();
  const asked = new Set<string>();
  let open!: () => void;
  const gate = new Promise<void>((resolve) => {
    open = resolve;
  });
  fake.setScenario(async (req) => {
    const question = questionOf(req) ?? '';
    if (questions.includes(question)) {
      asked.add(question);
      if (asked.size === questions.length) open();
      await gate;
    }
    return base(req);
  });
}

const events = (dir: string): CoordinationEvent[] =>
  readFileSync(path.join(dir, 'events.jsonl'), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line));

describe('runs continuing one session at the same time (CLI)', () => {
  it(`${RUNS} runs of --session-id X at once: ${RUNS} distinct turns, log folders and event logs`, async () => {
    const home = tempHome();
    const config = writeFile(home, 'c.yaml', oneAgent(fake));
    fake.setScenario(sessionScenario());
    const seed = await runCli(['--automation', '--config', config, 'Seed?'], { cwd: home });
    expect(seed.code, seed.stderr).toBe(0);
    const id = field(seed.stdout, 'SESSION_ID')!;
    const runDir = path.dirname(field(seed.stdout, 'LOG_DIR')!);

    const questions = Array.from({ length: RUNS }, (_, i) => `Parallel question ${i + 1}?`);
    gatedScenario(questions);
    const before = fake.requests.length;
    const results = await Promise.all(
      questions.map((q) => runCli(['--automation', '--session-id', id, q], { cwd: home })),
    );
    for (const r of results) {
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).toBe('');
      expect(field(r.stdout, 'SESSION_ID')).toBe(id);
    }

    // Each run saw the turns saved before it started: the seed turn only.
    const firsts = questions.map((q) => fake.requests.slice(before).find((r) => questionOf(r) === q)!);
    for (const req of firsts) expect(historyOf(req)).toBe(historyLines([['Seed?', answerOf('Seed?')]]));

    // Seven turns, numbered 1..7, each question saved exactly once with its own answer.
    const folder = path.join(sessionsDir(home), id);
    const turnDirs = readdirSync(folder).filter((n) => n.startsWith('turn_'));
    expect(turnDirs.sort()).toEqual(Array.from({ length: RUNS + 1 }, (_, i) => `turn_${i + 1}`).sort());
    const saved = turnDirs.map((n) => ({
      ...readJson(path.join(folder, n, 'metadata.json')),
      answer: readFileSync(path.join(folder, n, 'answer.txt'), 'utf8'),
    }));
    expect(saved.map((t) => t.turn).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(saved.find((t) => t.turn === 1)?.task).toBe('Seed?');
    expect(saved.map((t) => t.task).sort()).toEqual(['Seed?', ...questions].sort());
    for (const t of saved) expect(t.answer).toBe(answerOf(t.task));

    // Seven log folders in the session's run folder, one per run, each named by its turn's metadata.
    expect(readdirSync(runDir).sort()).toEqual(turnDirs.sort());
    const logDirs = new Set(saved.map((t) => t.log_dir));
    expect(logDirs.size).toBe(RUNS + 1);
    for (const [i, q] of questions.entries()) {
      const logDir = field(results[i]!.stdout, 'LOG_DIR')!;
      expect(path.dirname(logDir)).toBe(runDir);
      expect(saved.find((t) => t.task === q)?.log_dir).toBe(logDir);

      // Its events come from that run alone: seq 1..n, one start (of its question), one end.
      const log = events(logDir);
      expect(log.map((e) => e.seq)).toEqual(log.map((_, k) => k + 1));
      const starts = log.filter((e) => e.type === 'run-start');
      expect(starts).toHaveLength(1);
      expect(starts[0]).toMatchObject({ question: q, logDir });
      expect(log.filter((e) => e.type === 'run-end')).toHaveLength(1);
      expect(log.at(-1)?.type).toBe('run-end');
      const finals = log.filter((e) => e.type === 'final-answer');
      expect(finals).toEqual([expect.objectContaining({ content: answerOf(q) })]);
    }

    // session.json and index.json count every turn.
    expect(readJson(path.join(folder, 'session.json'))).toMatchObject({
      session_id: id,
      turns: RUNS + 1,
      description: 'Seed?',
      log_dir: runDir,
    });
    const index = readJson(path.join(sessionsDir(home), 'index.json'));
    expect(index.sessions.map((s: { session_id: string; turns: number }) => [s.session_id, s.turns])).toEqual(
      [[id, RUNS + 1]],
    );
    // No lock is left behind.
    expect(readdirSync(folder).filter((n) => n.includes('lock'))).toEqual([]);
    expect(readdirSync(sessionsDir(home)).filter((n) => n.includes('lock'))).toEqual([]);
  });
});
