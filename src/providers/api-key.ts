/**
 * Which API key an agent's backend uses: the config's `api_key` (its `${VAR}` references expanded),
 * else the provider's variable. A `${VAR}` that is not set or is empty is an error, never a
 * fallback, so a key meant for one server is never sent to another in its place. A `chatcompletion`
 * backend takes a provider's variable only for that provider's hosts (see `keyVariablesForUrl`).
 */
import { expandReferences, referencedVariables, unsetVariables } from '../config/secret-settings.js';
import { MissingApiKeyError, UnsetKeyVariableError } from '../errors.js';
import { resolveBaseUrl } from './base-url.js';
import { type BackendType, backendInfo, keyVariablesForUrl } from './catalog.js';

const LOCAL_HOST = /^https?:\/\/(localhost|127\.\d+\.\d+\.\d+|\[::1\]|0\.0\.0\.0)(:\d+)?(\/|$)/;

/** Variables that may hold the key for a backend, in order of preference. */
export function keyVariables(backend: { type: BackendType; base_url?: string }): string[] {
  if (backend.type === 'chatcompletion') return keyVariablesForUrl(backend.base_url);
  return backendInfo(backend.type).envKeys;
}

/**
 * The key for a backend. Local servers (and loopback base URLs, also from `OPENAI_BASE_URL`) need
 * none and get a placeholder. Throws UnsetKeyVariableError when `api_key` refers to an unset
 * variable, MissingApiKeyError naming the variable to set when no key is found.
 */
export function resolveApiKey(
  agentId: string,
  backend: { type: BackendType; api_key?: string; base_url?: string },
  env: NodeJS.ProcessEnv,
): string {
  if (backend.api_key) {
    const [unset] = unsetVariables(referencedVariables(backend.api_key), env);
    if (unset !== undefined) throw new UnsetKeyVariableError(`Agent "${agentId}"`, unset);
    return expandReferences(backend.api_key, env);
  }
  const variables = keyVariables(backend);
  for (const name of variables) {
    const value = env[name];
    if (value) return value;
  }
  const info = backendInfo(backend.type);
  if (info.placeholderKey) return info.placeholderKey;
  const { url } = resolveBaseUrl(backend, env);
  if (variables.length === 0 || (url && LOCAL_HOST.test(url))) return 'EMPTY';
  throw new MissingApiKeyError(agentId, backend.type, variables.join(' or '));
}
