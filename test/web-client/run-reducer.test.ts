import { describe, expect, it } from 'vitest';
import type { EventInput } from '../../src/events/types.js';
import { reduceEvents, reduceRun } from '../../web-client/src/state/run-reducer.js';
import { initialRunState } from '../../web-client/src/state/run-state.js';
import { agentLayout, currentTally, roundTally, runTotals } from '../../web-client/src/state/selectors.js';
import { MAX_ITEM_TEXT, MAX_ITEMS } from '../../web-client/src/state/stream-items.js';
import { demoEvents, stamp, start, stateOf } from './events.js';

const answer = (agentId: string, label: string, content: string, answerNumber = 1): EventInput => ({
  type: 'answer',
  agentId,
  label,
  content,
  answerNumber,
});
const vote = (agentId: string, votedFor: string, reason = 'best'): EventInput => ({
  type: 'vote',
  agentId,
  votedFor,
  votedForLabel: votedFor,
  reason,
});

describe('run reducer', () => {
  it('announces the agents in config order with their models and the session', () => {
    const s = stateOf([start(['a', 'b', 'c'], 'Why?')]);
    expect(s.order).toEqual(['a', 'b', 'c']);
    expect(s.question).toBe('Why?');
    expect(s.sessionId).toBe('session_1');
    expect(s.agents.b).toMatchObject({ label: 'agent2', model: 'gpt-5-mini', status: 'waiting' });
    expect(s.phase).toBe('coordinating');
  });

  it('merges streamed text and reasoning into items in the order they came', () => {
    const s = stateOf([
      start(['a']),
      { type: 'agent-start', agentId: 'a', execution: 1 },
      { type: 'reasoning-delta', agentId: 'a', text: 'think ', phase: 'coordination' },
      { type: 'reasoning-delta', agentId: 'a', text: 'more', phase: 'coordination' },
      { type: 'text-delta', agentId: 'a', text: '# Title', phase: 'coordination' },
      { type: 'text-delta', agentId: 'a', text: '\nbody', phase: 'coordination' },
    ]);
    expect(s.agents.a!.items).toEqual([
      { kind: 'reasoning', text: 'think more' },
      { kind: 'text', text: '# Title\nbody' },
    ]);
    expect(s.agents.a!.status).toBe('working');
    expect(s.agents.a!.lastSeq).toBe(6);
  });

  it('pairs a tool call with its result and hides workflow tools', () => {
    const s = stateOf([
      start(['a']),
      { type: 'tool-call', agentId: 'a', toolCallId: 't1', toolName: 'read_file', input: { path: 'x.md' } },
      { type: 'tool-call', agentId: 'a', toolCallId: 't2', toolName: 'new_answer', input: { content: 'x' } },
      {
        type: 'tool-result',
        agentId: 'a',
        toolCallId: 't1',
        toolName: 'read_file',
        output: 'hello',
        isError: false,
      },
    ]);
    expect(s.agents.a!.items).toEqual([
      {
        kind: 'tool',
        toolCallId: 't1',
        toolName: 'read_file',
        input: { path: 'x.md' },
        output: 'hello',
        isError: false,
      },
    ]);
  });

  it('starts a new vote round with each answer and marks the votes it invalidated', () => {
    const s = stateOf([
      start(['a', 'b', 'c']),
      answer('a', 'agent1.1', 'A1'),
      vote('b', 'a'),
      vote('c', 'a'),
      answer('b', 'agent2.1', 'B1'),
      { type: 'votes-invalidated', agentId: 'b', affected: ['c'] },
      vote('a', 'b'),
      { type: 'vote-ignored', agentId: 'c', votedFor: 'a', reason: 'old', why: 'answers changed' },
    ]);
    expect(s.rounds).toHaveLength(2);
    expect(s.rounds[0]!.endedBy).toBe('agent2.1');
    expect(s.rounds[0]!.votes.map((v) => [v.voter, v.votedFor, v.invalidatedBy])).toEqual([
      ['b', 'a', 'agent2.1'],
      ['c', 'a', 'agent2.1'],
    ]);
    expect(s.rounds[1]!.votes.map((v) => [v.voter, v.votedFor, v.ignored])).toEqual([
      ['a', 'b', undefined],
      ['c', 'a', 'answers changed'],
    ]);
    expect(roundTally(s.rounds[1]!)).toEqual({ b: 1 });
    expect(s.agents.c!.status).toBe('vote-ignored');
    expect(s.timeline.map((t) => t.kind)).toEqual([
      'answer',
      'vote',
      'vote',
      'answer',
      'invalidated',
      'vote',
      'vote-ignored',
    ]);
  });

  it('records the winner, streams the final answer and settles every panel at the end', () => {
    const s = stateOf([
      start(['a', 'b']),
      answer('a', 'agent1.1', 'A1'),
      vote('a', 'a'),
      vote('b', 'a'),
      { type: 'winner', agentId: 'a', votes: { a: 2 }, isTie: false, by: 'votes' },
      { type: 'final-start', agentId: 'a' },
      { type: 'final-delta', agentId: 'a', text: 'Final ' },
      { type: 'final-delta', agentId: 'a', text: 'words' },
      { type: 'final-answer', agentId: 'a', content: 'Final words', fromStoredAnswer: false },
      { type: 'final-end', agentId: 'a', outcome: 'presented' },
      { type: 'run-end', status: 'completed', winner: 'a', finalAnswer: 'Final words', durationMs: 1200 },
    ]);
    expect(s.winner).toEqual({ agentId: 'a', votes: { a: 2 }, isTie: false, by: 'votes' });
    expect(currentTally(s)).toEqual({ a: 2 });
    expect(s.final).toEqual({ agentId: 'a', text: 'Final words', done: true, fromStoredAnswer: false });
    expect(s.agents.a!.status).toBe('winner');
    expect(s.agents.b!.status).toBe('done');
    expect(s.end).toEqual({ status: 'completed', durationMs: 1200, winner: 'a', error: undefined });
    expect(s.phase).toBe('done');
  });

  it('keeps a pending approval until its decision and clears what is left at the end', () => {
    const risk = {
      level: 'irreversible' as const,
      openWorld: false,
      source: 'config' as const,
      reason: 'deletes',
    };
    const request = (requestId: string): EventInput => ({
      type: 'approval-request',
      agentId: 'a',
      requestId,
      toolCallId: `c${requestId}`,
      toolName: 'mcp__ledger__delete_entry',
      input: { id: 7 },
      risk,
      reason: 'policy asks',
    });
    const inputs: EventInput[] = [
      start(['a']),
      request('r1'),
      request('r2'),
      {
        type: 'approval-decision',
        agentId: 'a',
        requestId: 'r1',
        toolName: 'mcp__ledger__delete_entry',
        approved: true,
        scope: 'once',
        by: 'human',
      },
    ];
    const s = stateOf(inputs);
    expect(s.approvals.map((a) => a.requestId)).toEqual(['r2']);
    expect(s.approvals[0]).toMatchObject({ toolName: 'mcp__ledger__delete_entry', input: { id: 7 }, risk });
    expect(s.decided).toEqual([
      {
        requestId: 'r1',
        agentId: 'a',
        toolName: 'mcp__ledger__delete_entry',
        approved: true,
        scope: 'once',
        by: 'human',
      },
    ]);
    const ended = stateOf([...inputs, { type: 'run-end', status: 'interrupted', durationMs: 5 }]);
    expect(ended.approvals).toEqual([]);
  });

  it('shows retries, errors and drops as the agent status', () => {
    const s = stateOf([
      start(['a', 'b']),
      {
        type: 'provider-retry',
        agentId: 'a',
        attempt: 2,
        delayMs: 1500,
        statusCode: 429,
        message: 'rate limited',
      },
      { type: 'agent-error', agentId: 'b', message: 'HTTP 500', willRetry: false, failures: 3 },
      { type: 'agent-dropped', agentId: 'b', reason: 'failed 3 times' },
    ]);
    expect(s.agents.a!.status).toBe('retrying');
    expect(s.agents.a!.detail).toBe('retry 2 in 1.5s: 429 rate limited');
    expect(s.agents.b!.status).toBe('dropped');
    expect(s.agents.b!.items.map((i) => (i.kind === 'note' ? i.text : i.kind))).toEqual([
      'HTTP 500',
      'dropped: failed 3 times',
    ]);
    const resumed = reduceEvents(
      s,
      stamp([{ type: 'text-delta', agentId: 'a', text: 'ok', phase: 'coordination' }]).map((e) => ({
        ...e,
        seq: s.lastSeq + 1,
      })),
    );
    expect(resumed.agents.a!.status).toBe('working');
  });

  it('adds up tokens and the priced cost per agent and in total', () => {
    const price = (_b: string, _m: string, u: { inputTokens: number; outputTokens: number }) =>
      u.inputTokens * 0.001 + u.outputTokens * 0.002;
    const usage = (agentId: string, inputTokens: number, outputTokens: number): EventInput => ({
      type: 'usage',
      agentId,
      usage: { inputTokens, outputTokens },
      phase: 'coordination',
    });
    const s = stateOf(
      [start(['a', 'b']), usage('a', 100, 10), usage('a', 200, 20), usage('b', 50, 5)],
      price,
    );
    expect(s.agents.a!.usage).toMatchObject({ inputTokens: 300, outputTokens: 30, calls: 2 });
    expect(s.agents.a!.cost).toBeCloseTo(0.36, 10);
    expect(runTotals(s)).toEqual({ tokens: 385, cost: expect.closeTo(0.42, 10), unpriced: false });
    const unpriced = stateOf([start(['a']), usage('a', 10, 1)], () => undefined);
    expect(runTotals(unpriced)).toEqual({ tokens: 11, unpriced: true });
  });

  it('ignores events it has already applied, so a resumed stream changes nothing', () => {
    const events = stamp([
      start(['a']),
      { type: 'text-delta', agentId: 'a', text: 'one', phase: 'coordination' },
      { type: 'text-delta', agentId: 'a', text: 'two', phase: 'coordination' },
    ]);
    const once = reduceEvents(initialRunState(), events);
    const again = reduceEvents(once, events.slice(1));
    expect(again).toBe(once);
    expect(reduceRun(once, events[2]!)).toBe(once);
  });

  it('starts a new attempt on a restart: new round, no winner, an empty final answer', () => {
    const s = stateOf([
      start(['a', 'b']),
      { type: 'attempt-start', attempt: 1, maxAttempts: 2 },
      answer('a', 'agent1.1', 'A1'),
      vote('b', 'a'),
      { type: 'winner', agentId: 'a', votes: { a: 1 }, isTie: false, by: 'votes' },
      { type: 'final-delta', agentId: 'a', text: 'draft' },
      { type: 'attempt-start', attempt: 2, maxAttempts: 2, reason: 'incomplete' },
    ]);
    expect(s.attempt).toEqual({ number: 2, max: 2 });
    expect(s.winner).toBeUndefined();
    expect(s.final.text).toBe('');
    expect(s.rounds.map((r) => [r.number, r.attempt, r.votes.length])).toEqual([
      [1, 1, 1],
      [2, 2, 0],
    ]);
    expect(s.timeline.at(-1)).toMatchObject({ kind: 'restart', text: 'attempt 2/2: incomplete' });
  });

  it('keeps an agent stream bounded however long it runs', () => {
    const inputs: EventInput[] = [start(['a'])];
    for (let i = 0; i < MAX_ITEMS + 50; i++) {
      inputs.push({ type: 'reasoning-delta', agentId: 'a', text: 'r', phase: 'coordination' });
      inputs.push({ type: 'text-delta', agentId: 'a', text: 'x'.repeat(1000), phase: 'coordination' });
    }
    inputs.push({
      type: 'text-delta',
      agentId: 'a',
      text: 'y'.repeat(MAX_ITEM_TEXT + 10_000),
      phase: 'coordination',
    });
    const s = stateOf(inputs);
    expect(s.agents.a!.items).toHaveLength(MAX_ITEMS);
    expect(s.agents.a!.dropped).toBe(2 * (MAX_ITEMS + 50) - MAX_ITEMS);
    const last = s.agents.a!.items.at(-1)!;
    expect(last.kind === 'text' && last.text).toBe('y'.repeat(MAX_ITEM_TEXT));
  });

  it('reduces the recorded demo run to its winner, votes and final answer', () => {
    const s = reduceEvents(initialRunState(), demoEvents());
    expect(s.order).toEqual(['gpt5mini', 'claude', 'gemini']);
    expect(s.end?.status).toBe('completed');
    expect(s.winner?.agentId).toBe(s.end?.winner);
    expect(s.final.done).toBe(true);
    expect(s.order.flatMap((id) => s.agents[id]!.answers.map((a) => a.label)).sort()).toHaveLength(4);
    const counted = s.rounds.flatMap((r) => r.votes).filter((v) => v.ignored === undefined);
    expect(counted).toHaveLength(4);
    expect(s.rounds.flatMap((r) => r.votes).filter((v) => v.ignored !== undefined)).toHaveLength(1);
  });

  it('lays out up to 4 agents in columns, up to 19 in a grid, 20 and more in a table', () => {
    expect([1, 4, 5, 19, 20, 100].map(agentLayout)).toEqual([
      'columns',
      'columns',
      'grid',
      'grid',
      'table',
      'table',
    ]);
  });
});
