/**
 * Where one `generate_media` call goes. The backend is the first named of: the call's
 * `backend_type`, the agent's `<mode>_generation_backend`, its `multimodal_config.<mode>.backend`,
 * then the same two keys of `orchestrator:`. Ignored there: `openrouter` and `elevenlabs` (not
 * supported yet) and `multimodal_config`'s `gemini` and `claude` (read_media's backends in
 * MassGen). A named backend that cannot make the mode, or has no key, is an error naming what is
 * missing. `auto` (or nothing named) takes the agent's own provider when it can make the mode, else
 * the first of MassGen's order that has a key. A provider's key and base URL are the agent's own
 * backend's when it is of that provider, else those of the first agent of the run whose backend
 * is, else the provider's environment variables.
 */
import type { GenerationRoutingConfig } from '../config/schema-generation.js';
import { ConfigError } from '../errors.js';
import { resolveApiKey } from '../providers/api-key.js';
import { resolveBaseUrl } from '../providers/base-url.js';
import { type BackendType, backendInfo } from '../providers/catalog.js';
import {
  AUTO_ORDER,
  cannotGenerate,
  GENERATION_PROVIDERS,
  type GenerationMode,
  type GenerationProvider,
  providerOfBackendType,
  providersFor,
} from './generation-providers.js';

/** The key and base URL a provider is called with. */
export interface GenerationCredentials {
  apiKey: string;
  baseURL?: string;
}

/** A backend block as far as credentials go. */
export interface CredentialBackend {
  type: BackendType;
  api_key?: string;
  base_url?: string;
}

/** A resolved route: provider, model and credentials. */
export interface GenerationRoute {
  provider: GenerationProvider;
  model: string;
  credentials: GenerationCredentials;
}

/** Finds the credentials of a provider, undefined when it has no key. */
export type CredentialFinder = (provider: GenerationProvider) => GenerationCredentials | undefined;

/**
 * Credentials from the agent's own backend, then the run's other backends, then the environment.
 * A backend whose key cannot be found is skipped.
 */
export function credentialFinder(
  own: CredentialBackend,
  runBackends: readonly CredentialBackend[],
  env: NodeJS.ProcessEnv,
): CredentialFinder {
  return (provider) => {
    const type = GENERATION_PROVIDERS[provider].backendType;
    const candidates = [own, ...runBackends].filter((b) => b.type === type);
    for (const backend of [...candidates, { type }]) {
      try {
        return {
          apiKey: resolveApiKey(`generate_media (${provider})`, backend, env),
          baseURL: resolveBaseUrl(backend, env).url,
        };
      } catch (error) {
        if (!(error instanceof ConfigError)) throw error;
      }
    }
    return undefined;
  };
}

/** The backend and model the config names for a mode, agent first, then the orchestrator. */
export function configuredChoice(
  mode: GenerationMode,
  levels: ReadonlyArray<GenerationRoutingConfig | undefined>,
): { backend?: string; model?: string } {
  for (const level of levels) {
    if (!level) continue;
    let backend: string | undefined = level[`${mode}_generation_backend`];
    let model = level[`${mode}_generation_model`];
    const shared = level.multimodal_config?.[mode];
    // `multimodal_config` also names read_media's backends (gemini, claude): not generation ones.
    if (shared && shared.backend !== 'gemini' && shared.backend !== 'claude') {
      backend ??= shared.backend;
      model ??= shared.model;
    }
    // openrouter and elevenlabs are accepted with a warning and ignored (src/config/unsupported.ts).
    if (backend === 'openrouter' || backend === 'elevenlabs') continue;
    if (backend !== undefined || model !== undefined) return { backend, model };
  }
  return {};
}

/** What a provider needs for a key. */
function keyHint(provider: GenerationProvider): string {
  const type = GENERATION_PROVIDERS[provider].backendType;
  return `${provider} needs ${backendInfo(type).envKeys.join(' or ')} (or an agent of type ${type})`;
}

export interface RouteRequest {
  mode: GenerationMode;
  /** The call's `backend_type` and `model`. */
  asked: { backend?: string; model?: string };
  /** The routing keys: the agent's backend, then `orchestrator:`. */
  levels: ReadonlyArray<GenerationRoutingConfig | undefined>;
  /** The agent's own backend type. */
  ownType: BackendType;
  credentials: CredentialFinder;
}

/** The route of a call, or the reason there is none (for the tool's error result). */
export function routeGeneration(request: RouteRequest): GenerationRoute | { error: string } {
  const { mode, asked } = request;
  const configured = configuredChoice(mode, request.levels);
  const askedBackend = asked.backend && asked.backend !== 'auto' ? asked.backend : undefined;
  const named = askedBackend ?? (configured.backend !== 'auto' ? configured.backend : undefined);
  const modelFor = (provider: GenerationProvider) =>
    asked.model ??
    (configured.backend === undefined || configured.backend === 'auto' || configured.backend === provider
      ? configured.model
      : undefined) ??
    GENERATION_PROVIDERS[provider].models[mode]!;
  if (named !== undefined) {
    const reason = cannotGenerate(named, mode);
    if (reason) return { error: `Cannot generate ${mode} with ${named}: ${reason}.` };
    const provider = named as GenerationProvider;
    const credentials = request.credentials(provider);
    if (!credentials) return { error: `Cannot generate ${mode} with ${provider}: ${keyHint(provider)}.` };
    return { provider, model: modelFor(provider), credentials };
  }
  const own = providerOfBackendType(request.ownType);
  const order = [...new Set([...(own ? [own] : []), ...AUTO_ORDER[mode]])].filter(
    (p) => cannotGenerate(p, mode) === undefined,
  );
  for (const provider of order) {
    const credentials = request.credentials(provider);
    if (credentials) return { provider, model: modelFor(provider), credentials };
  }
  const capable = providersFor(mode);
  const missing = (Object.keys(GENERATION_PROVIDERS) as GenerationProvider[])
    .filter((p) => !capable.includes(p))
    .map((p) => GENERATION_PROVIDERS[p].missing[mode]);
  return {
    error: `No backend can generate ${mode}: ${[...capable.map(keyHint), ...missing].join('; ')}.`,
  };
}
