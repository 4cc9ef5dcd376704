/**
 * The part of the run reducer that handles one agent's events: its stream, tool calls, answers,
 * votes, approvals, retries and failures. Pure, like `run-reducer.ts`.
 */
import type { CoordinationEvent, EventOf } from '../../../src/events/types.js';
import type { AgentState, AgentStatusKind, RunState, VoteRecord } from './run-state.js';
import { addTimeline, currentRound, note, setAgent } from './state-update.js';
import { appendStream, completeTool, pushItem } from './stream-items.js';

/** Workflow tools: their calls show as answers and votes, not as tool calls. */
const WORKFLOW_TOOLS = new Set(['new_answer', 'vote', 'submit', 'restart_orchestration']);

/** Statuses that streaming output ends: the agent is at work again. */
const RESUMES = new Set<AgentStatusKind>(['waiting', 'retrying', 'restarting']);

/** An event about one agent. */
export type AgentEvent = Extract<CoordinationEvent, { agentId: string }>;

/** Applies an agent's event (events of unknown agents change nothing). */
export function reduceAgentEvent(state: RunState, event: AgentEvent): RunState {
  const id = event.agentId;
  switch (event.type) {
    case 'agent-start': {
      const v = event.execution > 1 ? note(state, id, 'info', `turn ${event.execution}`) : state;
      return setAgent(v, id, (a) => ({ ...status(a, 'working', ''), executions: event.execution }));
    }
    case 'agent-end':
      return event.outcome === 'cancelled' ? setAgent(state, id, (a) => status(a, 'cancelled', '')) : state;
    case 'text-delta':
    case 'reasoning-delta': {
      const kind = event.type === 'text-delta' ? 'text' : 'reasoning';
      const v = event.phase === 'evaluation' ? { ...state, phase: 'evaluating' as const } : state;
      return setAgent(v, id, (a) => {
        const next = appendStream(a, kind, event.text);
        if (event.phase === 'presentation') return status(next, 'presenting', '');
        if (event.phase === 'evaluation') return status(next, 'evaluating', '');
        return RESUMES.has(a.status) ? status(next, 'working', '') : next;
      });
    }
    case 'tool-call':
      if (WORKFLOW_TOOLS.has(event.toolName)) return state;
      return setAgent(state, id, (a) =>
        pushItem(RESUMES.has(a.status) ? status(a, 'working', '') : a, {
          kind: 'tool',
          toolCallId: event.toolCallId,
          toolName: event.toolName,
          input: event.input,
        }),
      );
    case 'tool-result':
      if (WORKFLOW_TOOLS.has(event.toolName)) return state;
      return setAgent(state, id, (a) => completeTool(a, event));
    case 'workflow-rejected':
      return note(state, id, 'warning', `${event.toolName} refused (try ${event.attempt}): ${event.message}`);
    case 'answer':
      return answer(state, event);
    case 'vote':
      return vote(state, event);
    case 'vote-ignored': {
      const record: VoteRecord = {
        voter: id,
        votedFor: event.votedFor,
        reason: event.reason,
        ts: event.ts,
        ignored: event.why,
      };
      const v = setAgent(withVote(state, record), id, (a) =>
        status(a, 'vote-ignored', `vote for ${event.votedFor} not counted: ${event.why}`),
      );
      return addTimeline(v, event, 'vote-ignored', `${id} → ${event.votedFor} not counted`);
    }
    case 'update-injected':
      return note(state, id, 'info', `new answers delivered: ${event.newAnswers.join(', ')}`);
    case 'votes-invalidated': {
      let v = state;
      for (const affected of event.affected) {
        v = setAgent(v, affected, (a) => status(a, 'restarting', `new answer from ${event.agentId}`));
      }
      const who = event.affected.length > 0 ? event.affected.join(', ') : 'nobody';
      return addTimeline(v, event, 'invalidated', `answer of ${id} invalidated the votes of ${who}`);
    }
    case 'agent-error': {
      const text = `${event.message}${event.willRetry ? ' (retrying)' : ''}`;
      const v = setAgent(note(state, id, 'error', text), id, (a) => status(a, 'error', text));
      return addTimeline(v, event, 'error', `${id}: ${event.message}`);
    }
    case 'agent-dropped':
      return setAgent(note(state, id, 'error', `dropped: ${event.reason}`), id, (a) =>
        status(a, 'dropped', event.reason),
      );
    case 'agent-timeout': {
      const text = `timed out after ${event.seconds}s`;
      return setAgent(note(state, id, 'error', text), id, (a) => status(a, 'timeout', text));
    }
    case 'provider-retry': {
      const code = event.statusCode === undefined ? '' : `${event.statusCode} `;
      const text = `retry ${event.attempt} in ${(event.delayMs / 1000).toFixed(1)}s: ${code}${event.message}`;
      return setAgent(note(state, id, 'warning', text), id, (a) => status(a, 'retrying', text));
    }
    case 'tool-deferred':
      return note(state, id, 'info', `${event.toolName} deferred to the final presentation: ${event.reason}`);
    case 'tool-denied':
      return note(state, id, 'warning', `${event.toolName} denied (${event.by}): ${event.reason}`);
    case 'approval-request': {
      const pending = {
        requestId: event.requestId,
        agentId: id,
        toolName: event.toolName,
        input: event.input,
        risk: event.risk,
        reason: event.reason,
      };
      const v = { ...state, approvals: [...state.approvals, pending] };
      return note(v, id, 'warning', `${event.toolName} waits for approval: ${event.reason}`);
    }
    case 'approval-decision': {
      const outcome = {
        requestId: event.requestId,
        agentId: id,
        toolName: event.toolName,
        approved: event.approved,
        scope: event.scope,
        by: event.by,
      };
      const v = {
        ...state,
        approvals: state.approvals.filter((p) => p.requestId !== event.requestId),
        decided: [...state.decided, outcome].slice(-200),
      };
      const verdict = event.approved ? `approved (${event.scope})` : 'denied';
      return note(v, id, event.approved ? 'info' : 'warning', `${event.toolName} ${verdict} by ${event.by}`);
    }
    case 'elicitation-request':
      return note(state, id, 'info', `${event.server} asks: ${event.message}`);
    case 'elicitation-response':
      return note(state, id, 'info', `${event.server}: ${event.action}`);
    case 'tool-server-status':
      if (event.status === 'starting') return state;
      return note(
        state,
        id,
        event.status === 'failed' || event.status === 'removed' ? 'error' : 'info',
        `${event.server}: ${event.status}${event.error ? ` (${event.error})` : ''}`,
      );
    case 'memory-compressed':
      return note(
        state,
        id,
        'info',
        `${event.scope} compressed: ${event.beforeTokens} → ${event.afterTokens} tokens`,
      );
    case 'memory-recalled':
      return event.memories.length === 0
        ? state
        : note(state, id, 'info', `recalled ${event.memories.length} memories`);
    default:
      return state;
  }
}

