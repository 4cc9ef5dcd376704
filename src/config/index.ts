/**
 * The configuration layer: schema and types, loading, validation, formatting, `.env` loading and
 * default-config discovery.
 */
export { findDefaultConfig } from './discover.js';
export { loadEnvFiles } from './env.js';
export { examplesDir, findPackageRoot, listExamples, resolveExample } from './examples.js';
export { formatIssuesJson, formatIssuesText, type IssuesJson } from './format.js';
export { type LoadedConfig, type LoadOptions, loadConfigFile, resolveConfigPath } from './load.js';
export type {
  AgentConfig,
  BackendConfig,
  CoordinationConfig,
  MassGenConfig,
  MemoryConfig,
  OrchestratorConfig,
  TimeoutSettings,
  UiConfig,
} from './schema.js';
export { massGenConfigSchema } from './schema.js';
export { UNSUPPORTED_KEYS } from './unsupported.js';
export { type ValidationResult, validateConfigObject } from './validate.js';
