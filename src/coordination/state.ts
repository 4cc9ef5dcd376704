/**
 * The coordination rules as pure functions over an immutable state. The runner asks these functions
 * what to do and performs it; every race is therefore a plain unit test on this module.
 */

import type { PlannedAction } from '../events/types.js';
import type { AnswerView, CoordinationRules } from '../types/coordination.js';
import { agentLabel, answerLabel } from './labels.js';
import { NOVELTY_THRESHOLDS, normalizeAnswer, wordJaccard } from './novelty.js';

/** Where an agent stands. `idle` agents are due to be (re)started. */
export type SlotStatus = 'idle' | 'working' | 'retrying' | 'voted' | 'dropped';

export interface Vote {
  /** Real id of the agent voted for. */
  target: string;
  reason: string;
}

export interface AgentSlot {
  readonly id: string;
  /** Stable label `agentK`. */
  readonly label: string;
  /** 0-based config position. */
  readonly index: number;
  readonly status: SlotStatus;
  /** Latest accepted answer. */
  readonly answer?: string;
  /** The latest answer with its whitespace collapsed, what duplicates are compared by. */
  readonly normalizedAnswer?: string;
  /** Actions planned with the latest answer, for the final presenter. */
  readonly planned?: readonly PlannedAction[];
  readonly answerCount: number;
  /** Valid vote in the current round (cleared by any new answer). */
  readonly vote?: Vote;
  readonly executions: number;
  /** Consecutive failed executions. */
  readonly failures: number;
  /** The current (or last) execution started with no answers to read, so it can only answer. */
  readonly blind: boolean;
}

export interface CoordinationState {
  readonly agents: readonly AgentSlot[];
  /** Increments with every accepted answer. */
  readonly version: number;
  readonly rules: CoordinationRules;
  /** Set once the run's budget leaves no room for more agent work: nothing new starts. */
  readonly halted?: 'budget';
}

/** The answers an execution was given, and the state version they belong to. */
export interface Snapshot {
  version: number;
  answers: AnswerView[];
}

export function createState(agentIds: readonly string[], rules: CoordinationRules): CoordinationState {
  return {
    version: 0,
    rules,
    agents: agentIds.map((id, index) => ({
      id,
      label: agentLabel(index),
      index,
      status: 'idle',
      answerCount: 0,
      executions: 0,
      failures: 0,
      blind: true,
    })),
  };
}

export function slot(state: CoordinationState, id: string): AgentSlot {
  const found = state.agents.find((a) => a.id === id);
  if (!found) throw new Error(`unknown agent ${id}`);
  return found;
}

function update(state: CoordinationState, id: string, change: Partial<AgentSlot>): CoordinationState {
  return { ...state, agents: state.agents.map((a) => (a.id === id ? { ...a, ...change } : a)) };
}

/** The latest answer of every agent that has one, in config order. */
export function snapshot(state: CoordinationState): Snapshot {
  const answers: AnswerView[] = [];
  for (const a of state.agents) {
    if (a.answer === undefined) continue;
    answers.push({
      agentId: a.id,
      label: a.label,
      answerLabel: answerLabel(a.index, a.answerCount),
      content: a.answer,
    });
  }
  return { version: state.version, answers };
}

/** Marks an agent as running a new execution. */
export function startExecution(state: CoordinationState, id: string): CoordinationState {
  return update(state, id, {
    status: 'working',
    executions: slot(state, id).executions + 1,
    blind: !state.agents.some((a) => a.answer !== undefined),
  });
}

export type AnswerDecision =
  | { kind: 'accepted'; state: CoordinationState; answerLabel: string; invalidated: string[] }
  | { kind: 'rejected'; message: string };