function status(agent: AgentState, kind: AgentStatusKind, detail: string): AgentState {
  return { ...agent, status: kind, detail };
}

function answer(state: RunState, event: EventOf<'answer'>): RunState {
  const record = {
    label: event.label,
    agentId: event.agentId,
    text: event.content,
    answerNumber: event.answerNumber,
    attempt: state.attempt.number,
    ts: event.ts,
  };
  const round = currentRound(state);
  const ended = {
    ...round,
    endedBy: event.label,
    votes: round.votes.map((v) => (v.ignored === undefined ? { ...v, invalidatedBy: event.label } : v)),
  };
  const rounds =
    round.votes.length === 0
      ? state.rounds
      : [
          ...state.rounds.slice(0, -1),
          ended,
          { number: round.number + 1, attempt: state.attempt.number, votes: [] },
        ];
  const v = setAgent({ ...state, rounds }, event.agentId, (a) => ({
    ...status(a, 'answered', event.label),
    answers: [...a.answers, record],
  }));
  return addTimeline(v, event, 'answer', `${event.agentId} answered ${event.label}`);
}

function vote(state: RunState, event: EventOf<'vote'>): RunState {
  const record: VoteRecord = {
    voter: event.agentId,
    votedFor: event.votedFor,
    reason: event.reason,
    ts: event.ts,
  };
  const v = setAgent(withVote(state, record), event.agentId, (a) => ({
    ...status(a, 'voted', `voted for ${event.votedFor}`),
    votesCast: a.votesCast + 1,
  }));
  return addTimeline(v, event, 'vote', `${event.agentId} → ${event.votedFor}`);
}

function withVote(state: RunState, record: VoteRecord): RunState {
  if (state.agents[record.voter] === undefined) return state;
  const round = currentRound(state);
  return { ...state, rounds: [...state.rounds.slice(0, -1), { ...round, votes: [...round.votes, record] }] };
}
