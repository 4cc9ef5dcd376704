/**
 * The model of an adapter agent for the features that call an agent's model directly (group-chat
 * turns and speaker selection, memory summaries and fact extraction, the post-evaluation), and the
 * provider and model its usage is priced as:
 *
 * | backend | direct calls go to | priced as |
 * |---|---|---|
 * | `claude_code` | Anthropic Messages with its `model`, key and base URL (`api_key`/`ANTHROPIC_API_KEY`, `base_url`/`ANTHROPIC_BASE_URL`) | `claude_code` (Anthropic) and `model` |
 * | `gemini_cli` | the Gemini API with its `model`, key and base URL (`api_key`/`GEMINI_API_KEY`/`GOOGLE_API_KEY`, `base_url`/`GOOGLE_GEMINI_BASE_URL`) | `gemini_cli` (Google) and `model` |
 * | `codex` | OpenAI Responses with its `model`, key and base URL (`api_key`/`OPENAI_API_KEY`, `base_url`/`OPENAI_BASE_URL`) | `codex` (OpenAI) and `model` |
 * | `type: adapter` with `provider:` | that provider backend with the block's `model`, `api_key`, `base_url` | `provider` and `model` |
 * | any other adapter | a plain turn of the external agent itself (see turn-model.ts) | what the adapter reports it runs on (`pricedAs`), if anything; an adapter given for a provider backend type is priced by that type and model |
 */
import type { LanguageModelV3 } from '@ai-sdk/provider';
import { PROVIDER_TYPES } from '../config/schema-backend-rules.js';
import { ConfigError } from '../errors.js';
import type { BackendType } from '../providers/catalog.js';
import { createModel, type ModelBackendConfig } from '../providers/create-model.js';
import type { AgentAdapter } from '../types/agent-adapter.js';
import type { AdapterGate, CallSettings } from '../types/agent-runtime.js';
import { claudeCodeSettings } from './claude-code/settings.js';
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
 * The provider model of an adapter backend (`claude_code`, `gemini_cli`, `codex`, `type: adapter`
 * with `provider:`);
 * undefined for an adapter that has none (its agent itself answers). Throws MissingApiKeyError or a
 * ConfigError naming the key.
 */
export async function providerModelOf(
  agentId: string,
  backend: Record<string, unknown> & { type: string; model: string },
  env: NodeJS.ProcessEnv,
  at: string,
): Promise<Omit<DirectModel, 'provider'> | undefined> {
  if (backend.type === 'claude_code') {
    const settings = claudeCodeSettings(agentId, backend, env);
    const resolved = await createModel(
      agentId,
      {
        type: 'claude',
        model: backend.model,
        api_key: optionalString(backend.api_key),
        base_url: `${settings.baseUrl ?? 'https://api.anthropic.com'}/v1`,
      },
      env,
    );
    return { model: resolved.model, settings: resolved.settings };
  }
  if (backend.type === 'gemini_cli') {
    const settings = geminiCliSettings(agentId, backend, env);
    const resolved = await createModel(
      agentId,
      {
        type: 'gemini',
        model: backend.model,
        api_key: optionalString(backend.api_key),
        base_url: `${settings.baseUrl ?? 'https://generativelanguage.googleapis.com'}/v1beta`,
      },
      env,
    );
    return { model: resolved.model, settings: resolved.settings };
  }
  if (backend.type === 'codex') {
    const reasoning = backend.reasoning as ModelBackendConfig['reasoning'];
    const resolved = await createModel(
      agentId,
      {
        type: 'openai',
        model: backend.model,
        api_key: optionalString(backend.api_key),
        base_url: optionalString(backend.base_url),
        ...(reasoning ? { reasoning } : {}),
      },
      env,
    );
    return { model: resolved.model, settings: resolved.settings };
  }
  const provider = optionalString(backend.provider);
  if (provider === undefined) return undefined;
  if (!(PROVIDER_TYPES as readonly string[]).includes(provider)) {
    throw new ConfigError(
      `${at}.provider: "${provider}" is not a provider backend; use one of ${PROVIDER_TYPES.join(', ')}`,
    );
  }
  const resolved = await createModel(
    agentId,
    {
      type: provider as BackendType,
      model: backend.model,
      api_key: optionalString(backend.api_key),
      base_url: optionalString(backend.base_url),
    },
    env,
  );
  return {
    model: resolved.model,
    settings: resolved.settings,
    priceAs: { backend: provider, model: backend.model },
  };
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
  });
  // A provider backend type (an adapter given through the library API) prices the agent itself.
  const priceAs = isAdapterType(backend.type) ? setup.adapter.pricedAs?.() : undefined;
  return { model, settings: {}, provider: false, ...(priceAs ? { priceAs } : {}) };
}
