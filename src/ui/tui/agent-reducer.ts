/**
 * The part of the terminal UI's reducer that handles one agent's events: its stream, tool calls,
 * answers, votes, updates and failures. Pure, like `reducer.ts`.
 */
import { answersSeenAt, voteOptionsAt } from '../../events/answer-board.js';
import type { CoordinationEvent, EventOf } from '../../events/types.js';
import { retryLineText } from '../retry-text.js';
import { preview } from '../terminal-text.js';
import { type AgentStatus, type AgentView, currentRound, type RunView, type VoteEntry } from './state.js';
import { appendAnswerNote, appendText, type SpanKind, sanitize } from './text-buffer.js';
import { note, setAgent } from './view-update.js';

const WORKFLOW_TOOLS = new Set(['new_answer', 'vote', 'submit', 'restart_orchestration']);

/** An event about one agent. */
export type AgentEvent = Extract<CoordinationEvent, { agentId: string }>;

/** Applies an agent's event (events of other kinds, or of unknown agents, change nothing). */
export function reduceAgentEvent(current: RunView, event: AgentEvent): RunView {
  const id = event.agentId;
  const view = event.type === 'provider-retry' ? current : endRetryWait(current, id);
  switch (event.type) {
    case 'provider-retry': {
      const { attempt, delayMs, statusCode, message } = event;
      return setAgent(note(view, id, 'error', `↻ ${retryLineText(event)}`), id, (a) => ({
        ...a,
        status: {
          kind: 'retrying',
          attempt,
          delayMs,
          message,
          ...(statusCode === undefined ? {} : { statusCode }),
        },
      }));
    }
    case 'agent-start': {
      const answers = answersSeenAt(view.board, event);
      const seen = answers.length > 0 ? ` · reading ${answers.join(', ')}` : '';
      const v = event.execution > 1 ? note(view, id, 'note', `── turn ${event.execution}${seen} ──`) : view;
      return setAgent(v, id, (a) => ({
        ...a,
        executions: event.execution,
        status: { kind: 'working', execution: event.execution },
      }));
    }
    case 'agent-end':
      // Answers, votes and failures are shown by their own events; a cancelled execution shows as
      // stopped when the run ends.
      return view;
    case 'text-delta':
    case 'reasoning-delta': {
      const kind: SpanKind = event.type === 'text-delta' ? 'text' : 'reasoning';
      const v = event.phase === 'evaluation' ? { ...view, phase: 'evaluating' as const } : view;
      return setAgent(v, id, (a) => ({
        ...a,
        output: appendText(a.output, kind, event.text),
        status: streamingStatus(a, event.phase),
      }));
    }
    case 'tool-call':
      if (WORKFLOW_TOOLS.has(event.toolName)) return view;
      return setAgent(
        note(view, id, 'note', `⚙ ${event.toolName}(${argsPreview(event.input)})`),
        id,
        (a) => ({
          ...a,
          lastTool: event.toolName,
        }),
      );
    case 'tool-result':
      if (WORKFLOW_TOOLS.has(event.toolName)) return view;
      return note(view, id, event.isError ? 'error' : 'note', `  ↳ ${argsPreview(event.output)}`);
    case 'workflow-rejected':
      return note(view, id, 'error', `↩ ${event.toolName} refused (try ${event.attempt}): ${event.message}`);
    case 'answer':
      return answer(view, event);
    case 'vote':
      return vote(view, event);
    case 'vote-ignored': {
      const entry: VoteEntry = {
        voter: id,
        votedFor: event.votedFor,
        votedForLabel: '',
        reason: event.reason,
        options: [],
        ignored: event.why,
      };
      const v = withVote(view, entry);
      return setAgent(
        note(v, id, 'note', `≠ vote for ${event.votedFor} not counted: ${event.why}`),
        id,
        (a) => ({
          ...a,
          status: { kind: 'vote-ignored', votedFor: event.votedFor, why: event.why },
        }),
      );
    }
    case 'update-injected':
      return setAgent(note(view, id, 'note', `⇣ new answers: ${event.newAnswers.join(', ')}`), id, (a) => ({
        ...a,
        status: { kind: 'update', newAnswers: event.newAnswers },
      }));
    case 'votes-invalidated': {
      let v = view;
      for (const affected of event.affected) {
        v = note(v, affected, 'note', `↻ vote invalidated by a new answer from ${event.agentId}`);
        v = setAgent(v, affected, (a) =>
          isIdle(a.status) ? { ...a, status: { kind: 'restarting', by: event.agentId } } : a,
        );
      }
      return v;
    }
    case 'agent-error':
      return setAgent(
        note(view, id, 'error', `✗ ${event.message}${event.willRetry ? ' — retrying' : ''}`),
        id,
        (a) => ({
          ...a,
          status:
            a.status.kind === 'timeout'
              ? { ...a.status, willRetry: event.willRetry }
              : {
                  kind: 'error',
                  message: event.message,
                  willRetry: event.willRetry,
                  failures: event.failures,
                },
        }),
      );
    case 'agent-timeout':
      return setAgent(note(view, id, 'error', `◷ timed out after ${event.seconds}s`), id, (a) => ({
        ...a,
        status: { kind: 'timeout', seconds: event.seconds, willRetry: true },
      }));
    case 'agent-dropped':
      return setAgent(note(view, id, 'error', `⊘ dropped: ${event.reason}`), id, (a) => ({
        ...a,
        status: { kind: 'dropped', reason: event.reason },
      }));
    case 'tool-deferred':
      return note(
        view,
        id,
        'note',
        `⏸ planned, not run: ${event.toolName}(${argsPreview(event.input)}) — ${event.risk.level}; the presenter carries it out if this answer wins`,
      );
    case 'tool-denied':
      return note(view, id, 'error', `⛔ ${event.toolName} denied (${event.by}): ${event.reason}`);
    case 'approval-request':
      return note(view, id, 'note', `? ${event.toolName} needs approval: ${event.reason}`);
    case 'approval-file':
      return note(view, id, 'note', `? approval request written to ${event.file}`);
    case 'approval-decision':
      return note(
        view,
        id,
        event.approved ? 'note' : 'error',
        `${event.approved ? '✓ approved' : '✗ not approved'} ${event.toolName} (${event.by}${event.approved && event.scope !== 'once' ? `, ${event.scope}` : ''})${event.feedback ? `: ${event.feedback}` : ''}`,
      );
    case 'post-evaluation': {
      const text =
        event.decision === 'submit'
          ? '✓ checked the final answer and submitted it'
          : `↻ asked for a restart: ${event.reason ?? ''}`;
      return note(view, id, 'note', text);
    }
    default:
      return view;
  }
}

