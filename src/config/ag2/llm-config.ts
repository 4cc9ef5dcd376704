/**
 * An AG2 `llm_config` (one entry, a list of entries, or `{config_list: [...]}`) → a native `backend:`
 * block: `api_type` picks the backend type, `model`, `api_key`, `base_url`, `api_version` and the
 * sampling settings carry over. AG2 reads later list entries as fallbacks; only the first is used.
 */
import { isPlainObject } from '../schema-common.js';
import { didYouMean, listNames } from '../suggest.js';
import type { Ag2Issues } from './issues.js';

/** AG2 `api_type` → MassGen backend type. */
export const AG2_API_TYPES: Readonly<Record<string, string>> = {
  openai: 'openai',
  anthropic: 'claude',
  google: 'gemini',
  gemini: 'gemini',
  azure: 'azure_openai',
  groq: 'groq',
  together: 'together',
  cerebras: 'cerebras',
};

/** Keys of an entry copied onto the backend unchanged. */
const COPIED = ['model', 'api_key', 'base_url', 'api_version', 'temperature', 'top_p', 'max_tokens'];

/** Keys AG2 knows that have no effect here, and what each one does in AG2. */
const IGNORED: Readonly<Record<string, string>> = {
  cache_seed: "AG2's response cache",
  price: "AG2's cost table",
  tags: "AG2's config filtering",
  timeout: "AG2's request timeout (use timeout_settings.agent_timeout_seconds)",
  stream: "AG2's streaming switch (replies always stream)",
};

const KNOWN = ['api_type', ...COPIED, ...Object.keys(IGNORED)];

/** The entries of an `llm_config` value with their key paths; undefined (and an error) when malformed. */
function entries(
  value: unknown,
  at: string,
  issues: Ag2Issues,
): Array<[string, Record<string, unknown>]> | undefined {
  if (isPlainObject(value) && Array.isArray(value.config_list)) {
    const { config_list, ...shared } = value;
    return entries(
      config_list.map((e) => (isPlainObject(e) ? { ...shared, ...e } : e)),
      `${at}.config_list`,
      issues,
    );
  }
  const list: Array<[string, unknown]> = Array.isArray(value)
    ? value.map((e, i) => [`${at}[${i}]`, e])
    : [[at, value]];
  if (list.length === 0 || list.some(([, e]) => !isPlainObject(e))) {
    issues.error(
      at,
      '`llm_config` must be a mapping (`api_type`, `model`, …) or a list of them',
      'write `llm_config: { api_type: openai, model: gpt-4o }`',
    );
    return undefined;
  }
  return list as Array<[string, Record<string, unknown>]>;
}

/** A translated `llm_config`: the backend block and the key path of the entry it was made from. */
export interface Ag2Backend {
  backend: Record<string, unknown>;
  from: string;
}

/** The backend block of an `llm_config`, or undefined when it has errors (reported to `issues`). */
export function llmConfigBackend(value: unknown, at: string, issues: Ag2Issues): Ag2Backend | undefined {
  const list = entries(value, at, issues);
  if (list === undefined) return undefined;
  const [[path, entry], ...rest] = list as [[string, Record<string, unknown>], ...Array<[string, unknown]>];
  if (rest.length > 0) {
    issues.warn(
      rest[0]![0],
      `not supported: AG2 fallback configs (${rest.length} more \`llm_config\` entr${rest.length === 1 ? 'y' : 'ies'}) — only ${path} is used`,
      'keep one entry per agent; use several MassGen agents to compare models',
    );
  }
  let ok = true;
  for (const key of Object.keys(entry)) {
    if (KNOWN.includes(key)) continue;
    issues.error(`${path}.${key}`, `unknown key \`${key}\` in an AG2 \`llm_config\``, didYouMean(key, KNOWN));
    ok = false;
  }
  for (const [key, what] of Object.entries(IGNORED)) {
    if (entry[key] === undefined) continue;
    issues.warn(
      `${path}.${key}`,
      `not supported: ${path}.${key} (${what}) — the key is ignored`,
      'remove the key to silence this warning',
    );
  }
  const apiType = entry.api_type ?? 'openai';
  const type = typeof apiType === 'string' ? AG2_API_TYPES[apiType] : undefined;
  if (type === undefined) {
    issues.error(
      `${path}.api_type`,
      `not supported: AG2 api_type ${JSON.stringify(apiType)}`,
      `use one of ${listNames(Object.keys(AG2_API_TYPES))}, or a MassGen agent with its own backend`,
    );
    ok = false;
  }
  if (entry.model === undefined) {
    issues.error(
      path,
      'missing required key `model` in an AG2 `llm_config`',
      'add `model:` (e.g. `model: gpt-4o`)',
    );
    ok = false;
  }
  if (!ok) return undefined;
  // AG2's OpenAI client speaks Chat Completions: behind another base_url, so does the backend.
  const chat = type === 'openai' && entry.base_url !== undefined;
  const backend: Record<string, unknown> = { type: chat ? 'chatcompletion' : type };
  for (const key of COPIED) if (entry[key] !== undefined) backend[key] = entry[key];
  return { backend, from: path };
}
