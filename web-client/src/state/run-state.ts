/**
 * What the run page shows, derived from the coordination events alone (see `run-reducer.ts`). Plain
 * data: no React, no DOM, so every view state is a unit test.
 */
import { type AnswerBoard, EMPTY_ANSWER_BOARD } from '../../../src/events/answer-board.js';
import type { OverheadUsage } from '../../../src/events/overhead-usage.js';
import type { RunStatus } from '../../../src/events/types.js';
import { EMPTY_USAGE, type TokenTotals } from '../../../src/events/usage-totals.js';
import type { ToolRisk } from '../../../src/types/safety.js';
import type { GeneratedMedia } from '../../../src/web/api-types.js';

/** What an agent is doing, as its panel and its table row show it. */
export type AgentStatusKind =
  | 'waiting'
  | 'working'
  | 'answered'
  | 'voted'
  | 'vote-ignored'
  | 'restarting'
  | 'retrying'
  | 'error'
  | 'timeout'
  | 'dropped'
  | 'presenting'
  | 'evaluating'
  | 'done'
  | 'winner'
  | 'cancelled';

/** One piece of an agent's stream, in the order it happened. */
export type StreamItem =
  | { kind: 'text'; text: string }
  | { kind: 'reasoning'; text: string }
  | {
      kind: 'tool';
      toolCallId: string;
      toolName: string;
      input: unknown;
      /** Set by the tool's result. */
      output?: unknown;
      isError?: boolean;
    }
  | { kind: 'note'; level: 'info' | 'warning' | 'error'; text: string };

/** One answer an agent gave, kept whole. */
export interface AnswerRecord {
  /** `agentK.N`. */
  label: string;
  agentId: string;
  text: string;
  answerNumber: number;
  /** The attempt it belongs to (1 without restarts). */
  attempt: number;
  ts: number;
}

/** One agent's panel. */
export interface AgentState {
  id: string;
  /** `agentK`. */
  label: string;
  backend: string;
  model: string;
  status: AgentStatusKind;
  /** One line about the status (the error, the retry, whom it voted for). */
  detail: string;
  /** Its stream, capped: the oldest items go first (see {@link dropped}). */
  items: StreamItem[];
  /** Stream items dropped from the front to keep the page's memory bounded. */
  dropped: number;
  executions: number;
  answers: AnswerRecord[];
  /** Votes it cast (counted ones). */
  votesCast: number;
  usage: TokenTotals;
  /** USD of the priced calls; `undefined` while no call could be priced. */
  cost?: number;
  /** Some calls could not be priced (unknown model). */
  unpriced: boolean;
  /** The variant of the question it reads with it (`orchestrator.dspy`). */
  paraphrase?: string;
  /** Seq of the latest event about this agent (for tests and the latency probe). */
  lastSeq: number;
}

/** One vote, counted or not. */
export interface VoteRecord {
  voter: string;
  votedFor: string;
  reason: string;
  ts: number;
  /** Why it was not counted (cast against out-of-date answers). */
  ignored?: string;
  /** The answer that invalidated it (a later answer starts a new round). */
  invalidatedBy?: string;
}

/** Votes cast between two answers: a new answer invalidates every vote and starts a new round. */
export interface VoteRound {
  /** 1-based over the whole run. */
  number: number;
  attempt: number;
  votes: VoteRecord[];
  /** The answer label that ended the round. */
  endedBy?: string;
}

/** One point on the run's time axis. */
export interface TimelineEntry {
  seq: number;
  ts: number;
  /** Absent for run-level entries (restarts, the winner). */
  agentId?: string;
  kind:
    | 'answer'
    | 'vote'
    | 'vote-ignored'
    | 'invalidated'
    | 'restart'
    | 'error'
    | 'winner'
    | 'final-start'
    | 'final-end'
    | 'run-end';
  text: string;
}

/** A tool call waiting for a human decision. */
export interface PendingApproval {
  requestId: string;
  agentId: string;
  toolName: string;
  input: unknown;
  risk: ToolRisk;
  reason: string;
}

/** One decided approval request, for the agent's stream and the tests. */
export interface ApprovalOutcome {
  requestId: string;
  agentId: string;
  toolName: string;
  approved: boolean;
  scope: string;
  by: string;
}

export type RunPhase = 'starting' | 'coordinating' | 'presenting' | 'evaluating' | 'done';

/** The whole run as the page shows it. */
export interface RunState {
  runId?: string;
  sessionId?: string;
  question: string;
  startedAt?: number;
  lastEventAt?: number;
  /** Seq of the last event applied. */
  lastSeq: number;
  phase: RunPhase;
  /** Agent ids in config order. */
  order: string[];
  agents: Record<string, AgentState>;
  rounds: VoteRound[];
  /** The current answers (what a voter chooses from). */
  board: AnswerBoard;
  attempt: { number: number; max: number };
  winner?: { agentId: string; votes: Record<string, number>; isTie: boolean; by: string };
  final: {
    agentId?: string;
    text: string;
    done: boolean;
    fromStoredAnswer: boolean;
    /** The presenter's generated files, in the final workspace (set by the final answer). */
    files?: readonly GeneratedMedia[];
  };
  /** Every agent's generated files so far, in order. */
  generated: readonly GeneratedMedia[];
  timeline: TimelineEntry[];
  approvals: PendingApproval[];
  decided: ApprovalOutcome[];
  /** The latest notices of the run, newest last. */
  notices: Array<{ level: 'info' | 'warning' | 'error'; message: string; agentId?: string }>;
  end?: { status: RunStatus; durationMs: number; winner?: string; error?: string };
  /** The calls of no agent (the question paraphrasing, the speaker selector): tokens and cost. */
  overheadUsage?: OverheadUsage;
}

export type { Pricer } from '../../../src/events/usage-cost.js';

/** The state before any event. */
export function initialRunState(): RunState {
  return {
    question: '',
    lastSeq: 0,
    phase: 'starting',
    order: [],
    agents: {},
    rounds: [{ number: 1, attempt: 1, votes: [] }],
    board: EMPTY_ANSWER_BOARD,
    attempt: { number: 1, max: 1 },
    final: { text: '', done: false, fromStoredAnswer: false },
    generated: [],
    timeline: [],
    approvals: [],
    decided: [],
    notices: [],
  };
}

/** A fresh agent. */
export function newAgentState(info: {
  id: string;
  label: string;
  backend: string;
  model: string;
}): AgentState {
  return {
    id: info.id,
    label: info.label,
    backend: info.backend,
    model: info.model,
    status: 'waiting',
    detail: '',
    items: [],
    dropped: 0,
    executions: 0,
    answers: [],
    votesCast: 0,
    usage: EMPTY_USAGE,
    unpriced: false,
    lastSeq: 0,
  };
}
