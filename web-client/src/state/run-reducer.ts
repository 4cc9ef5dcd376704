/**
 * The run page's reducer: `(state, event) → state`, pure (no React, no clock, no I/O). Run-level
 * events are handled here, an agent's own events in `agent-reducer.ts`. Prices come from an injected
 * {@link Pricer}. An event whose `seq` is not after the last one applied is ignored, so a stream that
 * reconnects and repeats events leaves the state as it was.
 */
import { reduceAnswerBoard } from '../../../src/events/answer-board.js';
import { addOverhead } from '../../../src/events/overhead-usage.js';
import type { CoordinationEvent, EventOf } from '../../../src/events/types.js';
import { addUsage } from '../../../src/events/usage-totals.js';
import { addGeneratedMedia, generatedMediaBy, generatedMediaOf } from '../../../src/web/generated-media.js';
import { reduceAgentEvent } from './agent-reducer.js';
import { type AgentState, initialRunState, newAgentState, type Pricer, type RunState } from './run-state.js';
import { addTimeline, note, setAgent } from './state-update.js';

/** Characters of the final answer kept. */
const FINAL_CAP = 400_000;
const MAX_NOTICES = 5;

/** Applies one event. Events of unknown agents or unknown types change nothing but `lastSeq`. */
export function reduceRun(state: RunState, event: CoordinationEvent, price?: Pricer): RunState {
  if (event.seq <= state.lastSeq) return state;
  const made = generatedMediaOf(event);
  const next = reduceEvent(
    made ? { ...state, generated: addGeneratedMedia(state.generated, made) } : state,
    event,
    price,
  );
  const stamped = {
    ...next,
    board: reduceAnswerBoard(next.board, event),
    lastSeq: event.seq,
    lastEventAt: event.ts,
  };
  const agentId = 'agentId' in event ? event.agentId : undefined;
  if (agentId === undefined) return stamped;
  return setAgent(stamped, agentId, (a) => ({ ...a, lastSeq: event.seq }));
}

/** Applies events in order. */
export function reduceEvents(
  state: RunState,
  events: readonly CoordinationEvent[],
  price?: Pricer,
): RunState {
  let s = state;
  for (const event of events) s = reduceRun(s, event, price);
  return s;
}

function reduceEvent(state: RunState, event: CoordinationEvent, price?: Pricer): RunState {
  switch (event.type) {
    case 'run-start':
      return runStart(event);
    case 'attempt-start':
      return attemptStart(state, event);
    case 'winner':
      return winner(state, event);
    case 'final-start': {
      const v = setAgent(state, event.agentId, (a) => ({ ...a, status: 'presenting', detail: '' }));
      return addTimeline({ ...v, phase: 'presenting' }, event, 'final-start', `${event.agentId} presents`);
    }
    case 'final-delta': {
      const text = (state.final.text + event.text).slice(-FINAL_CAP);
      return { ...state, phase: 'presenting', final: { ...state.final, agentId: event.agentId, text } };
    }
    case 'final-answer': {
      const files = event.workspace ? generatedMediaBy(state.generated, event.agentId) : [];
      return {
        ...state,
        final: {
          agentId: event.agentId,
          text: event.content.slice(-FINAL_CAP),
          done: true,
          fromStoredAnswer: event.fromStoredAnswer,
          ...(files.length > 0 ? { files } : {}),
        },
      };
    }
    case 'final-end':
      return addTimeline(state, event, 'final-end', `presentation ${event.outcome}`);
    case 'post-evaluation': {
      const text = `evaluation: ${event.decision}${event.reason ? ` (${event.reason})` : ''}`;
      return note(state, event.agentId, 'info', text);
    }
    case 'notice': {
      const notices = [
        ...state.notices,
        { level: event.level, message: event.message, agentId: event.agentId },
      ];
      const v = { ...state, notices: notices.slice(-MAX_NOTICES) };
      return event.agentId === undefined ? v : note(v, event.agentId, event.level, event.message);
    }
    case 'usage':
      if (event.priceAs && !state.agents[event.agentId]) {
        const cost = price?.(event.priceAs.backend, event.priceAs.model, event.usage);
        return { ...state, overheadUsage: addOverhead(state.overheadUsage, event.usage, cost) };
      }
      return setAgent(state, event.agentId, (a) => usage(a, event, price));
    case 'memory-updated':
      return state;
    case 'question-paraphrased': {
      let next = state;
      for (const [id, variant] of Object.entries(event.assignments)) {
        next = setAgent(next, id, (a) => ({ ...a, paraphrase: variant }));
      }
      if (event.calls === 0) return next;
      const cost = price?.(event.backend, event.model, event.usage);
      return { ...next, overheadUsage: addOverhead(next.overheadUsage, event.usage, cost) };
    }
    case 'run-end':
      return runEnd(state, event);
    default:
      return 'agentId' in event ? reduceAgentEvent(state, event) : state;
  }
}

