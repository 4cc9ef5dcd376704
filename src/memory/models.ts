/**
 * The models long-term memory uses: the embedding model (`persistent_memory.embedding`, through the
 * AI SDK's embedding API) and the facts/decisions model (`persistent_memory.llm`, through the same
 * factory as agents). `provider` takes MassGen's (mem0's) names as well as backend types.
 */
import type { EmbeddingModelV3, LanguageModelV3 } from '@ai-sdk/provider';
import { embedMany } from 'ai';
import { ConfigError, MissingApiKeyError } from '../errors.js';
import { resolveApiKey } from '../providers/api-key.js';
import { BACKEND_TYPES, type BackendType, backendInfo } from '../providers/catalog.js';
import { createModel } from '../providers/create-model.js';
import type { CallSettings } from '../types/agent-runtime.js';
import type { MemoryModelConfig } from './settings.js';

/** mem0 provider names that differ from backend types. */
const PROVIDER_ALIASES: Record<string, { type: BackendType; baseUrl?: string }> = {
  anthropic: { type: 'claude' },
  google: { type: 'gemini' },
  xai: { type: 'grok' },
  openai_compatible: { type: 'chatcompletion' },
  ollama: { type: 'chatcompletion', baseUrl: 'http://localhost:11434/v1' },
  lmstudio: { type: 'lmstudio' },
};

/** The backend type (and default base URL) a memory `provider` names. Throws ConfigError for unknown ones. */
export function memoryBackend(provider: string, keyPath: string): { type: BackendType; baseUrl?: string } {
  const alias = PROVIDER_ALIASES[provider];
  if (alias) return alias;
  if ((BACKEND_TYPES as string[]).includes(provider) && !backendInfo(provider as BackendType).unsupported)
    return { type: provider as BackendType };
  const message = `${keyPath}.provider: unknown provider "${provider}"`;
  throw new ConfigError(message, [
    {
      file: 'config',
      path: `${keyPath}.provider`,
      message,
      suggestion: `use a backend type (openai, claude, gemini, grok, groq, together, chatcompletion, …) or anthropic/google/ollama; any OpenAI-compatible server works with provider: chatcompletion and base_url`,
    },
  ]);
}

function keyFor(keyPath: string, type: BackendType, config: MemoryModelConfig, env: NodeJS.ProcessEnv) {
  try {
    return resolveApiKey(keyPath, { type, api_key: config.api_key, base_url: config.base_url }, env);
  } catch (error) {
    if (!MissingApiKeyError.isInstance(error)) throw error;
    const message = `${keyPath} (provider ${config.provider}) needs an API key: set ${error.variable}, or give ${keyPath}.api_key`;
    throw new ConfigError(message, [{ file: 'config', path: keyPath, message }]);
  }
}

/** Turns texts into vectors. */
export interface Embedder {
  /** `provider/model`, stored with the vectors. */
  readonly name: string;
  embed(texts: readonly string[], signal?: AbortSignal): Promise<number[][]>;
}

/** Builds the embedder of `persistent_memory.embedding`. Throws ConfigError (unknown provider, missing key). */
export async function createEmbedder(
  config: MemoryModelConfig & { provider: string; model: string },
  env: NodeJS.ProcessEnv = process.env,
): Promise<Embedder> {
  const keyPath = 'memory.persistent_memory.embedding';
  const { type, baseUrl } = memoryBackend(config.provider, keyPath);
  const apiKey = keyFor(keyPath, type, config, env);
  const baseURL = config.base_url ?? baseUrl ?? backendInfo(type).defaultBaseUrl;
  let model: EmbeddingModelV3;
  if (type === 'openai') {
    const { createOpenAI } = await import('@ai-sdk/openai');
    model = createOpenAI({ apiKey, baseURL }).embeddingModel(config.model);
  } else if (type === 'gemini') {
    const { createGoogleGenerativeAI } = await import('@ai-sdk/google');
    model = createGoogleGenerativeAI({ apiKey, baseURL }).embeddingModel(config.model);
  } else {
    const { createOpenAICompatible } = await import('@ai-sdk/openai-compatible');
    model = createOpenAICompatible({ name: 'massgen', apiKey, baseURL: baseURL ?? '' }).embeddingModel(
      config.model,
    );
  }
  const dims = config.dimensions;
  const providerOptions =
    dims === undefined
      ? undefined
      : {
          openai: { dimensions: dims },
          massgen: { dimensions: dims },
          google: { outputDimensionality: dims },
        };
  return {
    name: `${config.provider}/${config.model}`,
    async embed(texts, signal) {
      if (texts.length === 0) return [];
      const result = await embedMany({
        model,
        values: [...texts],
        abortSignal: signal,
        maxRetries: 2,
        providerOptions,
      });
      return result.embeddings;
    },
  };
}

/** Builds the model of `persistent_memory.llm`. Throws ConfigError (unknown provider, missing key). */
export async function createMemoryLlm(
  config: MemoryModelConfig,
  env: NodeJS.ProcessEnv = process.env,
): Promise<{ model: LanguageModelV3; settings: CallSettings }> {
  const keyPath = 'memory.persistent_memory.llm';
  const { type, baseUrl } = memoryBackend(config.provider ?? 'openai', keyPath);
  keyFor(keyPath, type, config, env);
  const resolved = await createModel(
    keyPath,
    { type, model: config.model, api_key: config.api_key, base_url: config.base_url ?? baseUrl },
    env,
  );
  return { model: resolved.model, settings: resolved.settings };
}
