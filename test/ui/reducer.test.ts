import { describe, expect, it } from 'vitest';
import { reduceRun } from '../../src/ui/tui/reducer.js';
import { currentTally, initialRunView, runTotals } from '../../src/ui/tui/state.js';
import { bufferText } from '../../src/ui/tui/text-buffer.js';
import { demoEvents, ev, runStart, viewOf } from './helpers.js';

const three = () => runStart(['a', 'b', 'c']);

describe('terminal UI reducer', () => {
  it('starts every agent waiting, in config order, with the question', () => {
    const view = viewOf([three()]);
    expect(view.question).toBe('What is 2+2?');
    expect(view.order).toEqual(['a', 'b', 'c']);
    expect(view.phase).toBe('coordinating');
    expect(view.agents.a!.status).toEqual({ kind: 'waiting' });
    expect(view.agents.b!.label).toBe('agent2');
  });

  it('streams text and reasoning into the agent’s output, each on its own line', () => {
    const view = viewOf([
      three(),
      ev({ type: 'agent-start', agentId: 'a', execution: 1, answersSeen: [] }),
      ev({ type: 'reasoning-delta', agentId: 'a', text: 'thinking…', phase: 'coordination' }),
      ev({ type: 'text-delta', agentId: 'a', text: 'Four', phase: 'coordination' }),
      ev({ type: 'text-delta', agentId: 'a', text: ' it is.', phase: 'coordination' }),
    ]);
    const a = view.agents.a!;
    expect(a.status).toEqual({ kind: 'working', execution: 1 });
    expect(a.output.spans.map((s) => s.kind)).toEqual(['reasoning', 'text']);
    expect(bufferText(a.output)).toBe('thinking…\nFour it is.');
  });

  it('shows answers, votes with reasons, updates, restarts, errors, timeouts and drops', () => {
    const events = [
      three(),
      ev({ type: 'answer', agentId: 'a', label: 'agent1.1', content: '4', answerNumber: 1 }),
      ev({
        type: 'vote',
        agentId: 'b',
        votedFor: 'a',
        votedForLabel: 'agent1',
        reason: 'Correct.',
        options: ['agent1.1'],
      }),
      ev({ type: 'update-injected', agentId: 'c', newAnswers: ['agent1.1'], message: '…' }),
    ];
    let view = viewOf(events);
    expect(view.agents.a!.status).toEqual({ kind: 'answered', label: 'agent1.1', answerNumber: 1 });
    expect(view.agents.b!.status).toEqual({ kind: 'voted', votedFor: 'a', reason: 'Correct.' });
    expect(view.agents.c!.status).toEqual({ kind: 'update', newAnswers: ['agent1.1'] });
    expect(currentTally(view)).toEqual({ a: 1 });

    view = reduceRun(
      view,
      ev({ type: 'answer', agentId: 'c', label: 'agent3.1', content: '2+2=4', answerNumber: 1 }),
    );
    view = reduceRun(view, ev({ type: 'votes-invalidated', agentId: 'c', affected: ['b'] }));
    expect(view.agents.b!.status).toEqual({ kind: 'restarting', by: 'c' });
    expect(bufferText(view.agents.b!.output)).toContain('vote invalidated by a new answer from c');
    expect(currentTally(view)).toEqual({});

    view = reduceRun(
      view,
      ev({ type: 'agent-error', agentId: 'a', message: '500 boom', willRetry: true, failures: 1 }),
    );
    expect(view.agents.a!.status).toEqual({
      kind: 'error',
      message: '500 boom',
      willRetry: true,
      failures: 1,
    });
    view = reduceRun(view, ev({ type: 'agent-timeout', agentId: 'b', seconds: 30 }));
    view = reduceRun(
      view,
      ev({ type: 'agent-error', agentId: 'b', message: 'timed out', willRetry: true, failures: 1 }),
    );
    expect(view.agents.b!.status).toEqual({ kind: 'timeout', seconds: 30, willRetry: true });
    view = reduceRun(view, ev({ type: 'agent-dropped', agentId: 'a', reason: '401 bad key' }));
    expect(view.agents.a!.status).toEqual({ kind: 'dropped', reason: '401 bad key' });
  });

  it('ends a vote round when a new answer invalidates its votes; ignored votes are kept, not counted', () => {
    const view = viewOf([
      three(),
      ev({ type: 'answer', agentId: 'a', label: 'agent1.1', content: 'x', answerNumber: 1 }),
      ev({
        type: 'vote',
        agentId: 'b',
        votedFor: 'a',
        votedForLabel: 'agent1',
        reason: 'r1',
        options: ['agent1.1'],
      }),
      ev({ type: 'answer', agentId: 'c', label: 'agent3.1', content: 'y', answerNumber: 1 }),
      ev({ type: 'vote-ignored', agentId: 'a', votedFor: 'a', reason: 'mine', why: 'stale' }),
      ev({
        type: 'vote',
        agentId: 'b',
        votedFor: 'c',
        votedForLabel: 'agent3',
        reason: 'r2',
        options: ['agent1.1', 'agent3.1'],
      }),
    ]);
    expect(view.rounds).toHaveLength(2);
    expect(view.rounds[0]).toMatchObject({
      number: 1,
      endedBy: 'agent3.1',
      votes: [{ voter: 'b', votedFor: 'a' }],
    });
    expect(view.rounds[1]!.votes.map((v) => [v.voter, v.votedFor, v.ignored])).toEqual([
      ['a', 'a', 'stale'],
      ['b', 'c', undefined],
    ]);
    expect(currentTally(view)).toEqual({ c: 1 });
    expect(view.agents.a!.status.kind).toBe('vote-ignored');
  });

  it('shows non-workflow tool calls and their results as they happen', () => {
    const view = viewOf([
      three(),
      ev({
        type: 'tool-call',
        agentId: 'a',
        toolCallId: '1',
        toolName: 'web_search',
        input: { query: 'event sourcing' },
      }),
      ev({
        type: 'tool-result',
        agentId: 'a',
        toolCallId: '1',
        toolName: 'web_search',
        output: 'found 3',
        isError: false,
      }),
      ev({ type: 'tool-call', agentId: 'a', toolCallId: '2', toolName: 'vote', input: {} }),
    ]);
    const text = bufferText(view.agents.a!.output);
    expect(text).toContain('⚙ web_search({"query":"event sourcing"})');
    expect(text).toContain('↳ found 3');
    expect(text).not.toContain('vote(');
    expect(view.agents.a!.lastTool).toBe('web_search');
  });

  it('adds tokens and cost per call; unknown prices leave the cost undefined', () => {
    const price = (_b: string, model: string) => (model === 'gpt-5-mini' ? 0.01 : undefined);
    const usage = { inputTokens: 100, outputTokens: 50 };
    const view = viewOf(
      [
        three(),
        ev({ type: 'usage', agentId: 'a', usage, phase: 'coordination' }),
        ev({ type: 'usage', agentId: 'a', usage: { ...usage, reasoningTokens: 20 }, phase: 'coordination' }),
      ],
      price,
    );
    const a = view.agents.a!;
    expect(a.usage).toMatchObject({ inputTokens: 200, outputTokens: 100, reasoningTokens: 20, calls: 2 });
    expect(a.cost).toBeCloseTo(0.02);
    expect(runTotals(view)).toMatchObject({ tokens: 300, unpriced: false });
    const unpriced = viewOf(
      [three(), ev({ type: 'usage', agentId: 'b', usage, phase: 'coordination' })],
      () => undefined,
    );
    expect(unpriced.agents.b!.cost).toBeUndefined();
    expect(runTotals(unpriced)).toEqual({ tokens: 150, cost: undefined, unpriced: true });
  });

  it('presents: winner, streamed final answer, the stored content, then done', () => {
    let view = viewOf([
      three(),
      ev({ type: 'winner', agentId: 'b', votes: { b: 2, a: 1 }, isTie: false, by: 'votes' }),
      ev({ type: 'final-delta', agentId: 'b', text: '# Four' }),
      ev({ type: 'final-delta', agentId: 'b', text: '\n\n2+2 = 4' }),
    ]);
    expect(view.phase).toBe('presenting');
    expect(view.agents.b!.status).toEqual({ kind: 'presenting' });
    expect(view.agents.a!.status).toEqual({ kind: 'done', winner: false });
    expect(view.final).toEqual({
      agentId: 'b',
      text: '# Four\n\n2+2 = 4',
      done: false,
      fromStoredAnswer: false,
    });
    view = reduceRun(
      view,
      ev({ type: 'final-answer', agentId: 'b', content: '# Four\n\n2+2 = 4', fromStoredAnswer: false }),
    );
    view = reduceRun(
      view,
      ev({ type: 'run-end', status: 'completed', winner: 'b', finalAnswer: 'x', durationMs: 1234 }),
    );
    expect(view.final.done).toBe(true);
    expect(view.phase).toBe('done');
    expect(view.end).toEqual({ status: 'completed', durationMs: 1234, winner: 'b', error: undefined });
    expect(view.agents.b!.status).toEqual({ kind: 'done', winner: true });
  });

  it('ignores events of unknown agents and unknown event types', () => {
    const start = viewOf([three()]);
    const after = reduceRun(
      start,
      ev({ type: 'text-delta', agentId: 'zz', text: 'x', phase: 'coordination' }),
    );
    expect(after.agents).toBe(start.agents);
    const unknown = { type: 'memory-compressed', runId: 'r', seq: 99, ts: 5 } as unknown as Parameters<
      typeof reduceRun
    >[1];
    expect(reduceRun(start, unknown).agents).toBe(start.agents);
    expect(reduceRun(initialRunView(), unknown).order).toEqual([]);
  });

  it('reduces the recorded demo to gemini winning 2–1 after a revised answer', () => {
    const view = viewOf(demoEvents());
    expect(view.end?.status).toBe('completed');
    expect(view.winner?.agentId).toBe('gemini');
    expect(view.rounds).toHaveLength(2);
    expect(view.rounds[0]!.endedBy).toBe('agent3.2');
    expect(currentTally(view)).toEqual({ gemini: 2, gpt5mini: 1 });
    expect(view.final.text).toContain('## Event sourcing: the trade-offs');
    expect(view.agents.gemini!.answers).toBe(2);
  });
});
