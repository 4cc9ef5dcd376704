/**
 * The Ax AI service an optimiser drives for one agent: the agent's own backend (its base URL, key
 * and model) over Chat Completions, through Ax's OpenAI-compatible provider. Every call is metered
 * (tokens from the reply's usage, USD from the price table) and none starts once the budget is spent.
 */
import type { AgentConfig } from '../config/schema.js';
import { ConfigError } from '../errors.js';
import { usageCost } from '../events/usage-cost.js';
import { resolveApiKey } from '../providers/api-key.js';
import { resolveBaseUrl } from '../providers/base-url.js';
import { backendInfo } from '../providers/catalog.js';
import type { SpendMeter } from './spend.js';

/** Wire APIs whose servers also answer Chat Completions at the same base URL. */
const CHAT_SPEAKING = new Set(['chat', 'responses', 'xai']);

/**
 * The endpoint, key and model Ax uses for `agent` (`at`: where the agent is, for the error). Throws
 * ConfigError for backends it cannot drive.
 */
export function agentEndpoint(
  agent: AgentConfig,
  env: NodeJS.ProcessEnv,
  at: { file: string; index: number } = { file: 'config', index: 0 },
): { apiURL: string; apiKey: string; model: string } {
  const backend = agent.backend;
  const info = backendInfo(backend.type);
  const { url } = resolveBaseUrl(backend, env);
  const model = backend.model ?? info.defaultModel;
  if (!CHAT_SPEAKING.has(info.api) || info.adapter || url === undefined || model === undefined)
    throw new ConfigError(
      `agent "${agent.id}": massgen optimize drives an agent over Chat Completions, which its backend "${backend.type}" does not speak`,
      [
        {
          file: at.file,
          path: `agents[${at.index}].backend.type`,
          message: `backend "${backend.type}" is not Chat Completions-compatible`,
          suggestion:
            'optimise with an OpenAI, Grok or Chat Completions (`chatcompletion`, vLLM, OpenRouter, …) backend with a model set, then copy the system message',
        },
      ],
    );
  return { apiURL: url.replace(/\/+$/, ''), apiKey: resolveApiKey(agent.id!, backend, env), model };
}

/** The usage of a Chat Completions reply body. */
function replyUsage(body: unknown): { input: number; output: number; cached: number } | undefined {
  const usage = (body as { usage?: Record<string, unknown> } | null)?.usage;
  if (!usage || typeof usage.prompt_tokens !== 'number') return undefined;
  const details = usage.prompt_tokens_details as { cached_tokens?: number } | undefined;
  return {
    input: usage.prompt_tokens,
    output: typeof usage.completion_tokens === 'number' ? usage.completion_tokens : 0,
    cached: details?.cached_tokens ?? 0,
  };
}

/** A 400 reply (a client error, which Ax does not retry) saying why no request was made. */
const refusal = (message: string, type: string) =>
  new Response(JSON.stringify({ error: { message, type } }), {
    status: 400,
    headers: { 'content-type': 'application/json' },
  });

/**
 * A fetch that counts each reply's usage under `phase` and, once `meter` is exhausted or `signal`
 * aborted (Ctrl-C), makes no request: it answers with a {@link refusal}.
 */
export function meteredFetch(
  meter: SpendMeter,
  phase: string,
  backendType: string,
  model: string,
  signal?: AbortSignal,
): typeof fetch {
  return async (input, init) => {
    if (signal?.aborted) return refusal('interrupted', 'interrupted');
    if (meter.exhausted) {
      return refusal(
        `the budget of $${meter.budgetUsd} is spent; no further optimiser calls`,
        'budget_reached',
      );
    }
    const response = await fetch(input, init);
    try {
      const usage = replyUsage(await response.clone().json());
      if (usage) {
        const tokens = {
          inputTokens: usage.input,
          outputTokens: usage.output,
          cachedInputTokens: usage.cached,
        };
        meter.add(phase, usage.input + usage.output, usageCost(backendType, model, tokens) ?? 0);
      }
    } catch {
      // Not a JSON reply (an error page): nothing to count; Ax reports the failure itself.
    }
    return response;
  };
}

/** The Ax AI service of `agent`, metered under `phase`, making no call once `signal` aborts. Imports Ax. */
export async function agentAxService(
  agent: AgentConfig,
  env: NodeJS.ProcessEnv,
  meter: SpendMeter,
  phase: string,
  signal?: AbortSignal,
): Promise<import('@ax-llm/ax').AxAIService> {
  const { apiURL, apiKey, model } = agentEndpoint(agent, env);
  const { ai } = await import('@ax-llm/ax');
  const args = {
    name: 'openai-compatible',
    apiKey,
    apiURL,
    config: { model, stream: false },
    options: { fetch: meteredFetch(meter, phase, agent.backend.type, model, signal) },
  };
  return ai(args as unknown as Parameters<typeof ai>[0]) as unknown as import('@ax-llm/ax').AxAIService;
}
