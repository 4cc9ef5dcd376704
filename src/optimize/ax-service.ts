/**
 * The Ax AI service an optimiser drives for one agent: the agent's own backend (its base URL, key
 * and model) over its own wire API — Chat Completions (OpenAI, Grok and every OpenAI-compatible
 * server), Anthropic Messages, Gemini generateContent or Azure OpenAI — through Ax's provider for
 * it. Ax's Anthropic, Gemini and Azure providers take no base URL, so their requests are rerouted to
 * the backend's. Every call is metered (tokens from the reply's usage, USD from the price table) and
 * none starts once the budget is spent or the optimisation is interrupted.
 */
import type { AgentConfig } from '../config/schema.js';
import { ConfigError } from '../errors.js';
import { usageCost } from '../events/usage-cost.js';
import { resolveApiKey } from '../providers/api-key.js';
import { resolveBaseUrl } from '../providers/base-url.js';
import { backendInfo } from '../providers/catalog.js';
import { AZURE_DEFAULT_API_VERSION } from '../providers/create-model.js';
import { type AxWireApi, replyUsage } from './reply-usage.js';
import type { SpendMeter } from './spend.js';

/** Where and how Ax reaches an agent's backend. */
export interface AxEndpoint {
  api: AxWireApi;
  /** The base URL requests go to (Azure: the resource endpoint), without a trailing slash. */
  apiURL: string;
  apiKey: string;
  model: string;
  /** Azure: the `api-version` query parameter. */
  apiVersion?: string;
}

/** The catalog's wire APIs → the one Ax speaks to them. Grok and Responses servers also answer Chat Completions. */
const AX_WIRE: Partial<Record<string, AxWireApi>> = {
  chat: 'chat',
  responses: 'chat',
  xai: 'chat',
  anthropic: 'anthropic',
  gemini: 'gemini',
  azure: 'azure',
};

/** The Azure resource name Ax is given; its URLs are then rerouted to the backend's endpoint. */
const AZURE_RESOURCE = 'massgen';

/** The fixed base URL of each Ax provider that takes none (the part the backend's URL replaces). */
const AX_FIXED_BASE: Partial<Record<AxWireApi, string>> = {
  anthropic: 'https://api.anthropic.com/v1',
  gemini: 'https://generativelanguage.googleapis.com/v1beta',
  azure: `https://${AZURE_RESOURCE}.openai.azure.com`,
};

const unsupported = (agent: AgentConfig, at: { file: string; index: number }, why: string) =>
  new ConfigError(
    `agent "${agent.id}": massgen optimize cannot drive its backend "${agent.backend.type}": ${why}`,
    [
      {
        file: at.file,
        path: `agents[${at.index}].backend.type`,
        message: why,
        suggestion:
          'optimise with a provider backend (openai, claude, gemini, azure_openai, grok or a Chat Completions server) with a model set, then copy the system message',
      },
    ],
  );

/**
 * The endpoint, key and model Ax uses for `agent` (`at`: where the agent is, for the error). Throws
 * ConfigError for backends it cannot drive (an external agent such as Claude Code, no URL or model).
 */
export function agentEndpoint(
  agent: AgentConfig,
  env: NodeJS.ProcessEnv,
  at: { file: string; index: number } = { file: 'config', index: 0 },
): AxEndpoint {
  const backend = agent.backend;
  const info = backendInfo(backend.type);
  const api = AX_WIRE[info.api];
  if (info.adapter || api === undefined)
    throw unsupported(agent, at, 'it is an external agent, not a provider API');
  const model = backend.model ?? info.defaultModel;
  if (model === undefined) throw unsupported(agent, at, 'it has no model set');
  const url =
    api === 'azure'
      ? (backend.azure_endpoint ?? backend.base_url ?? env.AZURE_OPENAI_ENDPOINT)
      : resolveBaseUrl(backend, env).url;
  if (url === undefined)
    throw unsupported(
      agent,
      at,
      api === 'azure'
        ? 'it has no endpoint (set backend.base_url, azure_endpoint or AZURE_OPENAI_ENDPOINT)'
        : 'it has no base URL',
    );
  return {
    api,
    apiURL: url.replace(/\/+$/, ''),
    apiKey: resolveApiKey(agent.id!, backend, env),
    model,
    ...(api === 'azure' ? { apiVersion: backend.api_version ?? AZURE_DEFAULT_API_VERSION } : {}),
  };
}

