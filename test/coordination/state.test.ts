import { describe, expect, it } from 'vitest';
import {
  agentsToStart,
  type CoordinationState,
  changedAnswers,
  createState,
  isConverged,
  isStuck,
  pickWinner,
  readyToRetry,
  recordFailure,
  snapshot,
  startExecution,
  submitAnswer,
  submitVote,
} from '../../src/coordination/state.js';
import type { CoordinationRules } from '../../src/types/coordination.js';

const RULES: CoordinationRules = { novelty: 'lenient', maxAnswersPerAgent: null, maxFailures: 3 };

function answered(state: CoordinationState, id: string, content: string): CoordinationState {
  const d = submitAnswer(state, id, content);
  if (d.kind !== 'accepted') throw new Error(`answer refused: ${d.message}`);
  return d.state;
}

function voted(state: CoordinationState, id: string, label: string): CoordinationState {
  const d = submitVote(state, id, label, 'best', snapshot(state));
  if (d.kind !== 'accepted') throw new Error(`vote refused: ${d.kind}`);
  return d.state;
}

function started(ids: string[], rules: Partial<CoordinationRules> = {}): CoordinationState {
  let s = createState(ids, { ...RULES, ...rules });
  for (const id of ids) s = startExecution(s, id);
  return s;
}

describe('coordination rules', () => {
  it('labels agents by config order, not by id', () => {
    const s = createState(['zeta', 'alpha', 'mid'], RULES);
    expect(s.agents.map((a) => a.label)).toEqual(['agent1', 'agent2', 'agent3']);
  });

  it('starts every agent at once', () => {
    expect(agentsToStart(createState(['a', 'b', 'c'], RULES))).toEqual(['a', 'b', 'c']);
  });

  it('rejects a vote when no answers exist', () => {
    const s = started(['a', 'b']);
    const d = submitVote(s, 'a', 'agent1', 'x', snapshot(s));
    expect(d.kind).toBe('rejected');
    if (d.kind === 'rejected') expect(d.message).toMatch(/no answers/);
  });

  it('rejects a vote for a label whose answer the voter was not shown', () => {
    let s = started(['a', 'b', 'c']);
    s = answered(s, 'a', 'Paris');
    const d = submitVote(s, 'b', 'agent3', 'x', snapshot(s));
    expect(d.kind).toBe('rejected');
    if (d.kind === 'rejected') expect(d.message).toContain('agent1');
  });

  it('labels answers agentK.N and lists them in config order', () => {
    let s = started(['a', 'b']);
    s = answered(s, 'b', 'B one');
    s = answered(s, 'a', 'A one');
    s = answered(s, 'b', 'B two');
    expect(snapshot(s).answers.map((a) => a.answerLabel)).toEqual(['agent1.1', 'agent2.2']);
  });

  it('holds back the next round while an agent is still on its first answer', () => {
    let s = started(['a', 'b']);
    s = answered(s, 'a', 'A');
    expect(agentsToStart(s)).toEqual([]);
    s = answered(s, 'b', 'B');
    expect(agentsToStart(s)).toEqual(['a', 'b']);
  });

  it('does not hold back for an agent that could read answers when it started', () => {
    let s = createState(['a', 'b'], RULES);
    s = startExecution(s, 'a');
    s = answered(s, 'a', 'A');
    s = startExecution(s, 'b');
    expect(agentsToStart(s)).toEqual(['a']);
  });

  it('a new answer invalidates every vote and restarts the voters', () => {
    let s = started(['a', 'b', 'c']);
    s = answered(s, 'a', 'first answer');
    s = voted(s, 'b', 'agent1');
    expect(s.agents[1]!.status).toBe('voted');
    const d = submitAnswer(s, 'c', 'a different answer');
    expect(d.kind).toBe('accepted');
    if (d.kind !== 'accepted') return;
    expect(d.invalidated).toEqual(['b']);
    expect(d.state.agents[1]!.vote).toBeUndefined();
    expect(agentsToStart(d.state)).toEqual(['a', 'b', 'c']);
  });

  it('ignores a vote cast against answers that changed meanwhile and reports what changed', () => {
    let s = started(['a', 'b', 'c']);
    s = answered(s, 'a', 'first');
    const seenByB = snapshot(s);
    s = answered(s, 'c', 'second answer arrives while b is streaming');
    const d = submitVote(s, 'b', 'agent1', 'x', seenByB);
    expect(d.kind).toBe('stale');
    if (d.kind !== 'stale') return;
    expect(d.newAnswers.map((a) => a.answerLabel)).toEqual(['agent3.1']);
    expect(s.agents[1]!.vote).toBeUndefined();
  });

  it('treats an updated answer from an already-seen agent as new', () => {
    let s = started(['a', 'b']);
    s = answered(s, 'a', 'v1');
    const seen = snapshot(s);
    s = answered(s, 'a', 'v2 is better');
    expect(changedAnswers(seen, snapshot(s)).map((a) => a.answerLabel)).toEqual(['agent1.2']);
  });

  it('rejects an exact duplicate, whitespace aside, naming the label', () => {
    let s = started(['a', 'b']);
    s = answered(s, 'a', 'The answer is 4.');
    const d = submitAnswer(s, 'b', '  The answer   is 4. ');
    expect(d.kind).toBe('rejected');
    if (d.kind === 'rejected') expect(d.message).toContain('agent1');
  });

  it('rejects a near-duplicate under balanced novelty but accepts it under lenient', () => {
    const base = 'the capital of france is paris which is a large city on the seine river';
    const near = 'the capital of france is paris which is a large city on the seine';
    let s = started(['a', 'b'], { novelty: 'balanced' });
    s = answered(s, 'a', base);
    expect(submitAnswer(s, 'b', near).kind).toBe('rejected');
    let l = started(['a', 'b']);
    l = answered(l, 'a', base);
    expect(submitAnswer(l, 'b', near).kind).toBe('accepted');
  });

  it('enforces max_new_answers_per_agent', () => {
    let s = started(['a', 'b'], { maxAnswersPerAgent: 1 });
    s = answered(s, 'a', 'one');
    const d = submitAnswer(s, 'a', 'two');
    expect(d.kind).toBe('rejected');
    if (d.kind === 'rejected') expect(d.message).toMatch(/limit of 1/);
  });

  it('rejects an empty answer', () => {
    expect(submitAnswer(started(['a']), 'a', '   ').kind).toBe('rejected');
  });

  it('converges only when every live agent holds a valid vote', () => {
    let s = started(['a', 'b']);
    s = answered(s, 'a', 'x');
    s = voted(s, 'a', 'agent1');
    expect(isConverged(s)).toBe(false);
    s = voted(startExecution(s, 'b'), 'b', 'agent1');
    expect(isConverged(s)).toBe(true);
  });

  it('converges without dropped agents', () => {
    let s = started(['a', 'b']);
    s = answered(s, 'a', 'x');
    s = voted(s, 'a', 'agent1');
    s = recordFailure(s, 'b', true).state;
    expect(isConverged(s)).toBe(true);
  });

  it('drops an agent after maxFailures consecutive failures and retries before that', () => {
    let s = started(['a', 'b']);
    let r = recordFailure(s, 'b');
    expect(r.dropped).toBe(false);
    expect(r.state.agents[1]!.status).toBe('retrying');
    s = readyToRetry(r.state, 'b');
    expect(agentsToStart(s)).toEqual(['b']);
    r = recordFailure(recordFailure(startExecution(s, 'b'), 'b').state, 'b');
    expect(r.dropped).toBe(true);
    expect(r.failures).toBe(3);
  });

  it('picks the agent with most votes; a tie goes to config order', () => {
    let s = started(['a', 'b', 'c']);
    s = answered(s, 'a', 'A');
    s = answered(s, 'b', 'B');
    s = voted(s, 'a', 'agent2');
    s = voted(s, 'b', 'agent1');
    let w = pickWinner(s);
    expect(w).toMatchObject({ agentId: 'a', isTie: true, by: 'votes' });
    s = voted(startExecution(s, 'c'), 'c', 'agent2');
    w = pickWinner(s);
    expect(w).toMatchObject({ agentId: 'b', isTie: false, votes: { a: 1, b: 2 } });
  });

  it('without votes picks the first agent that answered, in config order', () => {
    let s = started(['a', 'b', 'c']);
    s = answered(s, 'c', 'C');
    s = answered(s, 'b', 'B');
    expect(pickWinner(s)).toMatchObject({ agentId: 'b', by: 'no-votes' });
  });

  it('does not count votes invalidated by a later answer when picking a winner', () => {
    let s = started(['a', 'b']);
    s = answered(s, 'a', 'A');
    s = voted(s, 'b', 'agent1');
    s = answered(s, 'b', 'B');
    expect(pickWinner(s)).toMatchObject({ agentId: 'a', by: 'no-votes', votes: {} });
  });

  it('has no winner when nobody answered', () => {
    expect(pickWinner(started(['a']))).toBeUndefined();
  });

  it('is stuck when nothing runs and not everyone voted', () => {
    let s = started(['a', 'b']);
    s = answered(s, 'a', 'A');
    s = voted(s, 'a', 'agent1');
    s = recordFailure(s, 'b').state;
    expect(isStuck(s)).toBe(false);
    s = recordFailure(s, 'b', true).state;
    expect(isConverged(s)).toBe(true);
  });
});
