import { describe, expect, it } from 'vitest';
import { agentLabel } from '../../src/coordination/labels.js';
import { answersSeenAt, EMPTY_ANSWER_BOARD, reduceAnswerBoard } from '../../src/events/answer-board.js';
import { EventChannel } from '../../src/events/channel.js';
import type { CoordinationEvent, EventOf } from '../../src/events/types.js';
import { type GroupChatRunOptions, runGroupChat } from '../../src/patterns/group-chat-run.js';
import type { AgentRuntime } from '../../src/types/agent-runtime.js';
import { lifecycle } from '../support/lifecycle.js';
import { callLog, member, type Script } from './support.js';

function setup(scripts: Record<string, Script[]>, overrides: Partial<GroupChatRunOptions> = {}) {
  const log = callLog();
  const agents: AgentRuntime[] = Object.entries(scripts).map(([id, script], index) => {
    const m = member(id, log, script);
    return {
      id,
      label: agentLabel(index),
      index,
      backendType: 'mock',
      modelId: `model-${id}`,
      model: m.model,
      settings: {},
    };
  });
  const channel = new EventChannel('log_test');
  const events: CoordinationEvent[] = [];
  channel.subscribe((e) => events.push(e));
  const options: GroupChatRunOptions = {
    agents,
    descriptions: Object.fromEntries(agents.map((a) => [a.id, `${a.id} role`])),
    settings: {
      order: { kind: 'round_robin' },
      maxRounds: 1,
      terminationKeyword: 'TERMINATE',
      summaryMethod: 'last_message',
    },
    question: 'Why is the sky blue?',
    runTimeoutMs: 10_000,
    agentTimeoutMs: 5_000,
    channel,
    ...overrides,
  };
  const of = <T extends CoordinationEvent['type']>(type: T) =>
    events.filter((e): e is EventOf<T> => e.type === type);
  return { log, events, of, options, run: () => runGroupChat(options) };
}

