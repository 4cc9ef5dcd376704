/**
 * Backend config → AI SDK language model. Provider packages are imported on first use so that a run
 * only loads the providers it needs.
 */
import type { JSONObject, LanguageModelV3 } from '@ai-sdk/provider';
import { MassGenError } from '../errors.js';
import type { CallSettings } from '../types/agent-runtime.js';
import { resolveApiKey } from './api-key.js';
import { resolveBaseUrl } from './base-url.js';
import { type BackendType, backendInfo } from './catalog.js';
import {
  fetchWithExtraBody,
  isOpenAIHost,
  isOpenAIReasoningModel,
  withMaxCompletionTokens,
} from './openai-models.js';

/** The backend keys the model factory reads (a subset of the config's backend block). */
export interface ModelBackendConfig {
  type: BackendType;
  model?: string;
  api_key?: string;
  base_url?: string;
  temperature?: number;
  max_tokens?: number;
  top_p?: number;
  top_k?: number;
  text?: { verbosity?: string };
  reasoning?: { effort?: string; summary?: string };
  extra_body?: Record<string, unknown>;
  chat_template_kwargs?: Record<string, unknown>;
  api_version?: string;
  azure_endpoint?: string;
  /** Anthropic beta features, sent as the `anthropic-beta` header. */
  betas?: string[];
}

export interface ResolvedModel {
  model: LanguageModelV3;
  settings: CallSettings;
  /** Backend type and model name, for display. */
  type: BackendType;
  modelId: string;
}

const CLAUDE_DEFAULT_MAX_TOKENS = 4096;
/** The Azure OpenAI `api-version` used when the backend sets none. */
export const AZURE_DEFAULT_API_VERSION = '2024-12-01-preview';

function stripUndefined<T extends Record<string, unknown>>(obj: T): T {
  return Object.fromEntries(Object.entries(obj).filter(([, v]) => v !== undefined)) as T;
}

/** Creates the model for one agent's backend. Throws MissingApiKeyError when no key is found. */
export async function createModel(
  agentId: string,
  backend: ModelBackendConfig,
  env: NodeJS.ProcessEnv = process.env,
): Promise<ResolvedModel> {
  const info = backendInfo(backend.type);
  if (info.unsupported) throw new MassGenError(`Agent "${agentId}": not supported: ${info.unsupported}.`);
  const modelId = backend.model ?? info.defaultModel;
  if (!modelId)
    throw new MassGenError(`Agent "${agentId}": backend.model is required for type ${backend.type}.`);
  const apiKey = resolveApiKey(agentId, backend, env);
  const baseURL = resolveBaseUrl(backend, env).url;
  const settings: CallSettings = stripUndefined({
    temperature: backend.temperature,
    maxOutputTokens: backend.max_tokens,
    topP: backend.top_p,
    topK: backend.top_k,
  });
  const model = await buildModel(backend, modelId, apiKey, baseURL, settings, env);
  return { model, settings, type: backend.type, modelId };
}

