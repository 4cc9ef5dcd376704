/**
 * What the HTTP API says about a run, read off its event stream by a pure reducer: the same view for
 * a run under way (its events so far) and a past one (its `events.jsonl`).
 */

import { initialStatus, reduceStatus } from '../events/status.js';
import type { RunStatusFile } from '../events/status-file.js';
import type { CoordinationEvent } from '../events/types.js';
import { usageCost } from '../events/usage-cost.js';
import { initialTally, type OutcomeTally, reduceTally } from '../run/outcome-tally.js';
import type { RunAgentView, RunDetail, RunSummary, RunViewStatus } from './api-types.js';

export type { RunAgentView, RunDetail, RunSummary, RunViewStatus };

/** The reducer's state. */
export interface RunViewState {
  detail: RunDetail;
  status: RunStatusFile;
  tally: OutcomeTally;
}

/** The view before any event (`startedAt` until `run-start` says otherwise). */
export function initialRunView(id: string, question = '', startedAt = Date.now()): RunViewState {
  return {
    detail: {
      id,
      status: 'running',
      question,
      agents: [],
      answers: [],
      votes: [],
      startedAt: new Date(startedAt).toISOString(),
    },
    status: initialStatus({ runId: id, logDir: '', question, startTime: startedAt }),
    tally: initialTally(),
  };
}

/** Applies one event. Pure: returns a new state (the same one for events that change nothing). */
export function reduceRunView(state: RunViewState, event: CoordinationEvent): RunViewState {
  const status = reduceStatus(state.status, event, usageCost);
  const tally = reduceTally(state.tally, event);
  let detail = state.detail;
  switch (event.type) {
    case 'run-start':
      detail = {
        ...detail,
        question: event.question,
        startedAt: new Date(event.ts).toISOString(),
        agents: event.agents.map((a) => ({ id: a.id, model: a.model, status: 'waiting' })),
        ...(event.sessionId ? { sessionId: event.sessionId } : {}),
      };
      break;
    case 'answer':
      detail = {
        ...detail,
        answers: [...detail.answers, { agentId: event.agentId, label: event.label, text: event.content }],
      };
      break;
    case 'vote':
      detail = {
        ...detail,
        votes: [...detail.votes, { agentId: event.agentId, votedFor: event.votedFor, reason: event.reason }],
      };
      break;
    case 'winner':
      detail = { ...detail, winner: event.agentId };
      break;
    case 'final-answer':
      detail = { ...detail, finalAnswer: event.content };
      break;
    case 'run-end':
      detail = {
        ...detail,
        status: event.status,
        durationMs: event.durationMs,
        ...(event.winner ? { winner: event.winner } : {}),
        ...(event.finalAnswer !== undefined ? { finalAnswer: event.finalAnswer } : {}),
        ...(event.error ? { error: event.error } : {}),
      };
      break;
    default:
      break;
  }
  if (status !== state.status && detail.agents.length > 0) {
    detail = {
      ...detail,
      agents: detail.agents.map((a) => ({ ...a, status: status.agents[a.id]?.status ?? a.status })),
    };
  }
  if (tally !== state.tally && tally.usage !== state.tally.usage) {
    const total = tally.usage.total;
    detail = { ...detail, tokens: total.inputTokens + total.outputTokens, costUsd: total.costUsd };
  }
  if (detail === state.detail && status === state.status && tally === state.tally) return state;
  return { detail, status, tally };
}

/** The view of a whole recording. */
export function runViewOf(id: string, events: Iterable<CoordinationEvent>): RunViewState {
  let state = initialRunView(id);
  for (const event of events) state = reduceRunView(state, event);
  return state;
}

/** The list row of a run's view. */
export function summaryOf(detail: RunDetail, live: boolean): RunSummary {
  return {
    id: detail.id,
    question: detail.question,
    status: detail.status,
    ...(detail.winner ? { winner: detail.winner } : {}),
    startedAt: detail.startedAt,
    ...(detail.durationMs !== undefined ? { durationMs: detail.durationMs } : {}),
    ...(detail.tokens !== undefined ? { tokens: detail.tokens } : {}),
    ...(detail.costUsd !== undefined ? { costUsd: detail.costUsd } : {}),
    agents: detail.agents.map((a) => a.id),
    live,
    ...(detail.sessionId ? { sessionId: detail.sessionId } : {}),
  };
}
