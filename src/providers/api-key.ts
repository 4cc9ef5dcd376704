/** Which API key an agent's backend uses: the config's `api_key`, else the provider's variable. */
import { MissingApiKeyError } from '../errors.js';
import { type BackendType, backendInfo, keyVariablesForUrl } from './catalog.js';

const LOCAL_HOST = /^https?:\/\/(localhost|127\.\d+\.\d+\.\d+|\[::1\]|0\.0\.0\.0)(:\d+)?(\/|$)/;

/** Variables that may hold the key for a backend, in order of preference. */
export function keyVariables(backend: { type: BackendType; base_url?: string }): string[] {
  if (backend.type === 'chatcompletion') return keyVariablesForUrl(backend.base_url);
  return backendInfo(backend.type).envKeys;
}

/** Substitutes `${VAR}` references in a configured key. */
function expand(value: string, env: NodeJS.ProcessEnv): string {
  return value.replace(/\$\{(\w+)\}/g, (_, name: string) => env[name] ?? '');
}

/**
 * The key for a backend. Local servers (and loopback base URLs) need none and get a placeholder.
 * Throws MissingApiKeyError naming the variable to set.
 */
export function resolveApiKey(
  agentId: string,
  backend: { type: BackendType; api_key?: string; base_url?: string },
  env: NodeJS.ProcessEnv,
): string {
  if (backend.api_key) {
    const key = expand(backend.api_key, env);
    if (key) return key;
  }
  const variables = keyVariables(backend);
  for (const name of variables) {
    const value = env[name];
    if (value) return value;
  }
  const info = backendInfo(backend.type);
  if (info.placeholderKey) return info.placeholderKey;
  if (variables.length === 0 || (backend.base_url && LOCAL_HOST.test(backend.base_url))) return 'EMPTY';
  throw new MissingApiKeyError(agentId, backend.type, variables.join(' or '));
}
