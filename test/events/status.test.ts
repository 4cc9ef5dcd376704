import { describe, expect, it } from 'vitest';
import { initialStatus, type RunStatusFile, reduceStatus } from '../../src/events/status.js';
import type { CoordinationEvent, CoordinationEventType, EventBase, EventOf } from '../../src/events/types.js';

const RUN = 'log_20250101_120000_000000';
const T0 = Date.UTC(2025, 0, 1, 12, 0, 0);

/** Builds events with increasing seq; `ts` is T0 + seq seconds. */
function makeEvents() {
  let seq = 0;
  return <T extends CoordinationEventType>(
    type: T,
    fields: Omit<EventOf<T>, keyof EventBase | 'type'>,
  ): EventOf<T> => {
    seq++;
    return { type, ...fields, runId: RUN, seq, ts: T0 + seq * 1000 } as unknown as EventOf<T>;
  };
}

const AGENTS = ['alpha', 'beta', 'gamma'];

function start(): { status: RunStatusFile; ev: ReturnType<typeof makeEvents>; apply: Apply } {
  const ev = makeEvents();
  let status = initialStatus({ runId: RUN, logDir: '/logs/turn_1', question: 'Q?', startTime: T0 });
  const apply: Apply = (...events) => {
    for (const event of events) status = reduceStatus(status, event);
    return status;
  };
  apply(
    ev('run-start', {
      question: 'What is 2+2?',
      agents: AGENTS.map((id, i) => ({ id, label: `agent${i + 1}`, backend: 'openai', model: 'm' })),
    }),
  );
  return { status, ev, apply };
}

type Apply = (...events: CoordinationEvent[]) => RunStatusFile;

