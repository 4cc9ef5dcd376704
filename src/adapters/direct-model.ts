/**
 * The model of an adapter agent for the features that call an agent's model directly (group-chat
 * turns and speaker selection, memory summaries and fact extraction, the post-evaluation), and the
 * provider and model its usage is priced as:
 *
 * | backend | direct calls go to | priced as |
 * |---|---|---|
 * | `claude_code` | Anthropic Messages with its `model`, key and base URL (`api_key`/`ANTHROPIC_API_KEY`, `base_url`/`ANTHROPIC_BASE_URL`) | `claude_code` (Anthropic) and `model` |
 * | `gemini_cli` | the Gemini API with its `model`, key and base URL (`api_key`/`GEMINI_API_KEY`/`GOOGLE_API_KEY`, `base_url`/`GOOGLE_GEMINI_BASE_URL`) | `gemini_cli` (Google) and `model` |
 * | `copilot` with a provider key | its BYOK provider: Chat Completions (Responses with `wire_api: responses`), Azure OpenAI or Anthropic Messages, with its `model`, key and base URL; with the GitHub Copilot service, a plain turn of the agent itself | `copilot` and `model` |
 * | `codex` | OpenAI Responses with its `model`, key and base URL (`api_key`/`OPENAI_API_KEY`, `base_url`/`OPENAI_BASE_URL`) | `codex` (OpenAI) and `model` |
 * | `type: adapter` with `provider:` | that provider backend with the block's `model`, `api_key`, `base_url` | `provider` and `model` |
 * | any other adapter | a plain turn of the external agent itself (see turn-model.ts) | what the adapter reports it runs on (`pricedAs`), if anything; an adapter given for a provider backend type is priced by that type and model |
 */
import type { LanguageModelV3 } from '@ai-sdk/provider';
import { PROVIDER_TYPES } from '../config/schema-backend-rules.js';
import { ConfigError } from '../errors.js';
import type { EventInput } from '../events/types.js';
import type { BackendType } from '../providers/catalog.js';
import { createModel, type ModelBackendConfig } from '../providers/create-model.js';
import type { AgentAdapter } from '../types/agent-adapter.js';
import type { AdapterGate, CallSettings } from '../types/agent-runtime.js';
import { claudeCodeSettings } from './claude-code/settings.js';
import { copilotSettings } from './copilot/settings.js';
import { geminiCliSettings } from './gemini-cli/settings.js';
import { isAdapterType } from './registry.js';
import { adapterTurnModel } from './turn-model.js';

/** What the model is built from. */
export interface DirectModelSetup {
  agentId: string;
  backend: Record<string, unknown> & { type: string; model: string };
  env: NodeJS.ProcessEnv;
  adapter: AgentAdapter;
  /** The agent's safety gate, read at each call of a plain turn. */
  gate: () => AdapterGate | undefined;
  /** Where the gate's events go, read at each call of a plain turn. */
  emit?: () => ((event: EventInput) => void) | undefined;
  /** Where a bad key is named (`agents[0].backend`). */
  at: string;
}

/** The agent's direct model. */
export interface DirectModel {
  model: LanguageModelV3;
  settings: CallSettings;
  /** A provider model (retried like a native agent's); false for the agent's own plain turns. */
  provider: boolean;
  /** The backend type and model its usage is priced as, when not the agent's own. */
  priceAs?: { backend: string; model: string };
}

const optionalString = (value: unknown): string | undefined =>
  typeof value === 'string' ? value : undefined;

/**
 * The provider backend an adapter backend's direct calls go to, with its key and base URL as the
 * external agent reads them; undefined for an adapter that has none (its agent itself answers).
 */
function providerBackend(
  agentId: string,
  backend: Record<string, unknown> & { type: string; model: string },
  env: NodeJS.ProcessEnv,
  at: string,
): ModelBackendConfig | undefined {
  const { model } = backend;
  const api_key = optionalString(backend.api_key);
  switch (backend.type) {
    case 'claude_code': {
      const url = claudeCodeSettings(agentId, backend, env).baseUrl ?? 'https://api.anthropic.com';
      return { type: 'claude', model, api_key, base_url: `${url}/v1` };
    }
    case 'gemini_cli': {
      const url =
        geminiCliSettings(agentId, backend, env).baseUrl ?? 'https://generativelanguage.googleapis.com';
      return { type: 'gemini', model, api_key, base_url: `${url}/v1beta` };
    }
    case 'copilot': {
      const { provider } = copilotSettings(agentId, backend, env);
      if (!provider) return undefined;
      const key = { model, api_key: provider.apiKey };
      if (provider.type === 'anthropic')
        return { type: 'claude', ...key, base_url: `${provider.baseUrl}/v1` };
      if (provider.type === 'azure') {
        const version = provider.azure ? { api_version: provider.azure.apiVersion } : {};
        return { type: 'azure_openai', ...key, azure_endpoint: provider.baseUrl, ...version };
      }
      const type = provider.wireApi === 'responses' ? 'openai' : 'chatcompletion';
      return { type, ...key, base_url: provider.baseUrl };
    }
    case 'codex': {
      const reasoning = backend.reasoning as ModelBackendConfig['reasoning'];
      return { type: 'openai', model, api_key, base_url: optionalString(backend.base_url), reasoning };
    }
  }
  const provider = optionalString(backend.provider);
  if (provider === undefined) return undefined;
  if (!(PROVIDER_TYPES as readonly string[]).includes(provider)) {
    throw new ConfigError(
      `${at}.provider: "${provider}" is not a provider backend; use one of ${PROVIDER_TYPES.join(', ')}`,
    );
  }
  return { type: provider as BackendType, model, api_key, base_url: optionalString(backend.base_url) };
}

/**
 * The provider model of an adapter backend (`claude_code`, `gemini_cli`, `copilot`, `codex`, `type: adapter`
 * with `provider:`); undefined for an adapter that has none. Throws MissingApiKeyError or a
 * ConfigError naming the key.
 */
export async function providerModelOf(
  agentId: string,
  backend: Record<string, unknown> & { type: string; model: string },
  env: NodeJS.ProcessEnv,
  at: string,
): Promise<Omit<DirectModel, 'provider'> | undefined> {
  const block = providerBackend(agentId, backend, env, at);
  if (!block) return undefined;
  const resolved = await createModel(agentId, block, env);
  // The built-in adapter types are priced by their own type (claude_code as Anthropic's).
  const priceAs = backend.type === 'adapter' ? { backend: block.type, model: backend.model } : undefined;
  return { model: resolved.model, settings: resolved.settings, ...(priceAs ? { priceAs } : {}) };
}

/** Builds the direct model. Throws MissingApiKeyError or a ConfigError naming the key. */
export async function createDirectModel(setup: DirectModelSetup): Promise<DirectModel> {
  const { agentId, backend, env } = setup;
  const provided = await providerModelOf(agentId, backend, env, setup.at);
  if (provided) return { ...provided, provider: true };
  const model = adapterTurnModel({
    agentId,
    modelId: backend.model,
    adapter: setup.adapter,
    gate: setup.gate,
    ...(setup.emit ? { emit: setup.emit } : {}),
  });
  // A provider backend type (an adapter given through the library API) prices the agent itself.
  const priceAs = isAdapterType(backend.type) ? setup.adapter.pricedAs?.() : undefined;
  return { model, settings: {}, provider: false, ...(priceAs ? { priceAs } : {}) };
}
