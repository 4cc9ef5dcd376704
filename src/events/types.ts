/**
 * The coordination event stream: everything that happens in a run, in order.
 *
 * The orchestrator produces these events; displays, the log recorder and the session store consume
 * them. Every event carries the run id, a monotonic sequence number and a timestamp (ms since epoch).
 * {@link CoordinationEvents} maps each `type` to its documented interface.
 *
 * Lifecycle pairs: every `agent-start` is followed by exactly one `agent-end` for the same agent
 * (also when the execution fails, times out or the run is interrupted), and every `final-start` by
 * exactly one `final-end`; `run-start` is the first event of a run and `run-end` its last.
 */
import type {
  AgentDroppedEvent,
  AgentEndEvent,
  AgentErrorEvent,
  AgentStartEvent,
  AgentTimeoutEvent,
  AnswerEvent,
  ProviderRetryEvent,
  ReasoningDeltaEvent,
  TextDeltaEvent,
  UpdateInjectedEvent,
  UsageEvent,
  VoteEvent,
  VoteIgnoredEvent,
  VotesInvalidatedEvent,
  WorkflowRejectedEvent,
} from './agent-events.js';
import type {
  AttachmentEvent,
  AttemptStartEvent,
  FinalAnswerEvent,
  FinalDeltaEvent,
  FinalEndEvent,
  FinalStartEvent,
  NoticeEvent,
  PostEvaluationEvent,
  QuestionParaphrasedEvent,
  RunEndEvent,
  RunStartEvent,
  WinnerEvent,
} from './run-events.js';
import type {
  ApprovalDecisionEvent,
  ApprovalFileEvent,
  ApprovalRequestEvent,
  ElicitationRequestEvent,
  ElicitationResponseEvent,
  MemoryCompressedEvent,
  MemoryRecalledEvent,
  MemoryUpdatedEvent,
  ToolCallEvent,
  ToolDeferredEvent,
  ToolDeniedEvent,
  ToolResultEvent,
  ToolServerStatusEvent,
} from './tool-events.js';

export type * from './agent-events.js';
export type * from './event-parts.js';
export type * from './run-events.js';
export type * from './tool-events.js';

/** Fields every event carries. */
export interface EventBase {
  /** Id of the run (the log folder name, `log_<timestamp>`). */
  runId: string;
  /** Monotonic sequence number within the run, starting at 1. */
  seq: number;
  /** Milliseconds since the Unix epoch. */
  ts: number;
}

/** Every event type and its payload (without the {@link EventBase} fields). */
export interface CoordinationEvents {
  'run-start': RunStartEvent;
  'attempt-start': AttemptStartEvent;
  'question-paraphrased': QuestionParaphrasedEvent;
  'agent-start': AgentStartEvent;
  'agent-end': AgentEndEvent;
  'text-delta': TextDeltaEvent;
  'reasoning-delta': ReasoningDeltaEvent;
  'tool-call': ToolCallEvent;
  'tool-result': ToolResultEvent;
  'tool-server-status': ToolServerStatusEvent;
  'workflow-rejected': WorkflowRejectedEvent;
  answer: AnswerEvent;
  vote: VoteEvent;
  'vote-ignored': VoteIgnoredEvent;
  'update-injected': UpdateInjectedEvent;
  'votes-invalidated': VotesInvalidatedEvent;
  'agent-error': AgentErrorEvent;
  'agent-dropped': AgentDroppedEvent;
  'agent-timeout': AgentTimeoutEvent;
  usage: UsageEvent;
  'provider-retry': ProviderRetryEvent;
  winner: WinnerEvent;
  'post-evaluation': PostEvaluationEvent;
  'final-start': FinalStartEvent;
  'final-delta': FinalDeltaEvent;
  'final-answer': FinalAnswerEvent;
  'final-end': FinalEndEvent;
  notice: NoticeEvent;
  attachment: AttachmentEvent;
  'memory-compressed': MemoryCompressedEvent;
  'memory-recalled': MemoryRecalledEvent;
  'memory-updated': MemoryUpdatedEvent;
  'elicitation-request': ElicitationRequestEvent;
  'elicitation-response': ElicitationResponseEvent;
  'approval-request': ApprovalRequestEvent;
  'approval-file': ApprovalFileEvent;
  'approval-decision': ApprovalDecisionEvent;
  'tool-deferred': ToolDeferredEvent;
  'tool-denied': ToolDeniedEvent;
  'run-end': RunEndEvent;
}

/** One event of a run: a discriminated union on `type`. */
export type CoordinationEvent = EventBase & CoordinationEvents[keyof CoordinationEvents];

export type CoordinationEventType = keyof CoordinationEvents;

/** The event of a given type. */
export type EventOf<T extends CoordinationEventType> = Extract<CoordinationEvent, { type: T }>;

/** An event before the emitter stamps `runId`, `seq` and `ts`. */
export type EventInput = CoordinationEvents[keyof CoordinationEvents];
