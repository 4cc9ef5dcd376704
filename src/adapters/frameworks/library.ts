/**
 * Framework agents through the library API: `runConfig(config, { adapters: { researcher:
 * frameworkAdapter('openai-agents', researcher) } })`. The framework's packages are imported as this
 * package resolves them (the same copy the caller's agent uses when both are installed once).
 */
import { ConfigError } from '../../errors.js';
import type { AgentAdapter } from '../../types/agent-adapter.js';
import { adapterFor, describeValue } from './adapter-for.js';
import {
  EXPECTED_EXPORT,
  FRAMEWORK_KINDS,
  FRAMEWORK_NAME,
  type FrameworkKind,
  isFrameworkKind,
} from './kinds.js';

export type { FrameworkKind } from './kinds.js';

/** Imports a package by a name only known at run time (never bundled). */
const importPackage = (specifier: string) => import(specifier) as Promise<Record<string, unknown>>;

/**
 * The adapter running `agent`, an agent of `framework`: an OpenAI Agents `Agent`, a LangGraph
 * `(tools) => graph` function, a Mastra `Agent` or an AI SDK `ToolLoopAgent`. Throws a ConfigError
 * when it is not one.
 */
export function frameworkAdapter(framework: FrameworkKind, agent: unknown): AgentAdapter {
  if (!isFrameworkKind(framework)) {
    throw new ConfigError(
      `frameworkAdapter: "${String(framework)}" is not a framework; use one of ${FRAMEWORK_KINDS.join(', ')}`,
    );
  }
  const adapter = adapterFor(framework, agent, importPackage);
  if (!adapter) {
    throw new ConfigError(
      `frameworkAdapter: the ${framework} agent is ${describeValue(agent)}, not an agent of ${FRAMEWORK_NAME[framework]}; pass ${EXPECTED_EXPORT[framework]}`,
    );
  }
  return adapter;
}
