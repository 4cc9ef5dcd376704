/**
 * MassGen-TS as a library: load a MassGen config, run a question through its agents, and consume
 * the coordination events.
 *
 * ```ts
 * import { loadConfigFile, runConfig } from 'massgen';
 * const { config } = await loadConfigFile('@examples/three_agents');
 * const result = await runConfig(config, { question: 'What is 2+2?', onEvent: (e) => console.log(e.type) });
 * console.log(result.winner, result.finalAnswer);
 * ```
 */

export { AdapterError } from './adapters/errors.js';
export { type FrameworkKind, frameworkAdapter } from './adapters/frameworks/library.js';
export { ReplyBlockedError } from './agent/finish-reason.js';
export { loadEnvFiles } from './config/env.js';
export { loadConfigFile } from './config/load.js';
export type { AgentConfig, BackendConfig, MassGenConfig } from './config/schema.js';
export { validateConfigObject } from './config/validate.js';
export { runCoordination } from './coordination/orchestrator.js';
export { EVENT_SCHEMA_VERSION } from './coordination/run-scope.js';
export { type LoadedCrew, loadCrew } from './crew/load-crew.js';
export { type CrewOutcome, type CrewProgress, type CrewRunOptions, runCrew } from './crew/run-crew.js';
export type { CrewAgent, CrewSpec, CrewTask } from './crew/types.js';
export * from './errors.js';
export { type DatasetOptions, loadDataset } from './eval/dataset.js';
export { DatasetError } from './eval/errors.js';
export type { EvalTask } from './eval/task.js';
export {
  type AnswerBoard,
  answersSeenAt,
  currentAnswerLabels,
  EMPTY_ANSWER_BOARD,
  reduceAnswerBoard,
  voteOptionsAt,
} from './events/answer-board.js';
export { EventChannel } from './events/channel.js';
export { LogWriteError } from './events/recorder.js';
export { ReplayError } from './events/replay.js';
export type * from './events/types.js';
export type { AttachmentInput } from './media/config-attachments.js';
export { AttachmentError, PageRenderError } from './media/errors.js';
export type { AttachmentKind, AttachmentSource, VideoSampling } from './media/types.js';
export { MemoryError, MemoryStoreError } from './memory/errors.js';
export { OptimizerError } from './optimize/errors.js';
export { BACKEND_TYPES, type BackendType } from './providers/catalog.js';
export { createModel } from './providers/create-model.js';
export { type ConfigSource, defineConfig, type MassGenConfigInput } from './run/config-source.js';
export type { OutcomeTally, UsageTotals } from './run/outcome-tally.js';
export { runConfig } from './run/run-config.js';
export type { RunOptions, RunOutcome } from './run/run-options.js';
export { createRuntimes, type ModelWrapper } from './run/runtimes.js';
export { type RunStream, type StreamRunOptions, streamRun } from './run/stream-run.js';
export { AuditLedgerError, AuditWriteError } from './safety/audit/errors.js';
export { LockTimeoutError } from './sessions/file-lock.js';
export { SessionNotFoundError } from './sessions/store.js';
export {
  CircuitOpenError,
  CustomToolError,
  MissingEnvVarError,
  ToolError,
  ToolServerError,
  ToolTimeoutError,
} from './tools/errors.js';
export { McpAuthError } from './tools/mcp/auth-errors.js';
export type * from './types/agent-adapter.js';
export type { AgentRuntime } from './types/agent-runtime.js';
export type { HistoryMessage } from './types/history.js';
export type { OrchestratorOptions } from './types/orchestrator-options.js';
export type { RunResult } from './types/run-result.js';
export { PathPermissionError, WorkspaceConfigError, WorkspaceToolError } from './workspace/errors.js';
export { TreeTooLargeError } from './workspace/tree-copy.js';
