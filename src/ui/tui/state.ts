/**
 * What the terminal UI shows, derived from the coordination events alone (see `reducer.ts`). Plain
 * data: no React, no terminal.
 */
import { type AnswerBoard, EMPTY_ANSWER_BOARD } from '../../events/answer-board.js';
import type { OverheadUsage } from '../../events/overhead-usage.js';
import type { RunStatus } from '../../events/types.js';
import { EMPTY_USAGE, type TokenTotals } from '../../events/usage-totals.js';
import { EMPTY_BUFFER, type TextBuffer } from './text-buffer.js';

/** What an agent is doing, as its panel shows it. */
export type AgentStatus =
  | { kind: 'waiting' }
  | { kind: 'working'; execution: number }
  | { kind: 'answered'; label: string; answerNumber: number }
  | { kind: 'voted'; votedFor: string; reason: string }
  | { kind: 'vote-ignored'; votedFor: string; why: string }
  | { kind: 'update'; newAnswers: string[] }
  | { kind: 'restarting'; by: string }
  /** A provider request is sent again after `delayMs` (until the agent's next event). */
  | { kind: 'retrying'; attempt: number; delayMs: number; statusCode?: number; message: string }
  | { kind: 'error'; message: string; willRetry: boolean; failures: number }
  | { kind: 'timeout'; seconds: number; willRetry: boolean }
  | { kind: 'dropped'; reason: string }
  | { kind: 'presenting' }
  | { kind: 'evaluating' }
  | { kind: 'done'; winner: boolean };

/** One answer an agent gave, kept whole (the streamed output is capped, answers are not). */
export interface AgentAnswer {
  /** `agentK.N`. */
  label: string;
  /** The answer text, made safe for a terminal. */
  content: string;
}

/** One agent's panel. */
export interface AgentView {
  id: string;
  /** `agentK`. */
  label: string;
  backend: string;
  model: string;
  /** The backend and model its usage is priced as, when not `backend` and `model` (run-start's). */
  priceAs?: { backend: string; model: string };
  status: AgentStatus;
  /** Everything it streamed: text, reasoning, notes (tool calls, answers, votes, updates). */
  output: TextBuffer;
  /** Executions started. */
  executions: number;
  /** Answers given; the label of the latest. */
  answers: number;
  lastAnswerLabel?: string;
  /** Every answer it gave, in order; the output's answer notes point into this list. */
  answerTexts: AgentAnswer[];
  /** The name of the last non-workflow tool it called. */
  lastTool?: string;
  usage: TokenTotals;
  /** USD of the priced calls; `undefined` while no call could be priced. */
  cost?: number;
  /** Some calls could not be priced (unknown model). */
  unpriced: boolean;
}

/** One vote, counted or not. */
export interface VoteEntry {
  voter: string;
  votedFor: string;
  /** `agentK` as the voter wrote it (empty for ignored votes). */
  votedForLabel: string;
  reason: string;
  /** Answer labels the voter chose from. */
  options: string[];
  /** Why the vote was not counted (stale), when it was not. */
  ignored?: string;
}

/** Votes cast between two answers: a new answer invalidates every vote and starts a new round. */
export interface VoteRound {
  /** 1-based. */
  number: number;
  votes: VoteEntry[];
  /** The answer label that ended the round (invalidating its votes). */
  endedBy?: string;
}

export type RunPhase = 'starting' | 'coordinating' | 'presenting' | 'evaluating' | 'done';

/** The whole run as the UI shows it. */
export interface RunView {
  runId?: string;
  /** The calls of no agent (the question paraphrasing, the speaker selector): tokens and cost. */
  overheadUsage?: OverheadUsage;
  question: string;
  logDir?: string;
  /** Timestamp of run-start, and of the latest event. */
  startedAt?: number;
  lastEventAt?: number;
  phase: RunPhase;
  /** Agent ids in config order. */
  order: string[];
  agents: Record<string, AgentView>;
  rounds: VoteRound[];
  /** The current answers (what an agent starting now reads, what a voter chooses from). */
  board: AnswerBoard;
  attempt?: { number: number; max: number };
  winner?: { agentId: string; votes: Record<string, number>; isTie: boolean; by: string };
  final: { agentId?: string; text: string; done: boolean; fromStoredAnswer: boolean; workspace?: string };
  /** Files each agent's generation tools made, by name in its workspace (events/generated-files.ts). */
  generated: Record<string, string[]>;
  /** The latest notices (warnings, errors), newest last. */
  notices: Array<{ level: 'info' | 'warning' | 'error'; message: string; agentId?: string }>;
  end?: { status: RunStatus; durationMs: number; winner?: string; error?: string };
}

/** The state before any event. */
export function initialRunView(): RunView {
  return {
    question: '',
    phase: 'starting',
    order: [],
    agents: {},
    rounds: [{ number: 1, votes: [] }],
    board: EMPTY_ANSWER_BOARD,
    final: { text: '', done: false, fromStoredAnswer: false },
    generated: {},
    notices: [],
  };
}

/** A fresh agent view. */
export function newAgentView(info: {
  id: string;
  label: string;
  backend: string;
  model: string;
  priceAs?: { backend: string; model: string };
}): AgentView {
  return {
    ...info,
    status: { kind: 'waiting' },
    output: EMPTY_BUFFER,
    executions: 0,
    answers: 0,
    answerTexts: [],
    usage: EMPTY_USAGE,
    unpriced: false,
  };
}

/** The current round: the last one. */
export function currentRound(view: RunView): VoteRound {
  return view.rounds[view.rounds.length - 1]!;
}

/** Counted votes of the current round per agent id voted for. */
export function currentTally(view: RunView): Record<string, number> {
  const tally: Record<string, number> = {};
  for (const v of currentRound(view).votes) {
    if (v.ignored === undefined) tally[v.votedFor] = (tally[v.votedFor] ?? 0) + 1;
  }
  return tally;
}

/** Total tokens and cost of the run; `cost` is undefined when no call could be priced. */
export function runTotals(view: RunView): { tokens: number; cost?: number; unpriced: boolean } {
  let tokens = 0;
  let cost: number | undefined;
  let unpriced = false;
  for (const id of view.order) {
    const a = view.agents[id]!;
    tokens += a.usage.inputTokens + a.usage.outputTokens;
    if (a.cost !== undefined) cost = (cost ?? 0) + a.cost;
    unpriced ||= a.unpriced;
  }
  const extra = view.overheadUsage;
  if (extra) {
    tokens += extra.tokens;
    if (extra.cost !== undefined) cost = (cost ?? 0) + extra.cost;
    unpriced ||= extra.unpriced;
  }
  return { tokens, cost, unpriced };
}
