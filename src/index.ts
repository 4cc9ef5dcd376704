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
export { loadEnvFiles } from './config/env.js';
export { loadConfigFile } from './config/load.js';
export type { AgentConfig, BackendConfig, MassGenConfig } from './config/schema.js';
export { validateConfigObject } from './config/validate.js';
export { runCoordination } from './coordination/orchestrator.js';
export * from './errors.js';
export { EventChannel } from './events/channel.js';
export type * from './events/types.js';
export { BACKEND_TYPES, type BackendType } from './providers/catalog.js';
export { createModel } from './providers/create-model.js';
export { createRuntimes, type RunOptions, type RunOutcome, runConfig } from './run.js';
export type { AgentRuntime } from './types/agent-runtime.js';
export type { HistoryMessage } from './types/history.js';
export type { OrchestratorOptions } from './types/orchestrator-options.js';
export type { RunResult } from './types/run-result.js';