describe('reduceStatus', () => {
  it('run-start initialises every agent as waiting, in config order', () => {
    const { status } = start();
    expect(Object.keys(status.agents)).toEqual(AGENTS);
    expect(status.agents.alpha).toMatchObject({
      status: 'waiting',
      answer_count: 0,
      vote_cast: null,
      error: null,
    });
    expect(status.meta).toMatchObject({
      session_id: RUN,
      log_dir: '/logs/turn_1',
      question: 'What is 2+2?',
      start_time: new Date(T0 + 1000).toISOString(),
      elapsed_seconds: 0,
    });
    expect(status.coordination).toEqual({
      phase: 'initial_answer',
      active_agent: 'alpha',
      completion_percentage: 0,
      is_final_presentation: false,
      attempt: 1,
      max_attempts: 1,
    });
    expect(status.run).toEqual({ status: 'running', duration_seconds: null, error: null });
  });

  it('agent-start sets streaming and counts restarts from the execution number', () => {
    const { ev, apply } = start();
    const status = apply(ev('agent-start', { agentId: 'beta', execution: 3, answersSeen: [] }));
    expect(status.agents.beta).toMatchObject({ status: 'streaming', times_restarted: 2 });
    expect(status.agents.beta?.last_activity).toBe(new Date(T0 + 2000).toISOString());
    expect(status.meta.elapsed_seconds).toBe(1);
  });

  it('the first delta of a waiting agent sets it streaming; later deltas change nothing', () => {
    const { ev, apply } = start();
    const before = apply();
    const afterFirst = apply(ev('text-delta', { agentId: 'alpha', text: 'a', phase: 'coordination' }));
    expect(afterFirst).not.toBe(before);
    expect(afterFirst.agents.alpha?.status).toBe('streaming');
    const afterSecond = apply(
      ev('reasoning-delta', { agentId: 'alpha', text: 'b', phase: 'coordination' }),
      ev('text-delta', { agentId: 'alpha', text: 'c', phase: 'coordination' }),
      ev('notice', { level: 'info', message: 'hi' }),
    );
    expect(afterSecond).toBe(afterFirst);
  });

  it('answer marks the agent answered with its count and label', () => {
    const { ev, apply } = start();
    let status = apply(
      ev('answer', { agentId: 'alpha', label: 'agent1.1', content: 'four', answerNumber: 1 }),
    );
    expect(status.agents.alpha).toMatchObject({
      status: 'answered',
      answer_count: 1,
      latest_answer_label: 'agent1.1',
    });
    status = apply(ev('answer', { agentId: 'alpha', label: 'agent1.2', content: '4', answerNumber: 2 }));
    expect(status.agents.alpha).toMatchObject({ answer_count: 2, latest_answer_label: 'agent1.2' });
    expect(status.coordination.phase).toBe('initial_answer');
    expect(status.coordination.active_agent).toBe('beta');
  });

  it('vote records the current vote and counts it per real agent id', () => {
    const { ev, apply } = start();
    apply(
      ev('answer', { agentId: 'alpha', label: 'agent1.1', content: 'four', answerNumber: 1 }),
      ev('answer', { agentId: 'beta', label: 'agent2.1', content: '4', answerNumber: 1 }),
    );
    const reason = 'x'.repeat(150);
    const status = apply(
      ev('vote', {
        agentId: 'beta',
        votedFor: 'alpha',
        votedForLabel: 'agent1',
        reason,
        options: ['agent1.1'],
      }),
      ev('vote', { agentId: 'gamma', votedFor: 'alpha', votedForLabel: 'agent1', reason: 'ok', options: [] }),
    );
    expect(status.agents.beta?.status).toBe('voted');
    expect(status.agents.beta?.vote_cast).toEqual({
      voted_for_agent: 'alpha',
      voted_for_label: 'agent1.1',
      reason_preview: 'x'.repeat(100),
    });
    expect(status.results.votes).toEqual({ alpha: 2 });
    expect(status.coordination.phase).toBe('enforcement');
    expect(status.coordination.active_agent).toBe('alpha');
  });

  it('votes-invalidated clears the affected votes and sets them restarting; the phase stays enforcement', () => {
    const { ev, apply } = start();
    apply(
      ev('answer', { agentId: 'alpha', label: 'agent1.1', content: 'four', answerNumber: 1 }),
      ev('vote', { agentId: 'beta', votedFor: 'alpha', votedForLabel: 'agent1', reason: 'r', options: [] }),
      ev('vote', { agentId: 'gamma', votedFor: 'alpha', votedForLabel: 'agent1', reason: 'r', options: [] }),
      ev('answer', { agentId: 'alpha', label: 'agent1.2', content: '4!', answerNumber: 2 }),
    );
    const status = apply(ev('votes-invalidated', { agentId: 'alpha', affected: ['beta'] }));
    expect(status.agents.beta).toMatchObject({ status: 'restarting', vote_cast: null });
    expect(status.agents.gamma?.status).toBe('voted');
    expect(status.results.votes).toEqual({ alpha: 1 });
    expect(status.coordination.phase).toBe('enforcement');
    const cleared = apply(ev('votes-invalidated', { agentId: 'alpha', affected: ['gamma'] }));
    expect(cleared.results.votes).toEqual({});
    expect(cleared.coordination.phase).toBe('enforcement');
  });

  it('vote-ignored sets the agent restarting without counting a vote', () => {
    const { ev, apply } = start();
    const status = apply(
      ev('vote-ignored', { agentId: 'gamma', votedFor: 'alpha', reason: 'r', why: 'stale' }),
    );
    expect(status.agents.gamma?.status).toBe('restarting');
    expect(status.results.votes).toEqual({});
  });

  it('agent-error keeps the agent in error until its next agent-start', () => {
    const { ev, apply } = start();
    let status = apply(
      ev('agent-error', { agentId: 'beta', message: '429 rate limited', willRetry: true, failures: 1 }),
    );
    expect(status.agents.beta?.status).toBe('error');
    expect(status.agents.beta?.error).toEqual({
      type: 'error',
      message: '429 rate limited',
      timestamp: new Date(T0 + 2000).toISOString(),
    });
    status = apply(
      ev('text-delta', { agentId: 'beta', text: 'late', phase: 'coordination' }),
      ev('votes-invalidated', { agentId: 'alpha', affected: ['beta'] }),
    );
    expect(status.agents.beta?.status).toBe('error');
    status = apply(ev('agent-start', { agentId: 'beta', execution: 2, answersSeen: [] }));
    expect(status.agents.beta?.status).toBe('streaming');
    status = apply(ev('answer', { agentId: 'beta', label: 'agent2.1', content: 'x', answerNumber: 1 }));
    expect(status.agents.beta?.error).toBeNull();
  });

  it('provider-retry shows the agent as retrying with the wait until its next event', () => {
    const { ev, apply } = start();
    apply(ev('agent-start', { agentId: 'beta', execution: 1, answersSeen: [] }));
    let status = apply(
      ev('provider-retry', {
        agentId: 'beta',
        attempt: 2,
        delayMs: 4000,
        statusCode: 429,
        message: 'rate_limit_error: Slow down',
      }),
    );
    expect(status.agents.beta?.status).toBe('retrying');
    expect(status.agents.beta?.retry).toEqual({
      attempt: 2,
      delay_seconds: 4,
      retry_at: new Date(T0 + 3000 + 4000).toISOString(),
      status_code: 429,
      message: 'rate_limit_error: Slow down',
    });
    // Another agent's events and notices leave the wait alone.
    status = apply(
      ev('text-delta', { agentId: 'alpha', text: 'x', phase: 'coordination' }),
      ev('notice', { level: 'warning', agentId: 'beta', message: 'm' }),
    );
    expect(status.agents.beta?.status).toBe('retrying');
    status = apply(ev('text-delta', { agentId: 'beta', text: 'back', phase: 'coordination' }));
    expect(status.agents.beta?.status).toBe('streaming');
    expect(status.agents.beta).not.toHaveProperty('retry');
    status = apply(
      ev('provider-retry', {
        agentId: 'beta',
        attempt: 1,
        delayMs: 500,
        message: 'overloaded_error: Overloaded',
      }),
    );
    expect(status.agents.beta?.retry?.status_code).toBeNull();
    status = apply(ev('agent-error', { agentId: 'beta', message: 'gave up', willRetry: false, failures: 1 }));
    expect(status.agents.beta).toMatchObject({ status: 'error', error: { message: 'gave up' } });
    expect(status.agents.beta).not.toHaveProperty('retry');
  });

  it('a winner retrying its presentation is presenting again at its next event', () => {
    const { ev, apply } = start();
    apply(
      ev('answer', { agentId: 'alpha', label: 'agent1.1', content: 'x', answerNumber: 1 }),
      ev('winner', { agentId: 'alpha', votes: {}, isTie: false, by: 'no-votes' }),
      ev('provider-retry', { agentId: 'alpha', attempt: 1, delayMs: 100, statusCode: 529, message: 'm' }),
    );
    const status = apply(ev('final-delta', { agentId: 'alpha', text: 'Final' }));
    expect(status.agents.alpha?.status).toBe('presenting');
  });

  it('agent-dropped and agent-timeout set their status and error', () => {
    const { ev, apply } = start();
    const status = apply(
      ev('agent-dropped', { agentId: 'alpha', reason: 'too many failures' }),
      ev('agent-timeout', { agentId: 'beta', seconds: 180 }),
    );
    expect(status.agents.alpha).toMatchObject({ status: 'dropped', error: { type: 'dropped' } });
    expect(status.agents.beta).toMatchObject({
      status: 'timeout',
      error: { type: 'timeout', message: 'Agent timeout after 180s' },
    });
    expect(status.coordination.active_agent).toBe('beta');
  });

  it('usage adds up tokens per agent', () => {
    const { ev, apply } = start();
    const status = apply(
      ev('usage', {
        agentId: 'gamma',
        usage: { inputTokens: 100, outputTokens: 20, reasoningTokens: 5 },
        phase: 'coordination',
      }),
      ev('usage', { agentId: 'gamma', usage: { inputTokens: 50, outputTokens: 10 }, phase: 'presentation' }),
    );
    expect(status.agents.gamma?.tokens).toEqual({ input: 150, output: 30, reasoning: 5 });
  });

  it('completion percentage counts agents with answers and current votes over twice the agents', () => {
    const { ev, apply } = start();
    let status = apply(ev('answer', { agentId: 'alpha', label: 'agent1.1', content: 'a', answerNumber: 1 }));
    expect(status.coordination.completion_percentage).toBe(16);
    status = apply(ev('answer', { agentId: 'alpha', label: 'agent1.2', content: 'b', answerNumber: 2 }));
    expect(status.coordination.completion_percentage).toBe(16);
    status = apply(
      ev('answer', { agentId: 'beta', label: 'agent2.1', content: 'c', answerNumber: 1 }),
      ev('answer', { agentId: 'gamma', label: 'agent3.1', content: 'd', answerNumber: 1 }),
      ev('vote', { agentId: 'alpha', votedFor: 'beta', votedForLabel: 'agent2', reason: 'r', options: [] }),
      ev('vote', { agentId: 'beta', votedFor: 'beta', votedForLabel: 'agent2', reason: 'r', options: [] }),
    );
    expect(status.coordination.completion_percentage).toBe(83);
    status = apply(ev('votes-invalidated', { agentId: 'gamma', affected: ['alpha', 'beta'] }));
    expect(status.coordination.completion_percentage).toBe(50);
  });

  it('winner starts the presentation: winner presenting, others completed', () => {
    const { ev, apply } = start();
    const status = apply(
      ev('agent-dropped', { agentId: 'gamma', reason: 'gone' }),
      ev('winner', { agentId: 'beta', votes: { beta: 2 }, isTie: false, by: 'votes' }),
    );
    expect(status.results.winner).toBe('beta');
    expect(status.coordination).toMatchObject({
      phase: 'presentation',
      is_final_presentation: true,
      active_agent: 'beta',
    });
    expect(status.agents.beta?.status).toBe('presenting');
    expect(status.agents.alpha?.status).toBe('completed');
    expect(status.agents.gamma?.status).toBe('dropped');
  });

  it('final-answer sets a 200-character preview and run-end completes the run', () => {
    const { ev, apply } = start();
    apply(
      ev('winner', { agentId: 'alpha', votes: {}, isTie: false, by: 'no-votes' }),
      ev('final-answer', { agentId: 'alpha', content: 'y'.repeat(300), fromStoredAnswer: false }),
    );
    const status = apply(ev('run-end', { status: 'completed', winner: 'alpha', durationMs: 4500 }));
    expect(status.results.final_answer_preview).toBe('y'.repeat(200));
    expect(status.run).toEqual({ status: 'completed', duration_seconds: 4.5, error: null });
    expect(status.coordination).toMatchObject({
      phase: 'completed',
      completion_percentage: 100,
      active_agent: null,
    });
    expect(status.agents.alpha?.status).toBe('completed');
  });

  it('agent-end: a cancelled execution leaves the agent cancelled; other outcomes change nothing', () => {
    const { ev, apply } = start();
    const before = apply(
      ev('agent-start', { agentId: 'alpha', execution: 1 }),
      ev('agent-start', { agentId: 'beta', execution: 1 }),
      ev('answer', { agentId: 'alpha', label: 'agent1.1', content: 'A', answerNumber: 1 }),
    );
    const after = apply(ev('agent-end', { agentId: 'alpha', execution: 1, outcome: 'answered' }));
    expect(after).toBe(before);
    const stopped = apply(
      ev('agent-end', { agentId: 'beta', execution: 1, outcome: 'cancelled' }),
      ev('run-end', { status: 'interrupted', durationMs: 10 }),
    );
    expect(stopped.agents.beta?.status).toBe('cancelled');
    expect(stopped.agents.alpha?.status).toBe('answered');
    expect(stopped.agents.gamma?.status).toBe('waiting');
  });

  it.each([
    ['presented', 'completed'],
    ['stored-answer', 'completed'],
    ['failed', 'error'],
    ['cancelled', 'cancelled'],
  ] as const)('final-start presents; final-end %s leaves the presenter %s', (outcome, state) => {
    const { ev, apply } = start();
    const presenting = apply(
      ev('winner', { agentId: 'beta', votes: {}, isTie: false, by: 'no-votes' }),
      ev('final-start', { agentId: 'beta' }),
    );
    expect(presenting.agents.beta?.status).toBe('presenting');
    expect(presenting.coordination).toMatchObject({ phase: 'presentation', is_final_presentation: true });
    const ended = apply(ev('final-end', { agentId: 'beta', outcome }));
    expect(ended.agents.beta?.status).toBe(state);
    expect(ended.agents.beta?.error?.message ?? null).toBe(
      outcome === 'failed' ? 'The final presentation failed.' : null,
    );
  });

  it('run-end of a failed run keeps its error and fills winner and preview from the event', () => {
    const { ev, apply } = start();
    const status = apply(
      ev('run-end', {
        status: 'timeout',
        winner: 'gamma',
        finalAnswer: 'late',
        durationMs: 1000,
        error: 'deadline',
      }),
    );
    expect(status.run).toEqual({ status: 'timeout', duration_seconds: 1, error: 'deadline' });
    expect(status.results).toMatchObject({ winner: 'gamma', final_answer_preview: 'late' });
  });

  it('never mutates the status it is given', () => {
    const { status, ev } = start();
    const frozen = JSON.stringify(status);
    reduceStatus(
      status,
      ev('answer', { agentId: 'alpha', label: 'agent1.1', content: 'a', answerNumber: 1 }),
    );
    reduceStatus(status, ev('winner', { agentId: 'alpha', votes: {}, isTie: false, by: 'votes' }));
    expect(JSON.stringify(status)).toBe(frozen);
  });
});
