/**
 * The data shapes that coordination events carry: agents, token usage, statuses, memory changes and
 * elicitation forms.
 */
import type { ToolRisk } from '../types/safety.js';

/** An agent as announced at run start. */
export interface AgentInfo {
  /** Real id from the config (`agents[].id`). */
  id: string;
  /** Stable anonymous label shown to models: `agentK`, K = position in config order (1-based). */
  label: string;
  /** Backend `type` from the config. */
  backend: string;
  /** Model name. */
  model: string;
  /**
   * The backend type and model its usage is priced as, when not `backend` and `model` (a framework
   * agent run by `type: adapter` on a provider's model).
   */
  priceAs?: { backend: string; model: string };
}

/** The backend type and model an agent's calls are priced as. */
export function pricedAs(agent: AgentInfo): { backend: string; model: string } {
  return agent.priceAs ?? { backend: agent.backend, model: agent.model };
}

/** Token usage of one LLM call. */
export interface TokenUsage {
  inputTokens: number;
  /** All output tokens, reasoning included. */
  outputTokens: number;
  reasoningTokens?: number;
  /** Input tokens read from the provider's prompt cache. */
  cachedInputTokens?: number;
}

/** One change to long-term memory. */
export interface MemoryChangeInfo {
  event: 'ADD' | 'UPDATE' | 'DELETE';
  /** The memory's id (`massgen memory forget ID`). */
  id: string;
  text: string;
  /** The text before an UPDATE or DELETE. */
  previous?: string;
}

/**
 * A call of an irreversible or unknown-risk tool made during coordination and not carried out: it
 * goes with the agent's next answer, for the final presenter.
 */
export interface PlannedAction {
  toolCallId: string;
  toolName: string;
  /** The call's arguments, secrets redacted. */
  input: unknown;
  risk: ToolRisk;
  reason: string;
}

/** What phase an agent's text belongs to. */
export type StreamPhase = 'coordination' | 'presentation' | 'evaluation';

/**
 * How a run ended. `budget`: the run reached its budget (`budget:` / `--max-cost`), so no new agent
 * work started; the best answer so far is the final answer.
 */
export type RunStatus = 'completed' | 'timeout' | 'interrupted' | 'failed' | 'budget';

/**
 * How an agent's execution ended (see `agent-end`). `answered` / `voted`: its workflow call was
 * accepted; `failed`: a provider error, or its attempts to make a valid workflow call ran out;
 * `timeout`: the per-agent timeout passed; `cancelled`: the run ended or was interrupted while it ran.
 */
export type AgentOutcome = 'answered' | 'voted' | 'failed' | 'timeout' | 'cancelled';

/**
 * How the final presentation ended (see `final-end`). `presented`: the presenter's text is the final
 * answer; `stored-answer`: its last answer is (the presentation failed, was empty, or the deadline
 * had passed); `failed`: no final answer at all; `cancelled`: the run was interrupted meanwhile.
 */
export type PresentationOutcome = 'presented' | 'stored-answer' | 'failed' | 'cancelled';

/** States of an agent's MCP server (see the `tool-server-status` event). */
export type ToolServerStatus =
  | 'starting'
  | 'ready'
  | 'failed'
  | 'removed'
  | 'circuit-open'
  | 'circuit-closed';

/** How the user answered an MCP elicitation: sent the form, refused it, or dismissed it. */
export type ElicitationAction = 'accept' | 'decline' | 'cancel';

/** One field of an elicitation form (MCP restricts them to primitives and enums). */
export interface ElicitationField {
  type: 'string' | 'number' | 'integer' | 'boolean' | 'array';
  title?: string;
  description?: string;
  default?: unknown;
  /** Allowed values of a single-choice string field. */
  enum?: string[];
  /** Display names parallel to `enum`. */
  enumNames?: string[];
  /** `oneOf` choices (`const` + `title`) of a titled single-choice field. */
  oneOf?: Array<{ const: string; title?: string }>;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  format?: string;
  /** Multi-choice fields (`type: array`): the allowed values. */
  items?: { type?: string; enum?: string[]; anyOf?: Array<{ const: string; title?: string }> };
}

/** The form of an elicitation request. */
export interface ElicitationSchema {
  type: 'object';
  properties: Record<string, ElicitationField>;
  required?: string[];
}