/** Checks and applies `new_answer`. An accepted answer invalidates every vote. */
export function submitAnswer(
  state: CoordinationState,
  id: string,
  content: string,
  planned: readonly PlannedAction[] = [],
): AnswerDecision {
  const me = slot(state, id);
  const text = content.trim();
  if (text === '')
    return { kind: 'rejected', message: 'The answer is empty. Put the full answer in `content`.' };
  const limit = state.rules.maxAnswersPerAgent;
  if (limit !== null && me.answerCount >= limit) {
    return {
      kind: 'rejected',
      message: `You have reached the limit of ${limit} answer(s) per agent. Do not call new_answer again; call vote for the best existing answer.`,
    };
  }
  // An agent is never told its own label: its own answer is "your current answer".
  const norm = normalizeAnswer(text);
  for (const other of state.agents) {
    if (other.normalizedAnswer === norm) {
      return {
        kind: 'rejected',
        message:
          other.id === id
            ? 'This answer is identical to your current answer. Give a different answer, or call vote for the best existing answer.'
            : `This answer is identical to ${other.label}'s current answer. Give a different answer, or call vote for ${other.label}.`,
      };
    }
  }
  const threshold = NOVELTY_THRESHOLDS[state.rules.novelty];
  if (threshold !== undefined) {
    for (const other of state.agents) {
      if (other.answer === undefined) continue;
      const similarity = wordJaccard(text, other.answer);
      if (similarity > threshold) {
        return {
          kind: 'rejected',
          message:
            `This answer overlaps ${Math.round(similarity * 100)}% with ${other.id === id ? 'your current' : `${other.label}'s`} answer (more than ${Math.round(threshold * 100)}% is not allowed). ` +
            'Give a meaningfully different answer, or call vote for the best existing answer.',
        };
      }
    }
  }
  const invalidated = state.agents.filter((a) => a.vote !== undefined).map((a) => a.id);
  const next: CoordinationState = {
    ...state,
    version: state.version + 1,
    agents: state.agents.map((a) => {
      if (a.id === id) {
        return {
          ...a,
          answer: text,
          normalizedAnswer: norm,
          planned,
          answerCount: a.answerCount + 1,
          vote: undefined,
          status: 'idle',
          failures: 0,
        };
      }
      if (a.vote === undefined) return a;
      return { ...a, vote: undefined, status: a.status === 'voted' ? 'idle' : a.status };
    }),
  };
  return {
    kind: 'accepted',
    state: next,
    answerLabel: answerLabel(me.index, me.answerCount + 1),
    invalidated,
  };
}

export type VoteDecision =
  | { kind: 'accepted'; state: CoordinationState; target: string }
  | { kind: 'rejected'; message: string }
  /** The voter saw an out-of-date set of answers: the vote is not counted; deliver `newAnswers`. */
  | { kind: 'stale'; target: string; newAnswers: AnswerView[]; current: Snapshot };

/** Checks and applies `vote(label, reason)` cast by an agent that was shown `seen`. */
export function submitVote(
  state: CoordinationState,
  id: string,
  label: string,
  reason: string,
  seen: Snapshot,
): VoteDecision {
  if (seen.answers.length === 0) {
    return {
      kind: 'rejected',
      message: 'You cannot vote yet: no answers exist. Call new_answer with your answer.',
    };
  }
  const choice = seen.answers.find((a) => a.label === label.trim());
  if (!choice) {
    const valid = seen.answers.map((a) => a.label).join(', ');
    return {
      kind: 'rejected',
      message: `Invalid agent_id "${label}". Vote for one of the agents whose answers you were shown: ${valid}.`,
    };
  }
  if (seen.version !== state.version) {
    const current = snapshot(state);
    return { kind: 'stale', target: choice.agentId, newAnswers: changedAnswers(seen, current), current };
  }
  const next = update(state, id, { vote: { target: choice.agentId, reason }, status: 'voted', failures: 0 });
  return { kind: 'accepted', state: next, target: choice.agentId };
}

