/** The runtime of every agent of a config: its model (built from its backend, or given), retried. */
import type { LanguageModelV3 } from '@ai-sdk/provider';
import { isAdapterType } from '../adapters/registry.js';
import type { MassGenConfig } from '../config/schema.js';
import { agentLabel } from '../coordination/labels.js';
import { ConfigError } from '../errors.js';
import { createModel } from '../providers/create-model.js';
import { defaultRetryPolicy, type RetryPolicy, withRetry } from '../providers/retry.js';
import type { RetryReport } from '../providers/retry-event.js';
import type { AgentAdapter } from '../types/agent-adapter.js';
import type { AgentRuntime } from '../types/agent-runtime.js';

/** Models given by the caller, by agent id: they replace what the agent's backend would build. */
export type ModelOverrides = Readonly<Record<string, LanguageModelV3>>;

/**
 * Wraps the model of each agent (built or given) before retries are added: a response cache or a
 * request limiter sees every attempt of every call.
 */
export type ModelWrapper = (
  model: LanguageModelV3,
  agent: { id: string; backendType: string; modelId: string },
) => LanguageModelV3;

/** Adapters given by the caller, by agent id: an external agent runs those agents' turns. */
export type AdapterOverrides = Readonly<Record<string, AgentAdapter>>;

/** Where adapter agents come from. */
export interface AdapterSources {
  /** Adapters by agent id (the library API). */
  given?: AdapterOverrides;
  /** The folder relative `module:` paths resolve against (the config file's folder). */
  baseDir?: string;
}

/** Throws a ConfigError naming the agent ids in `overrides` that the config does not have. */
export function checkOverrideIds(
  config: MassGenConfig,
  overrides: Readonly<Record<string, unknown>>,
  what: string,
) {
  const ids = new Set(config.agents.map((a) => a.id));
  const unknown = Object.keys(overrides).filter((id) => !ids.has(id));
  if (unknown.length > 0) {
    throw new ConfigError(
      `${what} for unknown agent${unknown.length === 1 ? '' : 's'} ${unknown.map((id) => `"${id}"`).join(', ')}: ` +
        `the config's agents are ${[...ids].map((id) => `"${id}"`).join(', ')}.`,
    );
  }
}

/**
 * Creates the model of every agent. Throws a ConfigError (e.g. MissingApiKeyError) before anything
 * runs. `reportRetry` hears of every retry of an agent's provider requests. An agent with a model in
 * `models` needs no key: its backend block only names it in displays and logs.
 */
export async function createRuntimes(
  config: MassGenConfig,
  env: NodeJS.ProcessEnv = process.env,
  retry: RetryPolicy = defaultRetryPolicy(env),
  reportRetry?: RetryReport,
  models: ModelOverrides = {},
  wrap: ModelWrapper = (model) => model,
  adapters: AdapterSources = {},
): Promise<AgentRuntime[]> {
  checkOverrideIds(config, models, 'models');
  checkOverrideIds(config, adapters.given ?? {}, 'adapters');
  return Promise.all(
    config.agents.map(async (agent, index): Promise<AgentRuntime> => {
      const onRetry = reportRetry && ((notice: Parameters<RetryReport>[1]) => reportRetry(agent.id, notice));
      const adapter = adapters.given?.[agent.id];
      // A team or nested chat is a chat whatever its members' backends are.
      const chat = agent.group_chat !== undefined || agent.nested_chat !== undefined;
      if (adapter || (isAdapterType(agent.backend.type) && !chat)) {
        const { createAdapterRuntime } = await import('../adapters/runtime.js');
        return createAdapterRuntime(agent, index, env, adapter, adapters.baseDir ?? process.cwd(), {
          retry,
          onRetry,
          wrap: (model) =>
            wrap(model, { id: agent.id, backendType: agent.backend.type, modelId: model.modelId }),
        });
      }
      const given = models[agent.id];
      if (given) {
        return {
          id: agent.id,
          label: agentLabel(index),
          index,
          backendType: agent.backend.type,
          modelId: given.modelId,
          model: withRetry(
            wrap(given, { id: agent.id, backendType: agent.backend.type, modelId: given.modelId }),
            retry,
            onRetry,
          ),
          settings: {},
          systemMessage: agent.system_message,
        };
      }
      if (agent.group_chat || agent.nested_chat) {
        // A team or nested-chat agent: its model is a composite over its members (src/patterns).
        const { createChatRuntime } = await import('../patterns/chat-runtime.js');
        return createChatRuntime(agent, index, env, retry, reportRetry);
      }
      const resolved = await createModel(agent.id, agent.backend, env);
      return {
        id: agent.id,
        label: agentLabel(index),
        index,
        backendType: resolved.type,
        modelId: resolved.modelId,
        model: withRetry(
          wrap(resolved.model, { id: agent.id, backendType: resolved.type, modelId: resolved.modelId }),
          retry,
          onRetry,
        ),
        settings: resolved.settings,
        systemMessage: agent.system_message,
      };
    }),
  );
}
