/**
 * Events of the services an agent uses: its tool calls, its MCP servers' states and their
 * elicitation requests, and long-term and conversation memory.
 */
import type { ApprovalScope, DecidedBy, ToolRisk } from '../types/safety.js';
import type {
  ElicitationAction,
  ElicitationSchema,
  MemoryChangeInfo,
  ToolServerStatus,
} from './event-parts.js';

/** The agent called a tool (its own, a workflow tool, or a provider-executed one). */
export interface ToolCallEvent {
  type: 'tool-call';
  agentId: string;
  toolCallId: string;
  toolName: string;
  input: unknown;
}

/** The result of a tool call. */
export interface ToolResultEvent {
  type: 'tool-result';
  agentId: string;
  toolCallId: string;
  toolName: string;
  output: unknown;
  isError: boolean;
}

/**
 * An agent's MCP server changed state. `starting`: a start attempt (with the previous attempt's
 * `error` from the 2nd on); `ready`: connected, `tools` are the agent's now; `failed`: could not
 * start after its attempts — the agent runs without its tools; `removed`: it exited or its
 * connection broke mid-run — its `tools` were taken away; `circuit-open`: repeated transport
 * failures — calls fail fast until `retryAt`; `circuit-closed`: a call succeeded again.
 */
export interface ToolServerStatusEvent {
  type: 'tool-server-status';
  agentId: string;
  /** The server's `name` in the config. */
  server: string;
  status: ToolServerStatus;
  transport?: 'stdio' | 'streamable-http' | 'sse';
  /** 1-based start attempt (`starting`, `failed`). */
  attempt?: number;
  /** Exposed tool names (`mcp__<server>__<tool>`) added (`ready`) or removed (`removed`). */
  tools?: string[];
  error?: string;
  /** When calls are let through again (ms since the epoch), for `circuit-open`. */
  retryAt?: number;
}

/**
 * An MCP server asked the user for input (`elicitation/create`). It is answered by the run's
 * `onElicitation` port, or declined at once when there is none (`--automation`).
 */
export interface ElicitationRequestEvent {
  type: 'elicitation-request';
  agentId: string;
  /** The server's `name` in the config. */
  server: string;
  /** Pairs the request with its `elicitation-response`. */
  requestId: string;
  message: string;
  /** The form the server asks for: a flat JSON Schema object of primitive fields. */
  requestedSchema: ElicitationSchema;
}

/** How an elicitation was answered. Field values are not recorded, only their names. */
export interface ElicitationResponseEvent {
  type: 'elicitation-response';
  agentId: string;
  server: string;
  requestId: string;
  action: ElicitationAction;
  /** With an `accept`: names of the fields the user filled in (the server's defaults fill the rest). */
  fields?: string[];
  /** Why it was declined without asking (e.g. no interactive display). */
  reason?: string;
}

/**
 * A tool call waits for a decision (the policy said `ask`): the terminal UI, the approval folder, the
 * web UI or the automation default answers it with an `approval-decision` of the same `requestId`.
 */
export interface ApprovalRequestEvent {
  type: 'approval-request';
  agentId: string;
  /**
   * Unique across runs (it holds the run's id and turn) and safe in a file name; the approval
   * folder's `req_<id>.json` / `resp_<id>.json`.
   */
  requestId: string;
  toolCallId: string;
  toolName: string;
  /** The call's arguments, secrets redacted. */
  input: unknown;
  risk: ToolRisk;
  /** Why it needs a decision. */
  reason: string;
}

/**
 * The approval folder wrote the request file of an `approval-request`: a person or a program
 * decides by writing `responseFile` (`{"approved": true|false, "scope": …, "feedback": …}`).
 */
export interface ApprovalFileEvent {
  type: 'approval-file';
  agentId: string;
  requestId: string;
  /** `<approval folder>/req_<id>.json`. */
  file: string;
  /** `<approval folder>/resp_<id>.json`, where the decision is expected. */
  responseFile: string;
  /** When an unanswered request is denied (ms since the epoch). */
  expiresAt: number;
}

/** The decision on an `approval-request`. */
export interface ApprovalDecisionEvent {
  type: 'approval-decision';
  agentId: string;
  requestId: string;
  toolName: string;
  approved: boolean;
  /** How long the approval holds: this call, the rest of the run, or always (written to the policy file). */
  scope: ApprovalScope;
  by: DecidedBy;
  /** The decider's message, given back to the model. */
  feedback?: string;
}

/**
 * A call of an irreversible or unknown-risk tool during coordination: not carried out, recorded as
 * planned with the agent's next answer; the final presenter carries it out if that answer wins.
 */
export interface ToolDeferredEvent {
  type: 'tool-deferred';
  agentId: string;
  toolCallId: string;
  toolName: string;
  /** The call's arguments, secrets redacted. */
  input: unknown;
  risk: ToolRisk;
  reason: string;
}

/** A call refused by the safety policy, the hardline floor or a decider; the model gets `reason`. */
export interface ToolDeniedEvent {
  type: 'tool-denied';
  agentId: string;
  toolCallId: string;
  toolName: string;
  by: DecidedBy;
  /** The deciding rule as written (`execute_command(git push*)`), when a rule decided. */
  rule?: string;
  reason: string;
}

/** A conversation was condensed to fit the agent's context window (src/memory). */
export interface MemoryCompressedEvent {
  type: 'memory-compressed';
  agentId: string;
  /** `conversation`: the agent's working conversation; `history`: a session's earlier turns. */
  scope: 'conversation' | 'history';
  /** Tokens before and after (provider counts where known, else estimates). */
  beforeTokens: number;
  afterTokens: number;
  /** Messages replaced by the summary. */
  messagesSummarised: number;
}

/** Long-term memories retrieved into an agent's system prompt (possibly none). */
export interface MemoryRecalledEvent {
  type: 'memory-recalled';
  agentId: string;
  memories: Array<{ id: string; text: string }>;
}

/** Long-term memory updated from the run's question and final answer. */
export interface MemoryUpdatedEvent {
  type: 'memory-updated';
  /** The agent scope written (`team` unless the top-level `agent_name` says otherwise). */
  scope: string;
  changes: MemoryChangeInfo[];
}
