/**
 * The coordination event stream: everything that happens in a run, in order.
 *
 * The orchestrator produces these events; displays, the log recorder and the session store consume
 * them. Every event carries the run id, a monotonic sequence number and a timestamp (ms since epoch).
 */

/** Fields every event carries. */
export interface EventBase {
  /** Id of the run (the log folder name, `log_<timestamp>`). */
  runId: string;
  /** Monotonic sequence number within the run, starting at 1. */
  seq: number;
  /** Milliseconds since the Unix epoch. */
  ts: number;
}

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
}

/** Token usage of one LLM call. */
export interface TokenUsage {
  inputTokens: number;
  outputTokens: number;
  reasoningTokens?: number;
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

/** What phase an agent's text belongs to. */
export type StreamPhase = 'coordination' | 'presentation' | 'evaluation';

export type RunStatus = 'completed' | 'timeout' | 'interrupted' | 'failed';

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

export type CoordinationEvent = EventBase &
  (
    | {
        type: 'run-start';
        question: string;
        agents: AgentInfo[];
        /** Absolute path of the log folder for this turn, when logging is on. */
        logDir?: string;
        /** The session the run belongs to, when it is one turn of a session. */
        sessionId?: string;
      }
    | {
        type: 'agent-start';
        agentId: string;
        /** 1-based count of executions of this agent in the run. */
        execution: number;
        /** Labels of the answers the agent sees (e.g. `agent1.2`). */
        answersSeen: string[];
      }
    | { type: 'text-delta'; agentId: string; text: string; phase: StreamPhase }
    | { type: 'reasoning-delta'; agentId: string; text: string; phase: StreamPhase }
    | { type: 'tool-call'; agentId: string; toolCallId: string; toolName: string; input: unknown }
    | {
        type: 'tool-result';
        agentId: string;
        toolCallId: string;
        toolName: string;
        output: unknown;
        isError: boolean;
      }
    | {
        /**
         * An agent's MCP server changed state. `starting`: a start attempt (with the previous
         * attempt's `error` from the 2nd on); `ready`: connected, `tools` are the agent's now;
         * `failed`: could not start after its attempts — the agent runs without its tools;
         * `removed`: it exited or its connection broke mid-run — its `tools` were taken away;
         * `circuit-open`: repeated transport failures — calls fail fast until `retryAt`;
         * `circuit-closed`: a call succeeded again.
         */
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
    | {
        /** A workflow tool call was refused; the agent gets the message as a tool error and retries. */
        type: 'workflow-rejected';
        agentId: string;
        toolName: string;
        message: string;
        /** 1-based attempt within the execution. */
        attempt: number;
      }
    | {
        type: 'answer';
        agentId: string;
        /** `agentK.N`: K = config position, N = this agent's answer count. */
        label: string;
        content: string;
        /** This agent's answer count, 1-based. */
        answerNumber: number;
        /** The context the agent was given (system + user messages), for the log. */
        context?: string;
        /** The snapshot of the agent's workspace taken with this answer (copied into the log). */
        workspace?: string;
      }
    | {
        type: 'vote';
        agentId: string;
        /** Real id of the agent voted for. */
        votedFor: string;
        /** Anonymous label the voter used (`agentK`). */
        votedForLabel: string;
        reason: string;
        /** Answer labels the voter could choose from. */
        options: string[];
        context?: string;
      }
    | {
        /** A vote cast against an out-of-date set of answers; not counted. */
        type: 'vote-ignored';
        agentId: string;
        votedFor: string;
        reason: string;
        why: string;
      }
    | {
        /** New answers delivered to a busy agent at its turn boundary. */
        type: 'update-injected';
        agentId: string;
        newAnswers: string[];
        message: string;
      }
    | {
        /** A new answer invalidated votes; these agents start again with the new answers. */
        type: 'votes-invalidated';
        agentId: string;
        affected: string[];
      }
    | {
        type: 'agent-error';
        agentId: string;
        message: string;
        /** Whether the failure will be retried. */
        willRetry: boolean;
        /** Consecutive failures so far. */
        failures: number;
      }
    | { type: 'agent-dropped'; agentId: string; reason: string }
    | { type: 'agent-timeout'; agentId: string; seconds: number }
    | { type: 'usage'; agentId: string; usage: TokenUsage; phase: StreamPhase }
    | {
        type: 'winner';
        agentId: string;
        /** Votes per real agent id. */
        votes: Record<string, number>;
        isTie: boolean;
        /** How the winner was chosen. */
        by: 'votes' | 'no-votes' | 'timeout' | 'skip-coordination';
      }
    | {
        /** An orchestration attempt begins (only when restarts are enabled). */
        type: 'attempt-start';
        /** 1-based attempt number. */
        attempt: number;
        maxAttempts: number;
        /** Why the previous attempt was restarted. */
        reason?: string;
        instructions?: string;
      }
    | {
        /** The winner checked its final answer: submit it, or restart the orchestration. */
        type: 'post-evaluation';
        agentId: string;
        decision: 'submit' | 'restart';
        reason?: string;
        instructions?: string;
        /** How the decision was reached: a tool call, no tool call, a timeout or an error (both submit). */
        by: 'tool' | 'no-tool' | 'timeout' | 'error';
      }
    | { type: 'final-delta'; agentId: string; text: string }
    | {
        type: 'final-answer';
        agentId: string;
        content: string;
        /** True when the presentation failed or was empty and the stored answer is used. */
        fromStoredAnswer: boolean;
        context?: string;
        /** The presenter's workspace (copied to `final/<agent>/workspace/` in the log). */
        workspace?: string;
      }
    | {
        type: 'notice';
        level: 'info' | 'warning' | 'error';
        message: string;
        agentId?: string;
        /**
         * About what the run's tools may do to the machine (e.g. commands run without a sandbox):
         * every display shows it, `--automation` as a `warning:` line on stderr.
         */
        security?: boolean;
      }
    | {
        /** A conversation was condensed to fit the agent's context window (src/memory). */
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
    | {
        /** Long-term memories retrieved into an agent's system prompt (possibly none). */
        type: 'memory-recalled';
        agentId: string;
        memories: Array<{ id: string; text: string }>;
      }
    | {
        /** Long-term memory updated from the run's question and final answer. */
        type: 'memory-updated';
        /** The agent scope written (`team` unless the top-level `agent_name` says otherwise). */
        scope: string;
        changes: MemoryChangeInfo[];
      }
    | {
        /**
         * A provider request of the agent failed before any of its reply arrived and is sent again
         * after `delayMs` (a rate limit, an overload, a server error, a broken connection). The
         * agent's turn goes on; its next event ends the wait.
         */
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
    | {
        /**
         * An MCP server asked the user for input (`elicitation/create`). It is answered by the run's
         * `onElicitation` port, or declined at once when there is none (`--automation`).
         */
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
    | {
        /** How an elicitation was answered. Field values are not recorded, only their names. */
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
    | {
        type: 'run-end';
        status: RunStatus;
        winner?: string;
        finalAnswer?: string;
        durationMs: number;
        error?: string;
      }
  );

export type CoordinationEventType = CoordinationEvent['type'];

/** The event of a given type. */
export type EventOf<T extends CoordinationEventType> = Extract<CoordinationEvent, { type: T }>;

/** An event before the emitter stamps `runId`, `seq` and `ts`. */
export type EventInput = CoordinationEvent extends infer E
  ? E extends CoordinationEvent
    ? Omit<E, keyof EventBase>
    : never
  : never;
