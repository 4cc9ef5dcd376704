/**
 * Which base URL a backend talks to: the config's `base_url` (also what `--base-url` sets), else the
 * provider's standard variable read the way the provider's own SDK reads it, else the catalog's
 * default. The AI SDK providers take the URL with the API version in it, so the version the
 * official SDK would add is added here:
 *
 * | variable | read by | value | becomes |
 * |---|---|---|---|
 * | `OPENAI_BASE_URL` | OpenAI SDKs | with `/v1` (`https://api.openai.com/v1`) | as it is |
 * | `ANTHROPIC_BASE_URL` | Anthropic SDKs, Claude Code | without it (`https://api.anthropic.com`) | + `/v1` |
 * | `GOOGLE_GEMINI_BASE_URL` | Google Gen AI SDKs, Gemini CLI | without it (`https://generativelanguage.googleapis.com`) | + `/v1beta` |
 *
 * An empty variable counts as unset, as in those SDKs.
 */
import { ConfigError } from '../errors.js';
import { type BackendType, backendInfo } from './catalog.js';

/** A standard base-URL variable and the API version path its value lacks. */
export interface BaseUrlVariable {
  name: string;
  /** Appended to the value (after trailing slashes are removed): `''`, `/v1` or `/v1beta`. */
  versionPath: string;
}

const OPENAI_BASE_URL: BaseUrlVariable = { name: 'OPENAI_BASE_URL', versionPath: '' };

const VARIABLES: Partial<Record<BackendType, BaseUrlVariable>> = {
  openai: OPENAI_BASE_URL,
  // Without a base_url, a chatcompletion backend talks to OpenAI (with OPENAI_API_KEY).
  chatcompletion: OPENAI_BASE_URL,
  claude: { name: 'ANTHROPIC_BASE_URL', versionPath: '/v1' },
  gemini: { name: 'GOOGLE_GEMINI_BASE_URL', versionPath: '/v1beta' },
};

/** The standard base-URL variable a backend type reads when its config has no `base_url`. */
export function baseUrlVariable(type: BackendType): BaseUrlVariable | undefined {
  return VARIABLES[type];
}

/** Where a backend's base URL came from. */
export type BaseUrlSource = 'config' | 'environment' | 'default';

export interface ResolvedBaseUrl {
  /** Undefined when the backend has no default (e.g. Azure, which builds its URL from the endpoint). */
  url: string | undefined;
  source: BaseUrlSource;
  /** The variable, when `source` is `environment`. */
  variable?: string;
}

function isHttpUrl(value: string): boolean {
  try {
    const { protocol } = new URL(value);
    return protocol === 'http:' || protocol === 'https:';
  } catch {
    return false;
  }
}

/**
 * The base URL of a backend. Throws ConfigError when the standard variable it reads is set to
 * something that is not an http(s) URL (the value is not repeated: it may hold credentials).
 */
export function resolveBaseUrl(
  backend: { type: BackendType; base_url?: string },
  env: NodeJS.ProcessEnv,
): ResolvedBaseUrl {
  if (backend.base_url) return { url: backend.base_url, source: 'config' };
  const variable = VARIABLES[backend.type];
  const value = variable ? env[variable.name]?.trim() : undefined;
  if (variable && value) {
    if (!isHttpUrl(value)) {
      throw new ConfigError(
        `${variable.name} is not an http(s) URL; set it to the provider's base URL (e.g. https://host${variable.versionPath === '' ? '/v1' : ''}) or unset it.`,
      );
    }
    return {
      url: `${value.replace(/\/+$/, '')}${variable.versionPath}`,
      source: 'environment',
      variable: variable.name,
    };
  }
  return { url: backendInfo(backend.type).defaultBaseUrl, source: 'default' };
}
