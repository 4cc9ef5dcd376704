/** The runtime of an agent whose turns an external agent runs (its adapter). */
import type { MassGenConfig } from '../config/schema.js';
import { agentLabel } from '../coordination/labels.js';
import type { AgentAdapter } from '../types/agent-adapter.js';
import type { AgentRuntime } from '../types/agent-runtime.js';
import { createAdapter } from './registry.js';
import { standInModel } from './stand-in-model.js';

type AgentConfig = MassGenConfig['agents'][number];

/** Builds the adapter (unless `given`) and the runtime around it. Throws a ConfigError for a bad backend. */
export async function createAdapterRuntime(
  agent: AgentConfig,
  index: number,
  env: NodeJS.ProcessEnv,
  given: AgentAdapter | undefined,
  baseDir: string,
): Promise<AgentRuntime> {
  const backend = agent.backend as AgentConfig['backend'] & Record<string, unknown>;
  const adapter =
    given ?? (await createAdapter({ agentId: agent.id, backend, env, baseDir }, `agents[${index}].backend`));
  return {
    id: agent.id,
    label: agentLabel(index),
    index,
    backendType: backend.type,
    modelId: backend.model,
    model: standInModel(agent.id, adapter.type, backend.model),
    settings: {},
    systemMessage: agent.system_message,
    adapter,
  };
}