/** Answers in `current` that are new or changed relative to `seen`. */
export function changedAnswers(seen: Snapshot, current: Snapshot): AnswerView[] {
  const before = new Map(seen.answers.map((a) => [a.agentId, a.answerLabel]));
  return current.answers.filter((a) => before.get(a.agentId) !== a.answerLabel);
}

/** Marks an execution as failed; drops the agent after too many consecutive failures. */
export function recordFailure(
  state: CoordinationState,
  id: string,
  permanent = false,
): { state: CoordinationState; failures: number; dropped: boolean } {
  const failures = slot(state, id).failures + 1;
  const dropped = permanent || failures >= state.rules.maxFailures;
  return {
    state: update(state, id, { failures, status: dropped ? 'dropped' : 'retrying' }),
    failures,
    dropped,
  };
}

/** Marks an agent as dropped (timed out for good, or removed). */
export function dropAgent(state: CoordinationState, id: string): CoordinationState {
  return update(state, id, { status: 'dropped', vote: undefined });
}

/** Marks a retrying agent as ready to start again. */
export function readyToRetry(state: CoordinationState, id: string): CoordinationState {
  return slot(state, id).status === 'retrying' ? update(state, id, { status: 'idle' }) : state;
}

/**
 * Agents due to start an execution. While an agent that started with no answers is still working,
 * it will certainly add an answer (it has nothing to vote for), which would invalidate any vote cast
 * now: agents that already answered wait for it, so a clean consensus costs N answers + N votes.
 */
export function agentsToStart(state: CoordinationState): string[] {
  if (state.halted) return [];
  const firstAnswerPending = state.agents.some((a) => a.status === 'working' && a.blind);
  return state.agents
    .filter((a) => a.status === 'idle' && (!firstAnswerPending || a.answerCount === 0))
    .map((a) => a.id);
}

/** Stops new executions (the budget is reached); executions already running finish. */
export function halt(state: CoordinationState, why: 'budget'): CoordinationState {
  return state.halted ? state : { ...state, halted: why };
}

/** Halted and no execution still running: coordination is over. */
export function isHaltedAndIdle(state: CoordinationState): boolean {
  return state.halted !== undefined && !state.agents.some((a) => a.status === 'working');
}

/** Agents still taking part. */
export function liveAgents(state: CoordinationState): AgentSlot[] {
  return state.agents.filter((a) => a.status !== 'dropped');
}

/** Every live agent holds a valid vote. */
export function isConverged(state: CoordinationState): boolean {
  const live = liveAgents(state);
  return live.length > 0 && live.every((a) => a.status === 'voted');
}

/** Nothing is running or due to run, and the run has not converged: coordination cannot progress. */
export function isStuck(state: CoordinationState): boolean {
  return !isConverged(state) && state.agents.every((a) => a.status === 'voted' || a.status === 'dropped');
}

export interface WinnerChoice {
  agentId: string;
  /** Valid votes per real agent id. */
  votes: Record<string, number>;
  isTie: boolean;
  by: 'votes' | 'no-votes';
}

/**
 * The winner: most valid votes among agents with answers; ties go to the earliest in config order;
 * with no votes, the first agent (config order) that has an answer. Undefined when no answer exists.
 */
export function pickWinner(state: CoordinationState): WinnerChoice | undefined {
  const votes: Record<string, number> = {};
  for (const a of state.agents) {
    if (a.vote && a.status !== 'dropped') votes[a.vote.target] = (votes[a.vote.target] ?? 0) + 1;
  }
  const candidates = state.agents.filter((a) => a.answer !== undefined);
  if (candidates.length === 0) return undefined;
  const best = Math.max(0, ...candidates.map((a) => votes[a.id] ?? 0));
  if (best === 0) return { agentId: candidates[0]!.id, votes, isTie: false, by: 'no-votes' };
  const top = candidates.filter((a) => (votes[a.id] ?? 0) === best);
  return { agentId: top[0]!.id, votes, isTie: top.length > 1, by: 'votes' };
}
