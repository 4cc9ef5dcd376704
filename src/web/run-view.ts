/**
 * What the HTTP API says about a run, read off its event stream by a pure reducer: the same view for
 * a run under way (its events so far) and a past one (its `events.jsonl`).
 */

import { initialStatus, reduceStatus } from '../events/status.js';
import type { RunStatusFile } from '../events/status-file.js';
import type { CoordinationEvent } from '../events/types.js';
import { usageCost } from '../events/usage-cost.js';
import { initialTally, type OutcomeTally, reduceTally } from '../run/outcome-tally.js';
import type { GeneratedMedia, RunAgentView, RunDetail, RunSummary, RunViewStatus } from './api-types.js';
import { addGeneratedMedia, generatedMediaBy, generatedMediaOf } from './generated-media.js';

export type { RunAgentView, RunDetail, RunSummary, RunViewStatus };

/** The reducer's state. */
export interface RunViewState {
  detail: RunDetail;
  status: RunStatusFile;
  tally: OutcomeTally;
  /** Every agent's generated files so far (the final answer puts the presenter's in `detail`). */
  generated: readonly GeneratedMedia[];
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
    generated: [],
  };
}

/** The address the final workspace serves `file` at. */
export function finalFileUrl(runId: string, file: string): string {
  const segments = file.split('/').map(encodeURIComponent).join('/');
  return `/api/runs/${encodeURIComponent(runId)}/workspace/final/${segments}`;
}

/** Applies one event. Pure: returns a new state (the same one for events that change nothing). */
export function reduceRunView(state: RunViewState, event: CoordinationEvent): RunViewState {
  const status = reduceStatus(state.status, event, usageCost);
  const tally = reduceTally(state.tally, event);
  const made = generatedMediaOf(event);
  const generated = made ? addGeneratedMedia(state.generated, made) : state.generated;
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
    case 'final-answer': {
      const files = event.workspace ? generatedMediaBy(generated, event.agentId) : [];
      const { generatedFiles: _previous, ...rest } = detail;
      detail = {
        ...rest,
        finalAnswer: event.content,
        ...(files.length > 0
          ? { generatedFiles: files.map((f) => ({ ...f, url: finalFileUrl(state.detail.id, f.path) })) }
          : {}),
      };
      break;
    }
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
  if (
    detail === state.detail &&
    status === state.status &&
    tally === state.tally &&
    generated === state.generated
  )
    return state;
  return { detail, status, tally, generated };
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
