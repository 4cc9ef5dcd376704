import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { parse } from 'yaml';
import { LogRecorder } from '../../src/events/recorder.js';
import type { RunStatusFile } from '../../src/events/status.js';
import type { CoordinationEvent, CoordinationEventType, EventBase, EventOf } from '../../src/events/types.js';
import type { VoteRecord } from '../../src/events/vote-record.js';

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

/** Three agents answer, vote, a new answer invalidates a vote, claude wins and presents. */
function scriptedRun(): CoordinationEvent[] {
  const ev = makeEvents();
  return [
    runStart(ev),
    ...AGENTS.map((agentId) => ev('agent-start', { agentId, execution: 1, answersSeen: [] })),
    ev('text-delta', { agentId: 'gpt', text: 'Par', phase: 'coordination' }),
    ev('text-delta', { agentId: 'gpt', text: 'is', phase: 'coordination' }),
    ev('answer', {
      agentId: 'gpt',
      label: 'agent1.1',
      content: 'Paris',
      answerNumber: 1,
      context: 'ctx gpt 1',
    }),
    ev('answer', { agentId: 'claude', label: 'agent2.1', content: 'Paris.', answerNumber: 1 }),
    ev('agent-start', { agentId: 'gemini', execution: 2, answersSeen: ['agent1.1', 'agent2.1'] }),
    ev('vote', {
      agentId: 'gemini',
      votedFor: 'gpt',
      votedForLabel: 'agent1',
      reason: 'Short and right.',
      options: ['agent1.1', 'agent2.1'],
      context: 'ctx gemini vote',
    }),
    ev('answer', {
      agentId: 'claude',
      label: 'agent2.2',
      content: 'Paris is the capital of France.',
      answerNumber: 2,
    }),
    ev('votes-invalidated', { agentId: 'claude', affected: ['gpt', 'gemini'] }),
    ev('agent-start', { agentId: 'gemini', execution: 3, answersSeen: ['agent1.1', 'agent2.2'] }),
    ev('vote', {
      agentId: 'gpt',
      votedFor: 'claude',
      votedForLabel: 'agent2',
      reason: 'Complete.',
      options: [],
    }),
    ev('vote', {
      agentId: 'claude',
      votedFor: 'claude',
      votedForLabel: 'agent2',
      reason: 'Mine.',
      options: [],
    }),
    ev('vote', {
      agentId: 'gemini',
      votedFor: 'claude',
      votedForLabel: 'agent2',
      reason: 'Best.',
      options: ['agent1.1', 'agent2.2'],
    }),
    ev('usage', { agentId: 'claude', usage: { inputTokens: 10, outputTokens: 5 }, phase: 'coordination' }),
    ev('winner', { agentId: 'claude', votes: { claude: 3 }, isTie: false, by: 'votes' }),
    ev('final-delta', { agentId: 'claude', text: 'Paris' }),
    ev('final-answer', {
      agentId: 'claude',
      content: 'Paris is the capital of France.',
      fromStoredAnswer: false,
      context: 'ctx final',
    }),
    ev('run-end', { status: 'completed', winner: 'claude', durationMs: 1234 }),
  ];
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

describe('LogRecorder', () => {
  it('writes the full log layout for a scripted three-agent run', async () => {
    const recorder = new LogRecorder({
      turnDir,
      runId: RUN,
      question: 'What is the capital of France?',
      metadata: {
        config_path: '/cfg/three.yaml',
        config: { agents: [{ id: 'gpt' }] },
        cli_args: ['--x'],
        extra: 7,
      },
    });
    const events = scriptedRun();
    for (const event of events) recorder.handle(event);
    await recorder.close();

    const top = (await readdir(turnDir)).sort();
    expect(top).toEqual([
      'claude',
      'events.jsonl',
      'execution_metadata.yaml',
      'final',
      'gemini',
      'gpt',
      'status.json',
    ]);

    const [gptAnswer, gptVote] = await snapshots('gpt');
    expect(await readFile(join(gptAnswer!, 'answer.txt'), 'utf8')).toBe('Paris');
    expect(await readFile(join(gptAnswer!, 'context.txt'), 'utf8')).toBe('ctx gpt 1');
    expect(existsSync(join(gptVote!, 'vote.json'))).toBe(true);
    expect((await snapshots('gpt'))[0]).toMatch(/[/\\]\d{8}_\d{6}_\d{6}$/);

    const claude = await snapshots('claude');
    expect(claude).toHaveLength(3);
    expect(await readFile(join(claude[1]!, 'answer.txt'), 'utf8')).toBe('Paris is the capital of France.');
    expect(existsSync(join(claude[1]!, 'context.txt'))).toBe(false);

    const [firstVote, secondVote] = await snapshots('gemini');
    expect(await readFile(join(firstVote!, 'context.txt'), 'utf8')).toBe('ctx gemini vote');
    const vote = await readJson<VoteRecord>(firstVote!, 'vote.json');
    expect(vote).toEqual({
      voter_id: 'gemini',
      voter_anon_id: 'agent3',
      voted_for: 'gpt',
      voted_for_anon: 'agent1',
      reason: 'Short and right.',
      timestamp: new Date(T0 + 100).toISOString(),
      unix_timestamp: (T0 + 100) / 1000,
      iteration: 2,
      coordination_round: 1,
      available_options: ['gpt', 'claude'],
      available_options_anon: ['agent1', 'agent2'],
      available_answer_labels: ['agent1.1', 'agent2.1'],
      agent_mapping: { agent1: 'gpt', agent2: 'claude', agent3: 'gemini' },
      vote_context: {
        total_agents: 3,
        agents_with_answers: 2,
        current_task: 'What is the capital of France?',
      },
    });
    const second = await readJson<VoteRecord>(secondVote!, 'vote.json');
    expect(second).toMatchObject({ voted_for: 'claude', iteration: 3, coordination_round: 2 });

    expect(await readFile(join(turnDir, 'final', 'claude', 'answer.txt'), 'utf8')).toBe(
      'Paris is the capital of France.',
    );
    expect(await readFile(join(turnDir, 'final', 'claude', 'context.txt'), 'utf8')).toBe('ctx final');

    const status = await readJson<RunStatusFile>(turnDir, 'status.json');
    expect(status.meta).toMatchObject({
      session_id: RUN,
      log_dir: turnDir,
      question: 'What is the capital of France?',
    });
    expect(status.coordination).toMatchObject({ phase: 'completed', completion_percentage: 100 });
    expect(status.results).toEqual({
      votes: { claude: 3 },
      winner: 'claude',
      final_answer_preview: 'Paris is the capital of France.',
    });
    expect(status.agents.claude).toMatchObject({
      status: 'completed',
      answer_count: 2,
      latest_answer_label: 'agent2.2',
      vote_cast: { voted_for_agent: 'claude', voted_for_label: 'agent2.2', reason_preview: 'Mine.' },
      tokens: { input: 10, output: 5, reasoning: 0 },
    });
    expect(status.agents.gemini).toMatchObject({
      times_restarted: 2,
      vote_cast: { voted_for_agent: 'claude' },
    });
    expect(status.run).toEqual({ status: 'completed', duration_seconds: 1.234, error: null });

    const metadata = parse(await readFile(join(turnDir, 'execution_metadata.yaml'), 'utf8')) as Record<
      string,
      unknown
    >;
    expect(metadata).toMatchObject({
      query: 'What is the capital of France?',
      config_path: '/cfg/three.yaml',
      config: { agents: [{ id: 'gpt' }] },
      cli_args: ['--x'],
      node_version: process.version,
      cwd: process.cwd(),
      extra: 7,
    });
    expect(Object.keys(metadata).slice(0, 8)).toEqual([
      'query',
      'timestamp',
      'config_path',
      'config',
      'cli_args',
      'massgen_version',
      'node_version',
      'cwd',
    ]);
    expect(metadata.massgen_version).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('writes events.jsonl with one parseable line per event, in order, deltas included', async () => {
    const recorder = new LogRecorder({ turnDir, runId: RUN, question: 'q' });
    const events = scriptedRun();
    for (const event of events) recorder.handle(event);
    await recorder.close();
    const lines = (await readFile(join(turnDir, 'events.jsonl'), 'utf8')).split('\n');
    expect(lines.pop()).toBe('');
    const withoutContexts = events.map((event) => {
      if (!('context' in event) || event.context === undefined) return event;
      const { context: _context, ...rest } = event;
      return { ...rest, contextFile: expect.any(String) };
    });
    expect(lines.map((line) => JSON.parse(line))).toEqual(withoutContexts);
  });

  it('stores each context and update message once, in its file, and names the file in events.jsonl', async () => {
    const recorder = new LogRecorder({ turnDir, runId: RUN, question: 'q' });
    const ev = makeEvents();
    recorder.handle(runStart(ev));
    recorder.handle(
      ev('answer', {
        agentId: 'gpt',
        label: 'agent1.1',
        content: 'Paris',
        answerNumber: 1,
        context: 'ctx A',
      }),
    );
    recorder.handle(
      ev('update-injected', { agentId: 'claude', newAnswers: ['agent1.1'], message: 'new: Paris' }),
    );
    recorder.handle(
      ev('vote', {
        agentId: 'claude',
        votedFor: 'gpt',
        votedForLabel: 'agent1',
        reason: 'r',
        context: 'ctx V',
      }),
    );
    recorder.handle(ev('attempt-start', { attempt: 2, maxAttempts: 2 }));
    recorder.handle(
      ev('final-answer', { agentId: 'gpt', content: 'Paris', fromStoredAnswer: false, context: 'ctx F' }),
    );
    await recorder.close();
    const text = await readFile(join(turnDir, 'events.jsonl'), 'utf8');
    expect(text).not.toContain('ctx ');
    expect(text).not.toContain('new: Paris');
    const lines = text
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    const stamp = /\d{8}_\d{6}_\d{6}/.source;
    expect(lines.map((l) => l.contextFile ?? l.messageFile)).toEqual([
      undefined,
      expect.stringMatching(new RegExp(`^gpt/${stamp}/context\\.txt$`)),
      expect.stringMatching(new RegExp(`^claude/${stamp}/update_message\\.txt$`)),
      expect.stringMatching(new RegExp(`^claude/${stamp}/context\\.txt$`)),
      undefined,
      'attempt_2/final/gpt/context.txt',
    ]);
    const read = (index: number) =>
      readFile(join(turnDir, String(lines[index]!.contextFile ?? lines[index]!.messageFile)), 'utf8');
    expect(await Promise.all([1, 2, 3, 5].map(read))).toEqual(['ctx A', 'new: Paris', 'ctx V', 'ctx F']);
    const vote = await readJson<VoteRecord>(
      turnDir,
      String(lines[3]!.contextFile).replace('context.txt', 'vote.json'),
    );
    expect(vote.available_answer_labels).toEqual(['agent1.1']);
  });

  it('writes execution metadata and status.json at construction, before any close', async () => {
    const recorder = new LogRecorder({
      turnDir,
      runId: RUN,
      question: 'early',
      metadata: { config_path: 'c.yaml' },
    });
    await vi.waitFor(
      () => {
        expect(existsSync(join(turnDir, 'execution_metadata.yaml'))).toBe(true);
        expect(existsSync(join(turnDir, 'status.json'))).toBe(true);
      },
      { timeout: 10_000 },
    );
    const status = await readJson<RunStatusFile>(turnDir, 'status.json');
    expect(status.meta).toMatchObject({ session_id: RUN, question: 'early' });
    await recorder.close();
  });
});
