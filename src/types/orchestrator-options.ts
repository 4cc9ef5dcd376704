/** What a coordination run is given: its agents, task, rules, limits and where its events go. */
import type { EventChannel } from '../events/channel.js';
import type { EventInput } from '../events/types.js';
import type { AgentRuntime } from './agent-runtime.js';
import type { BudgetGate } from './budget.js';
import type { CoordinationRules, PromptSettings } from './coordination.js';
import type { HistoryMessage } from './history.js';
import type { Paraphrase } from './paraphrase.js';
import type { WorkspaceHooks } from './workspace-hooks.js';

/** The options of one run of the orchestrator (and of every run mode built on the same options). */
export interface OrchestratorOptions {
  agents: AgentRuntime[];
  question: string;
  history?: HistoryMessage[];
  rules: CoordinationRules;
  prompt: PromptSettings;
  /** Skip coordination: the first agent answers directly. */
  skipCoordination?: boolean;
  /** Deadline of the whole run. */
  runTimeoutMs: number;
  /** Limit of one agent execution (and of the presentation). */
  agentTimeoutMs: number;
  /** First backoff delay before restarting a failed agent; doubles with each consecutive failure. */
  retryBaseMs: number;
  channel: EventChannel;
  /** Aborting it interrupts the run (Ctrl-C). */
  signal?: AbortSignal;
  /** Restarts the winner may ask for after presenting (`coordination.max_orchestration_restarts`). */
  maxRestarts?: number;
  /** Evaluated instead of the real presentation on the first attempt (a test hook, as in MassGen). */
  debugFinalAnswer?: string;
  logDir?: string;
  /** The session the run belongs to (status.json `meta.session_id`); default the run id. */
  sessionId?: string;
  /** Agent workspaces: snapshots on accepted answers, write context paths for the presenter. */
  workspaces?: WorkspaceHooks;
  /**
   * The run's budget: no execution starts unless it and the presentation fit; the presentation is
   * replaced by the winner's stored answer when it does not fit. The run then ends `budget`.
   */
  budget?: BudgetGate;
  /**
   * Writes variants of the question before coordination (`orchestrator.dspy`): they are dealt to
   * the agents round robin; the presenter and the post-evaluation read the question alone.
   */
  paraphrase?: Paraphrase;
  /** Starts the run's services (MCP servers) right after `run-start`; their events go to `emit`. */
  onStarted?: (emit: (event: EventInput) => void) => void;
}