function usage(agent: AgentState, event: EventOf<'usage'>, price?: Pricer): AgentState {
  const cost = price?.(agent.backend, agent.model, event.usage);
  return {
    ...agent,
    usage: addUsage(agent.usage, event.usage),
    cost: cost === undefined ? agent.cost : (agent.cost ?? 0) + cost,
    unpriced: agent.unpriced || cost === undefined,
  };
}

function runStart(event: EventOf<'run-start'>): RunState {
  const base = initialRunState();
  const agents: Record<string, AgentState> = {};
  for (const info of event.agents) agents[info.id] = newAgentState(info);
  const state: RunState = {
    ...base,
    runId: event.runId,
    question: event.question,
    startedAt: event.ts,
    phase: 'coordinating',
    order: event.agents.map((a) => a.id),
    agents,
  };
  if (event.sessionId !== undefined) state.sessionId = event.sessionId;
  return state;
}

function attemptStart(state: RunState, event: EventOf<'attempt-start'>): RunState {
  const attempt = { number: event.attempt, max: event.maxAttempts };
  if (event.attempt <= 1) return { ...state, attempt };
  const last = state.rounds[state.rounds.length - 1]!;
  const rounds =
    last.votes.length === 0
      ? [...state.rounds.slice(0, -1), { ...last, attempt: event.attempt }]
      : [...state.rounds, { number: last.number + 1, attempt: event.attempt, votes: [] }];
  const v: RunState = {
    ...state,
    attempt,
    phase: 'coordinating',
    rounds,
    winner: undefined,
    final: { text: '', done: false, fromStoredAnswer: false },
  };
  const why = event.reason ?? 'restarted';
  return addTimeline(v, event, 'restart', `attempt ${event.attempt}/${event.maxAttempts}: ${why}`);
}

function winner(state: RunState, event: EventOf<'winner'>): RunState {
  let v: RunState = {
    ...state,
    phase: 'presenting',
    winner: { agentId: event.agentId, votes: event.votes, isTie: event.isTie, by: event.by },
  };
  for (const id of v.order) {
    if (id === event.agentId) continue;
    v = setAgent(v, id, (a) => (a.status === 'dropped' ? a : { ...a, status: 'done' }));
  }
  const tie = event.isTie ? ' (tie)' : '';
  return addTimeline(v, event, 'winner', `winner ${event.agentId}${tie}, by ${event.by}`);
}

const SETTLED = new Set(['dropped', 'error', 'timeout', 'cancelled', 'done']);

function runEnd(state: RunState, event: EventOf<'run-end'>): RunState {
  let v: RunState = {
    ...state,
    phase: 'done',
    approvals: [],
    end: { status: event.status, durationMs: event.durationMs, winner: event.winner, error: event.error },
  };
  if (!v.final.done && event.finalAnswer !== undefined && event.finalAnswer !== '') {
    v = { ...v, final: { ...v.final, agentId: event.winner, text: event.finalAnswer, done: true } };
  }
  for (const id of v.order) {
    v = setAgent(v, id, (a) => {
      if (id === event.winner) return { ...a, status: 'winner', detail: '' };
      return SETTLED.has(a.status) ? a : { ...a, status: 'done' };
    });
  }
  return addTimeline(v, event, 'run-end', `run ${event.status}`);
}