/** A 400 reply (a client error, which Ax does not retry) saying why no request was made. */
const refusal = (message: string, type: string) =>
  new Response(JSON.stringify({ error: { message, type } }), {
    status: 400,
    headers: { 'content-type': 'application/json' },
  });

const urlOf = (input: Parameters<typeof fetch>[0]) =>
  typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;

/**
 * A fetch that sends every request for `from…` to `to…` instead (the rest of the URL, query
 * included, kept). A request for any other URL is refused, never sent.
 */
export function reroutedFetch(send: typeof fetch, from: string, to: string): typeof fetch {
  return (input, init) => {
    const url = urlOf(input);
    if (!url.startsWith(from) || !/^($|[/?])/.test(url.slice(from.length)))
      return Promise.resolve(
        refusal(`not sent: ${new URL(url).origin} is not the backend's URL`, 'not_routed'),
      );
    const target = `${to}${url.slice(from.length)}`;
    return typeof input === 'string' || input instanceof URL
      ? send(target, init)
      : send(new Request(target, input), init);
  };
}

/** What {@link meteredFetch} counts and against what. */
export interface MeterOptions {
  meter: SpendMeter;
  /** The phase the calls are counted under (`optimize:<agent>`). */
  phase: string;
  /** Backend type and model, for the price. */
  backendType: string;
  model: string;
  /** How reply bodies report usage; default Chat Completions. */
  api?: AxWireApi;
  /** Ctrl-C: no request starts after it, and the one in flight is cancelled. */
  signal?: AbortSignal;
}

/**
 * A fetch that counts each reply's usage under `phase` and, once the meter is exhausted or the
 * signal aborted, makes no request: it answers with a {@link refusal}.
 */
export function meteredFetch(options: MeterOptions): typeof fetch {
  const { meter, phase, backendType, model, signal } = options;
  return async (input, init) => {
    if (signal?.aborted) return refusal('interrupted', 'interrupted');
    if (meter.exhausted) {
      return refusal(
        `the budget of $${meter.budgetUsd} is spent; no further optimiser calls`,
        'budget_reached',
      );
    }
    const signals = [init?.signal, signal].filter((s): s is AbortSignal => s != null);
    const response = await fetch(input, {
      ...init,
      ...(signals.length > 0 ? { signal: AbortSignal.any(signals) } : {}),
    });
    try {
      const usage = replyUsage(options.api ?? 'chat', await response.clone().json());
      if (usage) {
        const cost = usageCost(backendType, model, usage) ?? 0;
        meter.add(phase, usage.inputTokens + usage.outputTokens, cost);
      }
    } catch {
      // Not a JSON reply (an error page): nothing to count; Ax reports the failure itself.
    }
    return response;
  };
}

/** The arguments of Ax's `ai()` for `endpoint`, sending through `send`. */
export function axServiceArgs(endpoint: AxEndpoint, send: typeof fetch): Record<string, unknown> {
  const { api, apiKey, model, apiURL } = endpoint;
  const config = { model, stream: false };
  const fixed = AX_FIXED_BASE[api];
  const options = { fetch: fixed === undefined ? send : reroutedFetch(send, fixed, apiURL) };
  switch (api) {
    case 'chat':
      return { name: 'openai-compatible', apiKey, apiURL, config, options };
    case 'anthropic':
      return { name: 'anthropic', apiKey, config, options };
    case 'gemini':
      return { name: 'google-gemini', apiKey, config, options };
    case 'azure':
      return {
        name: 'azure-openai',
        apiKey,
        resourceName: AZURE_RESOURCE,
        deploymentName: model,
        version: endpoint.apiVersion,
        config,
        options,
      };
  }
}

/** The Ax AI service of `agent`, metered under `phase`, making no call once `signal` aborts. Imports Ax. */
export async function agentAxService(
  agent: AgentConfig,
  env: NodeJS.ProcessEnv,
  meter: SpendMeter,
  phase: string,
  signal?: AbortSignal,
): Promise<import('@ax-llm/ax').AxAIService> {
  const endpoint = agentEndpoint(agent, env);
  const { ai } = await import('@ax-llm/ax');
  const send = meteredFetch({
    meter,
    phase,
    backendType: agent.backend.type,
    model: endpoint.model,
    api: endpoint.api,
    signal,
  });
  const args = axServiceArgs(endpoint, send);
  return ai(args as unknown as Parameters<typeof ai>[0]) as unknown as import('@ax-llm/ax').AxAIService;
}
