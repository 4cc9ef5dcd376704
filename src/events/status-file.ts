/**
 * The shape of `status.json`, MassGen's machine-readable progress file (spec §7.3), as MassGen-TS
 * writes it. Times are ISO 8601 strings; ids are real agent ids from the config.
 */
import type { RunStatus } from './types.js';

/**
 * Where the run is. `enforcement` once any vote has been cast; `completed` after a completed run's
 * `run-end`. A run that ended otherwise keeps the phase it stopped in (`run.status` says how it ended).
 */
export type CoordinationPhase = 'initial_answer' | 'enforcement' | 'presentation' | 'completed';

/**
 * What one agent is doing. `cancelled`: the run ended or was interrupted while the agent worked
 * (an execution or the presentation); `completed`: the winner once its presentation is over, and
 * the others once the winner is chosen.
 */
export type AgentState =
  | 'waiting'
  | 'streaming'
  | 'answered'
  | 'voted'
  | 'restarting'
  | 'retrying'
  | 'error'
  | 'timeout'
  | 'dropped'
  | 'presenting'
  | 'cancelled'
  | 'completed';

/** An agent's current valid vote. */
export interface VoteCast {
  /** Real id of the agent voted for. */
  voted_for_agent: string;
  /** Answer label voted for (`agentK.N`, the target's latest answer), or the anonymous label. */
  voted_for_label: string;
  /** First 100 characters of the reason. */
  reason_preview: string;
}

/** An agent's last error. */
export interface AgentErrorInfo {
  /** `error`, `timeout` or `dropped`. */
  type: string;
  message: string;
  /** ISO time. */
  timestamp: string;
}

/** A provider request of the agent being retried (while its status is `retrying`). */
export interface AgentRetryInfo {
  /** 1-based number of the retry. */
  attempt: number;
  /** Wait before the retry, in seconds. */
  delay_seconds: number;
  /** ISO time the retry is due. */
  retry_at: string;
  /** HTTP status of the failed reply, or null (in-stream error, broken connection). */
  status_code: number | null;
  /** The provider's error type and message. */
  message: string;
}

/** Token totals of one agent over the run. */
export interface AgentTokens {
  input: number;
  output: number;
  reasoning: number;
}

/** `agents.<id>` in status.json. */
export interface AgentStatusEntry {
  status: AgentState;
  answer_count: number;
  /** `agentK.N` of the latest answer, or null. */
  latest_answer_label: string | null;
  /** The agent's current valid vote; cleared when new answers invalidate it. */
  vote_cast: VoteCast | null;
  /** Executions started minus one. */
  times_restarted: number;
  /** ISO time of the agent's latest recorded activity, or null before any. */
  last_activity: string | null;
  /** The agent's last error; cleared when it next answers or votes. */
  error: AgentErrorInfo | null;
  /** Present while the status is `retrying`: the retry being waited for. */
  retry?: AgentRetryInfo;
  tokens: AgentTokens;
}

/** `costs.agents.<id>` in status.json: one agent's model calls, priced from the bundled price table. */
export interface AgentCosts {
  /** Backend `type` and model the calls were priced for. */
  backend: string;
  model: string;
  input_tokens: number;
  /** All output tokens, reasoning included. */
  output_tokens: number;
  reasoning_tokens: number;
  /** Input tokens read from the provider's prompt cache. */
  cached_tokens: number;
  calls: number;
  /** USD of the calls with a known price. */
  estimated_cost: number;
  /** Calls whose model has no known price (local servers, unknown models): not in `estimated_cost`. */
  unpriced_calls: number;
}

/** `costs` in status.json: the run's token totals and estimated USD cost, in total and per agent. */
export interface RunCosts {
  total_input_tokens: number;
  total_output_tokens: number;
  total_reasoning_tokens: number;
  total_cached_tokens: number;
  total_calls: number;
  total_estimated_cost: number;
  unpriced_calls: number;
  /** Keyed by real agent id, in config order. */
  agents: Record<string, AgentCosts>;
  /** The question paraphrasing's calls (`orchestrator.dspy`), once it made any. */
  paraphrase?: AgentCosts;
}

/** The whole `status.json`. */
export interface RunStatusFile {
  meta: {
    /** ISO time of the latest change. */
    last_updated: string;
    /** The run id (`log_<timestamp>`). */
    session_id: string;
    /** Absolute path of the turn's log folder. */
    log_dir: string;
    question: string;
    /** ISO time the run started. */
    start_time: string;
    /** Seconds from start to the latest change. */
    elapsed_seconds: number;
  };
  coordination: {
    phase: CoordinationPhase;
    /** Heuristic: the winner while presenting, else the first agent still owing a vote (or an answer). */
    active_agent: string | null;
    /** `min(100, floor((agents with an answer + current votes) / (2 * agents) * 100))`; 100 when completed. */
    completion_percentage: number;
    is_final_presentation: boolean;
    /** 1-based orchestration attempt (submit/restart). */
    attempt: number;
    max_attempts: number;
  };
  /** Keyed by real agent id, in config order. */
  agents: Record<string, AgentStatusEntry>;
  results: {
    /** Current valid votes received, per real agent id. */
    votes: Record<string, number>;
    winner: string | null;
    /** First 200 characters of the final answer. */
    final_answer_preview: string | null;
  };
  costs: RunCosts;
  run: {
    status: 'running' | RunStatus;
    duration_seconds: number | null;
    /** Error message of a failed run. */
    error: string | null;
  };
}
