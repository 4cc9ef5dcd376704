import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LogRecorder, LogWriteError } from '../../src/events/recorder.js';
import type { RunStatusFile } from '../../src/events/status.js';
import type { CoordinationEvent, CoordinationEventType, EventBase, EventOf } from '../../src/events/types.js';
import { queueOn } from '../../src/workspace/snapshots.js';

const RUN = 'log_20250101_120000_000000';
const T0 = Date.UTC(2025, 0, 1, 12, 0, 0);
const AGENTS = ['gpt', 'claude', 'gemini'];

function makeEvents() {
  let seq = 0;
  return <T extends CoordinationEventType>(
    type: T,
    fields: Omit<EventOf<T>, keyof EventBase | 'type'>,
  ): EventOf<T> => {
    seq++;
    return { type, ...fields, runId: RUN, seq, ts: T0 + seq * 10 } as unknown as EventOf<T>;
  };
}

function runStart(ev: ReturnType<typeof makeEvents>): EventOf<'run-start'> {
  return ev('run-start', {
    question: 'What is the capital of France?',
    agents: AGENTS.map((id, i) => ({ id, label: `agent${i + 1}`, backend: 'openai', model: 'm' })),
  });
}

let dir: string;
let turnDir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'massgen-recorder-'));
  turnDir = join(dir, RUN, 'turn_1');
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function readJson<T>(...parts: string[]): Promise<T> {
  return JSON.parse(await readFile(join(...parts), 'utf8')) as T;
}

/** `<agent>/<timestamp>/` folders of one agent, oldest first. */
async function snapshots(agentId: string): Promise<string[]> {
  return (await readdir(join(turnDir, agentId))).sort().map((name) => join(turnDir, agentId, name));
}