/** A retrying agent is working again at its next event (presenting, if it is the winner). */
function endRetryWait(view: RunView, id: string): RunView {
  if (view.agents[id]?.status.kind !== 'retrying') return view;
  return setAgent(view, id, (a) => ({
    ...a,
    status:
      view.winner?.agentId === id
        ? { kind: 'presenting' }
        : { kind: 'working', execution: Math.max(1, a.executions) },
  }));
}

function answer(view: RunView, event: EventOf<'answer'>): RunView {
  const round = currentRound(view);
  const rounds =
    round.votes.length > 0
      ? [
          ...view.rounds.slice(0, -1),
          { ...round, endedBy: event.label },
          { number: round.number + 1, votes: [] },
        ]
      : view.rounds;
  const line = `✓ answer ${event.label}: ${preview(event.content, 80)}`;
  return setAgent({ ...view, rounds }, event.agentId, (a) => ({
    ...a,
    output: appendAnswerNote(a.output, line, a.answerTexts.length),
    answerTexts: [...a.answerTexts, { label: event.label, content: sanitize(event.content) }],
    answers: event.answerNumber,
    lastAnswerLabel: event.label,
    status: { kind: 'answered', label: event.label, answerNumber: event.answerNumber },
  }));
}

function vote(view: RunView, event: EventOf<'vote'>): RunView {
  const entry: VoteEntry = {
    voter: event.agentId,
    votedFor: event.votedFor,
    votedForLabel: event.votedForLabel,
    reason: event.reason,
    options: voteOptionsAt(view.board, event),
  };
  const v = note(
    withVote(view, entry),
    event.agentId,
    'note',
    `→ voted for ${event.votedFor}: ${event.reason}`,
  );
  return setAgent(v, event.agentId, (a) => ({
    ...a,
    status: { kind: 'voted', votedFor: event.votedFor, reason: event.reason },
  }));
}

function withVote(view: RunView, entry: VoteEntry): RunView {
  const round = currentRound(view);
  return { ...view, rounds: [...view.rounds.slice(0, -1), { ...round, votes: [...round.votes, entry] }] };
}

function streamingStatus(a: AgentView, phase: string): AgentStatus {
  if (phase === 'presentation') return { kind: 'presenting' };
  if (phase === 'evaluation') return { kind: 'evaluating' };
  return a.status.kind === 'working' ? a.status : { kind: 'working', execution: Math.max(1, a.executions) };
}

/** An agent not in the middle of a turn (its vote can be invalidated and it restarts). */
function isIdle(status: AgentStatus): boolean {
  return ['waiting', 'answered', 'voted', 'vote-ignored'].includes(status.kind);
}

function argsPreview(value: unknown): string {
  if (value === undefined) return '';
  const text = typeof value === 'string' ? value : safeJson(value);
  return preview(text, 60);
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? '';
  } catch {
    return String(value);
  }
}
