/**
 * Events about one agent's work: its executions (`agent-start` … `agent-end`), what it streams, its
 * answers and votes, the updates it receives, and its failures and retries.
 *
 * The answers an agent reads when an execution starts, and those a voter chooses from, are the
 * current answers at that point of the stream: the latest `answer` of each agent since the run (or
 * its latest `attempt-start`) began — see `answer-board.ts`. Version 1 logs also listed them in each
 * event (`answersSeen`, `options`).
 */
import type { AgentOutcome, PlannedAction, StreamPhase, TokenUsage } from './event-parts.js';

/** An execution of the agent begins (a coordination turn, or a speaker's turn in a group chat). */
export interface AgentStartEvent {
  type: 'agent-start';
  agentId: string;
  /** 1-based count of executions of this agent in the run (in the attempt, when restarts are on). */
  execution: number;
  /** Version 1 logs only: labels of the answers the agent sees (e.g. `agent1.2`). */
  answersSeen?: string[];
}

/** The execution begun by the agent's latest `agent-start` is over: exactly one for each. */
export interface AgentEndEvent {
  type: 'agent-end';
  agentId: string;
  /** The `execution` of its `agent-start`. */
  execution: number;
  outcome: AgentOutcome;
  /** What went wrong, for `failed` and `timeout`. */
  error?: string;
}

/** Text the agent streams. */
export interface TextDeltaEvent {
  type: 'text-delta';
  agentId: string;
  text: string;
  phase: StreamPhase;
}

/** Reasoning text the agent streams. */
export interface ReasoningDeltaEvent {
  type: 'reasoning-delta';
  agentId: string;
  text: string;
  phase: StreamPhase;
}

/** A workflow tool call was refused; the agent gets the message as a tool error and retries. */
export interface WorkflowRejectedEvent {
  type: 'workflow-rejected';
  agentId: string;
  toolName: string;
  message: string;
  /** 1-based attempt within the execution. */
  attempt: number;
}

/** An answer was accepted. */
export interface AnswerEvent {
  type: 'answer';
  agentId: string;
  /** `agentK.N`: K = config position, N = this agent's answer count. */
  label: string;
  content: string;
  /** This agent's answer count, 1-based. */
  answerNumber: number;
  /**
   * The conversation the agent was given (system and user messages), as text. Given to in-memory
   * listeners; `events.jsonl` has {@link contextFile} instead.
   */
  context?: string;
  /** In `events.jsonl`: the file holding {@link context}, relative to the turn's log folder. */
  contextFile?: string;
  /** The snapshot of the agent's workspace taken with this answer (copied into the log). */
  workspace?: string;
  /**
   * Actions of irreversible or unknown-risk tools the agent called while working on this answer, not
   * carried out (see `tool-deferred`): the final presenter carries them out if this answer wins.
   * Written beside `answer.txt` as `planned_actions.json`.
   */
  plannedActions?: PlannedAction[];
}

/** A vote was accepted. */
export interface VoteEvent {
  type: 'vote';
  agentId: string;
  /** Real id of the agent voted for. */
  votedFor: string;
  /** Anonymous label the voter used (`agentK`). */
  votedForLabel: string;
  reason: string;
  /** Version 1 logs only: the answer labels the voter could choose from (the current answers). */
  options?: string[];
  /** As for `answer`: the voter's conversation, for in-memory listeners. */
  context?: string;
  /** In `events.jsonl`: the file holding {@link context}, relative to the turn's log folder. */
  contextFile?: string;
}

/** A vote cast against an out-of-date set of answers; not counted. */
export interface VoteIgnoredEvent {
  type: 'vote-ignored';
  agentId: string;
  votedFor: string;
  reason: string;
  why: string;
}

/** New answers delivered to a busy agent at its turn boundary. */
export interface UpdateInjectedEvent {
  type: 'update-injected';
  agentId: string;
  /** Labels of the answers delivered. */
  newAnswers: string[];
  /** The message given to the model. For in-memory listeners; `events.jsonl` has {@link messageFile}. */
  message?: string;
  /** In `events.jsonl`: the file holding {@link message}, relative to the turn's log folder. */
  messageFile?: string;
}

/** A new answer invalidated votes; these agents start again with the new answers. */
export interface VotesInvalidatedEvent {
  type: 'votes-invalidated';
  /** Whose answer it was. */
  agentId: string;
  affected: string[];
}

/** An execution failed (after its `agent-end`): retried after a backoff, or given up on. */
export interface AgentErrorEvent {
  type: 'agent-error';
  agentId: string;
  message: string;
  /** Whether the failure will be retried. */
  willRetry: boolean;
  /** Consecutive failures so far. */
  failures: number;
}

/** The agent is given up on: it gets no more executions. */
export interface AgentDroppedEvent {
  type: 'agent-dropped';
  agentId: string;
  reason: string;
}

/** An execution passed the per-agent timeout (after its `agent-end`). */
export interface AgentTimeoutEvent {
  type: 'agent-timeout';
  agentId: string;
  seconds: number;
}

/** Token usage of one model call of the agent. */
export interface UsageEvent {
  type: 'usage';
  agentId: string;
  usage: TokenUsage;
  phase: StreamPhase;
  /**
   * The backend type and model the call is priced as when `agentId` is not an agent of the run:
   * a call made for the run itself (the group chat's own speaker selector, `agentId: "selector"`).
   */
  priceAs?: { backend: string; model: string };
}

/**
 * A provider request of the agent failed before any of its reply arrived and is sent again after
 * `delayMs` (a rate limit, an overload, a server error, a broken connection). The agent's turn goes
 * on; its next event ends the wait.
 */
export interface ProviderRetryEvent {
  type: 'provider-retry';
  agentId: string;
  /** 1-based number of this retry of the request. */
  attempt: number;
  /** Wait before the retry: what the provider asked for (retry-after, RetryInfo), else backoff. */
  delayMs: number;
  /** HTTP status of the failed reply; absent for in-stream errors and broken connections. */
  statusCode?: number;
  /** The failure as text: the provider's error type and message (`overloaded_error: Overloaded`). */
  message: string;
}