describe('LogRecorder IO', () => {
  it('keeps status.json valid JSON while it is read during a burst of 2000 events', async () => {
    const recorder = new LogRecorder({ turnDir, runId: RUN, question: 'burst' });
    const ev = makeEvents();
    recorder.handle(runStart(ev));
    let done = false;
    let reads = 0;
    const parseErrors: string[] = [];
    const reader = (async () => {
      while (!done) {
        let text: string;
        try {
          text = await readFile(join(turnDir, 'status.json'), 'utf8');
        } catch {
          continue;
        }
        try {
          JSON.parse(text);
          reads++;
        } catch {
          parseErrors.push(text);
        }
      }
    })();
    const handled: CoordinationEvent[] = [];
    for (let i = 0; i < 2000; i++) {
      const agentId = AGENTS[i % 3]!;
      const event =
        i % 10 === 0
          ? ev('answer', {
              agentId,
              label: `agent${(i % 3) + 1}.${i}`,
              content: `answer ${i}`,
              answerNumber: i,
            })
          : i % 10 === 5
            ? ev('vote', { agentId, votedFor: 'gpt', votedForLabel: 'agent1', reason: `r${i}`, options: [] })
            : ev('usage', { agentId, usage: { inputTokens: 1, outputTokens: 1 }, phase: 'coordination' });
      recorder.handle(event);
      handled.push(event);
      if (i % 25 === 0) await new Promise((resolve) => setImmediate(resolve));
    }
    await recorder.close();
    done = true;
    await reader;
    expect(parseErrors).toEqual([]);
    expect(reads).toBeGreaterThan(0);
    const final = await readJson<RunStatusFile>(turnDir, 'status.json');
    expect(final.agents.gpt?.tokens.input).toBe(recorder.status.agents.gpt?.tokens.input);
    const lines = (await readFile(join(turnDir, 'events.jsonl'), 'utf8')).trimEnd().split('\n');
    expect(lines).toHaveLength(2001);
    expect(lines.map((line) => (JSON.parse(line) as CoordinationEvent).seq)).toEqual(
      Array.from({ length: 2001 }, (_, i) => i + 1),
    );
  });

  it('resolves close() only after answer, vote and final files exist', async () => {
    const recorder = new LogRecorder({ turnDir, runId: RUN, question: 'q' });
    const ev = makeEvents();
    recorder.handle(runStart(ev));
    recorder.handle(ev('answer', { agentId: 'gpt', label: 'agent1.1', content: 'A', answerNumber: 1 }));
    recorder.handle(
      ev('vote', { agentId: 'claude', votedFor: 'gpt', votedForLabel: 'agent1', reason: 'r', options: [] }),
    );
    recorder.handle(ev('final-answer', { agentId: 'gpt', content: 'FINAL', fromStoredAnswer: true }));
    await recorder.close();
    const [answerDir] = await snapshots('gpt');
    const [voteDir] = await snapshots('claude');
    expect(existsSync(join(answerDir!, 'answer.txt'))).toBe(true);
    expect(existsSync(join(voteDir!, 'vote.json'))).toBe(true);
    expect(await readFile(join(turnDir, 'final', 'gpt', 'answer.txt'), 'utf8')).toBe('FINAL');
    const status = await readJson<RunStatusFile>(turnDir, 'status.json');
    expect(status.results.final_answer_preview).toBe('FINAL');
  });

  it('copies an answer’s workspace as it is at the event, before a change queued right after it', async () => {
    const workspace = join(dir, 'snapshot');
    await mkdir(workspace);
    await writeFile(join(workspace, 'notes.txt'), 'at the answer');
    const recorder = new LogRecorder({ turnDir, runId: RUN, question: 'q' });
    const ev = makeEvents();
    recorder.handle(runStart(ev));
    recorder.handle(
      ev('answer', { agentId: 'gpt', label: 'agent1.1', content: 'A', answerNumber: 1, workspace }),
    );
    // The workspace code replaces a snapshot (a new folder) through the same folder queue.
    const replaced = queueOn(workspace, async () => {
      await rm(workspace, { recursive: true });
      await mkdir(workspace);
      await writeFile(join(workspace, 'notes.txt'), 'replaced later');
    });
    await recorder.close();
    await replaced;
    const [answerDir] = await snapshots('gpt');
    expect(await readFile(join(answerDir!, 'workspace', 'notes.txt'), 'utf8')).toBe('at the answer');
  });

  it('records events handed to it once the turn of the event loop is over, and at once when asked', async () => {
    const recorder = new LogRecorder({ turnDir, runId: RUN, question: 'q' });
    const ev = makeEvents();
    recorder.handle(runStart(ev));
    recorder.handle(ev('answer', { agentId: 'gpt', label: 'agent1.1', content: 'A', answerNumber: 1 }));
    expect(recorder.status.agents.gpt?.answer_count).toBe(1);
    await recorder.close();
  });

  it('makes close() idempotent and ignores events after it', async () => {
    const recorder = new LogRecorder({ turnDir, runId: RUN, question: 'q' });
    const ev = makeEvents();
    recorder.handle(runStart(ev));
    const first = recorder.close();
    expect(recorder.close()).toBe(first);
    recorder.handle(ev('notice', { level: 'info', message: 'late' }));
    await first;
    await recorder.close();
    const lines = (await readFile(join(turnDir, 'events.jsonl'), 'utf8')).trimEnd().split('\n');
    expect(lines).toHaveLength(1);
  });

  it('never throws from handle() and reports IO failures from close()', async () => {
    const blocker = join(dir, 'not-a-dir');
    await writeFile(blocker, 'x');
    const recorder = new LogRecorder({ turnDir: join(blocker, 'turn_1'), runId: RUN, question: 'q' });
    const ev = makeEvents();
    expect(() => {
      recorder.handle(runStart(ev));
      recorder.handle(ev('answer', { agentId: 'gpt', label: 'agent1.1', content: 'A', answerNumber: 1 }));
    }).not.toThrow();
    await expect(recorder.close()).rejects.toBeInstanceOf(LogWriteError);
    // The turn folder, events.jsonl, status.json (twice), the metadata (twice), the answer's files (twice).
    expect(recorder.errors).toHaveLength(8);
  });

  it('writes a line for events whose tool input JSON cannot represent', async () => {
    const recorder = new LogRecorder({ turnDir, runId: RUN, question: 'q' });
    const ev = makeEvents();
    const input: Record<string, unknown> = { big: 10n };
    input.self = input;
    recorder.handle(ev('tool-call', { agentId: 'gpt', toolCallId: 't1', toolName: 'x', input }));
    await recorder.close();
    const [line] = (await readFile(join(turnDir, 'events.jsonl'), 'utf8')).trimEnd().split('\n');
    expect(JSON.parse(line!)).toMatchObject({ type: 'tool-call', input: { big: '10', self: '[Circular]' } });
  });
});