describe('group chat run (events)', () => {
  it('emits the coordination event stream: turns as answers, winner, final answer, run-end', async () => {
    const t = setup({
      a: [{ text: 'Rayleigh scattering.', reasoning: 'hmm' }],
      b: [{ text: 'Agreed. TERMINATE' }],
      c: [],
    });
    const result = await t.run();
    expect(result).toMatchObject({ status: 'completed', winner: 'b', finalAnswer: 'Agreed.' });
    expect(result.answers).toEqual({ a: 'Rayleigh scattering.', b: 'Agreed.' });
    expect(t.events.map((e) => e.type).filter((x) => x !== 'usage')).toEqual([
      'run-start',
      'agent-start',
      'reasoning-delta',
      'text-delta',
      'answer',
      'agent-end',
      'agent-start',
      'text-delta',
      'answer',
      'agent-end',
      'notice',
      'winner',
      'final-start',
      'final-answer',
      'final-end',
      'run-end',
    ]);
    expect(t.of('run-start')[0]!.agents.map((a) => a.id)).toEqual(['a', 'b', 'c']);
    expect(t.of('run-start')[0]!.schemaVersion).toBe(2);
    // Each speaker reads the messages before it: the current answers at its agent-start.
    let board = EMPTY_ANSWER_BOARD;
    const seen: string[][] = [];
    for (const e of t.events) {
      if (e.type === 'agent-start') seen.push(answersSeenAt(board, e));
      board = reduceAnswerBoard(board, e);
    }
    expect(seen).toEqual([[], ['agent1.1']]);
    expect(t.of('agent-start').map((e) => 'answersSeen' in e)).toEqual([false, false]);
    expect(t.of('agent-end').map((e) => [e.agentId, e.execution, e.outcome])).toEqual([
      ['a', 1, 'answered'],
      ['b', 1, 'answered'],
    ]);
    expect(t.of('final-end')).toMatchObject([{ agentId: 'b', outcome: 'presented' }]);
    expect(t.of('answer').map((e) => [e.agentId, e.label, e.content])).toEqual([
      ['a', 'agent1.1', 'Rayleigh scattering.'],
      ['b', 'agent2.1', 'Agreed.'],
    ]);
    expect(t.of('answer')[1]!.context).toContain('[a]: Rayleigh scattering.');
    expect(t.of('winner')[0]).toMatchObject({ agentId: 'b', votes: {}, isTie: false, by: 'no-votes' });
    expect(t.of('final-answer')[0]).toMatchObject({
      agentId: 'b',
      content: 'Agreed.',
      fromStoredAnswer: false,
    });
    expect(t.of('run-end')[0]).toMatchObject({ status: 'completed', winner: 'b', finalAnswer: 'Agreed.' });
    expect(t.of('usage').map((e) => e.agentId)).toEqual(['a', 'b']);
  });

  it('llm_summary: the summary agent wins and streams the final answer', async () => {
    const t = setup(
      { a: [{ text: 'one' }], b: [{ text: 'two' }, { text: 'The summary.' }] },
      {
        settings: {
          order: { kind: 'round_robin' },
          maxRounds: 1,
          summaryMethod: 'llm_summary',
          summaryAgent: 'b',
        },
      },
    );
    const result = await t.run();
    expect(result).toMatchObject({ status: 'completed', winner: 'b', finalAnswer: 'The summary.' });
    expect(t.of('winner')[0]).toMatchObject({ agentId: 'b', by: 'no-votes' });
    expect(
      t
        .of('final-delta')
        .map((e) => e.text)
        .join(''),
    ).toBe('The summary.');
    expect(t.of('final-answer')[0]).toMatchObject({ fromStoredAnswer: false, content: 'The summary.' });
    expect(t.of('final-answer')[0]!.context).toContain('[a]: one\n\n[b]: two');
    expect(t.log.calls.at(-1)!.system).toContain('## Summary');
  });

  it('drops a speaker after 3 failures and still ends with an answer', async () => {
    const t = setup(
      { a: [], bad: [{ error: new Error('500 upstream') }] },
      { settings: { order: { kind: 'round_robin' }, maxRounds: 4, summaryMethod: 'last_message' } },
    );
    const result = await t.run();
    expect(result.status).toBe('completed');
    expect(t.of('agent-error').map((e) => [e.failures, e.willRetry])).toEqual([
      [1, true],
      [2, true],
      [3, false],
    ]);
    expect(t.of('agent-dropped')).toHaveLength(1);
    expect(t.of('answer').map((e) => e.label)).toEqual(['agent1.1', 'agent1.2', 'agent1.3', 'agent1.4']);
    expect(lifecycle(t.events)).toEqual({
      agents: [
        'a:1:answered',
        'bad:1:failed',
        'a:2:answered',
        'bad:2:failed',
        'a:3:answered',
        'bad:3:failed',
        'a:4:answered',
      ],
      finals: ['a:presented'],
    });
    // agent-end comes before what the run does about the failure.
    const types = t.events.map((e) => e.type);
    const end = t.events.findIndex((e) => e.type === 'agent-end' && e.agentId === 'bad');
    expect(types.slice(end, end + 2)).toEqual(['agent-end', 'agent-error']);
  });

  it('the run deadline ends the chat: the last message is the final answer (timeout)', async () => {
    const t = setup({ a: [{ text: 'quick' }], b: [{ text: 'slow', delayMs: 2_000 }] }, { runTimeoutMs: 100 });
    const result = await t.run();
    expect(result).toMatchObject({ status: 'timeout', winner: 'a', finalAnswer: 'quick' });
    expect(t.of('winner')[0]).toMatchObject({ agentId: 'a', by: 'timeout' });
    expect(t.of('final-answer')[0]).toMatchObject({ content: 'quick', fromStoredAnswer: true });
    expect(lifecycle(t.events)).toEqual({
      agents: ['a:1:answered', 'b:1:cancelled'],
      finals: ['a:stored-answer'],
    });
  });

  it('a per-turn timeout skips the speaker', async () => {
    const t = setup({ a: [{ text: 'slow', delayMs: 2_000 }, { text: 'x' }], b: [] }, { agentTimeoutMs: 50 });
    const result = await t.run();
    expect(result).toMatchObject({ status: 'completed', winner: 'b' });
    expect(t.of('agent-timeout')).toMatchObject([{ agentId: 'a', seconds: 0.05 }]);
    expect(lifecycle(t.events)).toEqual({ agents: ['a:1:timeout', 'b:1:answered'], finals: ['b:presented'] });
    expect(t.of('agent-end')[0]).toMatchObject({ outcome: 'timeout', error: 'timed out after 0.05s' });
  });

  it('Ctrl-C ends the run as interrupted, without a final answer', async () => {
    const stop = new AbortController();
    // Ctrl-C while b is speaking.
    const interrupt = () => {
      stop.abort(new Error('interrupted by user'));
      return { text: 'slow', delayMs: 2_000 };
    };
    const t = setup({ a: [{ text: 'quick' }], b: [interrupt] }, { signal: stop.signal });
    const result = await t.run();
    expect(result.status).toBe('interrupted');
    expect(t.of('final-answer')).toHaveLength(0);
    expect(t.of('run-end')[0]).toMatchObject({ status: 'interrupted' });
    expect(lifecycle(t.events)).toEqual({ agents: ['a:1:answered', 'b:1:cancelled'], finals: [] });
  });

  it('starts the run’s services right after run-start, and records the session', async () => {
    const t = setup(
      { a: [{ text: 'one' }], b: [{ text: 'two' }] },
      {
        sessionId: 'session_1',
        onStarted: (emit) => emit({ type: 'notice', level: 'info', message: 'services started' }),
      },
    );
    await t.run();
    expect(t.events.slice(0, 3).map((e) => e.type)).toEqual(['run-start', 'notice', 'agent-start']);
    expect(t.of('run-start')[0]).toMatchObject({ sessionId: 'session_1', schemaVersion: 2 });
  });

  it('fails when every speaker fails', async () => {
    const t = setup({ a: [{ error: new Error('nope') }], b: [{ error: new Error('nope') }] });
    const result = await t.run();
    expect(result).toMatchObject({ status: 'failed', error: 'Every agent failed before saying anything.' });
    expect(t.of('winner')).toHaveLength(0);
    expect(lifecycle(t.events)).toEqual({ agents: ['a:1:failed', 'b:1:failed'], finals: [] });
  });
});
