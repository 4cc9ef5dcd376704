/** The runtime of an agent whose turns an external agent runs (its adapter). */
import type { MassGenConfig } from '../config/schema.js';
import { agentLabel } from '../coordination/labels.js';
import { type RetryNotice, type RetryPolicy, withRetry } from '../providers/retry.js';
import type { AgentAdapter } from '../types/agent-adapter.js';
import type { AgentRuntime } from '../types/agent-runtime.js';
import { createDirectModel } from './direct-model.js';
import { createAdapter } from './registry.js';

type AgentConfig = MassGenConfig['agents'][number];

/** How the agent's direct model (src/adapters/direct-model.ts) is retried and wrapped. */
export interface DirectModelOptions {
  retry: RetryPolicy;
  onRetry?: (notice: RetryNotice) => void;
  /** A response cache or request limiter around a provider model, as for native agents. */
  wrap?: (model: AgentRuntime['model']) => AgentRuntime['model'];
}

/** Builds the adapter (unless `given`) and the runtime around it. Throws a ConfigError for a bad backend. */
export async function createAdapterRuntime(
  agent: AgentConfig,
  index: number,
  env: NodeJS.ProcessEnv,
  given: AgentAdapter | undefined,
  baseDir: string,
  options: DirectModelOptions,
): Promise<AgentRuntime> {
  const backend = agent.backend as AgentConfig['backend'] & Record<string, unknown>;
  const at = `agents[${index}].backend`;
  const adapter = given ?? (await createAdapter({ agentId: agent.id, backend, env, baseDir }, at));
  // The gate is set per run, after the runtime is made: a plain turn reads it at each call.
  let runtime: AgentRuntime | undefined;
  const direct = await createDirectModel({
    agentId: agent.id,
    backend,
    env,
    adapter,
    gate: () => runtime?.adapterGate,
    emit: () => runtime?.adapterEmit,
    at,
  });
  const wrap = options.wrap ?? ((model) => model);
  runtime = {
    id: agent.id,
    label: agentLabel(index),
    index,
    backendType: backend.type,
    modelId: backend.model,
    model: direct.provider ? withRetry(wrap(direct.model), options.retry, options.onRetry) : direct.model,
    settings: direct.settings,
    systemMessage: agent.system_message,
    adapter,
    ...(direct.priceAs ? { priceAs: direct.priceAs } : {}),
  };
  return runtime;
}