async function buildModel(
  backend: ModelBackendConfig,
  modelId: string,
  apiKey: string,
  baseURL: string | undefined,
  settings: CallSettings,
  env: NodeJS.ProcessEnv,
): Promise<LanguageModelV3> {
  const api = backendInfo(backend.type).api;
  switch (api) {
    case 'responses': {
      const { createOpenAI } = await import('@ai-sdk/openai');
      settings.providerOptions = {
        openai: stripUndefined({
          reasoningEffort: backend.reasoning?.effort,
          reasoningSummary: backend.reasoning?.summary,
          textVerbosity: backend.text?.verbosity,
        }),
      };
      settings.strictTools = true;
      return createOpenAI({ apiKey, baseURL }).responses(modelId);
    }
    case 'anthropic': {
      const { createAnthropic } = await import('@ai-sdk/anthropic');
      settings.maxOutputTokens ??= CLAUDE_DEFAULT_MAX_TOKENS;
      const headers = backend.betas?.length ? { 'anthropic-beta': backend.betas.join(',') } : undefined;
      return createAnthropic({ apiKey, baseURL, headers }).messages(modelId);
    }
    case 'gemini': {
      const { createGoogleGenerativeAI } = await import('@ai-sdk/google');
      settings.providerOptions = { google: { thinkingConfig: { includeThoughts: true } } };
      return createGoogleGenerativeAI({ apiKey, baseURL }).languageModel(modelId);
    }
    case 'xai': {
      const { createXai } = await import('@ai-sdk/xai');
      return createXai({ apiKey, baseURL }).chat(modelId);
    }
    case 'azure': {
      const endpoint = (backend.azure_endpoint ?? backend.base_url ?? env.AZURE_OPENAI_ENDPOINT)?.replace(
        /\/+$/,
        '',
      );
      if (!endpoint) {
        throw new MassGenError(
          'Azure OpenAI needs an endpoint: set backend.base_url (or azure_endpoint) or AZURE_OPENAI_ENDPOINT.',
        );
      }
      return chatModel(backend, modelId, apiKey, `${endpoint}/openai/deployments/${modelId}`, settings, {
        headers: { 'api-key': apiKey },
        queryParams: { 'api-version': backend.api_version ?? AZURE_DEFAULT_API_VERSION },
      });
    }
    case 'chat':
      if (isOpenAIHost(baseURL)) return openAIChatModel(backend, modelId, apiKey, baseURL, settings);
      return chatModel(backend, modelId, apiKey, baseURL, settings);
  }
}

/**
 * Chat Completions on OpenAI itself, through OpenAI's own client: it knows the reasoning models
 * (developer messages, no sampling settings). The output limit goes as `max_completion_tokens`,
 * the only one OpenAI's reasoning models take.
 */
async function openAIChatModel(
  backend: ModelBackendConfig,
  modelId: string,
  apiKey: string,
  baseURL: string | undefined,
  settings: CallSettings,
): Promise<LanguageModelV3> {
  const { createOpenAI } = await import('@ai-sdk/openai');
  const maxCompletionTokens = settings.maxOutputTokens;
  delete settings.maxOutputTokens;
  settings.providerOptions = {
    openai: stripUndefined({
      maxCompletionTokens,
      reasoningEffort: backend.reasoning?.effort,
      textVerbosity: backend.text?.verbosity,
    }),
  };
  settings.strictTools = true;
  const extra = { ...(backend.extra_body ?? {}) };
  if (backend.chat_template_kwargs) extra.chat_template_kwargs = backend.chat_template_kwargs;
  const fetch = Object.keys(extra).length > 0 ? fetchWithExtraBody(extra) : undefined;
  return createOpenAI({ apiKey, baseURL, fetch }).chat(modelId);
}

async function chatModel(
  backend: ModelBackendConfig,
  modelId: string,
  apiKey: string,
  baseURL: string | undefined,
  settings: CallSettings,
  extra: { headers?: Record<string, string>; queryParams?: Record<string, string> } = {},
): Promise<LanguageModelV3> {
  const { createOpenAICompatible } = await import('@ai-sdk/openai-compatible');
  const name = 'massgen';
  const body: Record<string, unknown> = { ...(backend.extra_body ?? {}) };
  if (backend.chat_template_kwargs) body.chat_template_kwargs = backend.chat_template_kwargs;
  if (backend.reasoning?.effort) body.reasoningEffort = backend.reasoning.effort;
  if (Object.keys(body).length > 0) settings.providerOptions = { [name]: body as JSONObject };
  // An OpenAI reasoning model behind another URL (a proxy, an Azure deployment) refuses max_tokens too.
  const transformRequestBody = isOpenAIReasoningModel(modelId) ? withMaxCompletionTokens : undefined;
  const provider = createOpenAICompatible({
    name,
    apiKey,
    baseURL: baseURL ?? 'http://localhost:8000/v1',
    includeUsage: true,
    transformRequestBody,
    ...extra,
  });
  return provider.chatModel(modelId);
}
