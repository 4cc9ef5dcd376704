/**
 * A CrewAI `llm` (a LiteLLM model string `provider/model`, a bare model name, or a mapping with
 * `model` and connection settings) → a raw MassGen `backend:` block.
 */

import { isPlainObject } from '../config/schema-common.js';
import { listNames } from '../config/suggest.js';
import { inferBackendType } from '../providers/catalog.js';
import type { CrewIssues } from './issues.js';

/** LiteLLM provider prefixes → MassGen backend types. */
export const CREW_PROVIDERS: Readonly<Record<string, string>> = {
  openai: 'openai',
  anthropic: 'claude',
  gemini: 'gemini',
  google: 'gemini',
  azure: 'azure_openai',
  xai: 'grok',
  groq: 'groq',
  together_ai: 'together',
  cerebras: 'cerebras',
  fireworks_ai: 'fireworks',
  openrouter: 'openrouter',
};

/** Keys of an `llm` mapping and the backend key each one becomes. */
const LLM_KEYS: Readonly<Record<string, string>> = {
  model: 'model',
  base_url: 'base_url',
  api_base: 'base_url',
  api_key: 'api_key',
  api_version: 'api_version',
  temperature: 'temperature',
  top_p: 'top_p',
  max_tokens: 'max_tokens',
};

/** The backend of a model string, or undefined (and an error) when its provider is unknown. */
function modelBackend(
  model: string,
  file: string,
  at: string,
  issues: CrewIssues,
): Record<string, unknown> | undefined {
  const slash = model.indexOf('/');
  if (slash > 0) {
    const provider = model.slice(0, slash);
    const type = CREW_PROVIDERS[provider];
    if (type !== undefined) return { type, model: model.slice(slash + 1) };
    issues.error(
      file,
      at,
      `not supported: LLM provider \`${provider}\` (in \`${model}\`)`,
      `use one of ${listNames(Object.keys(CREW_PROVIDERS))} as the prefix, e.g. \`openai/gpt-4o\``,
    );
    return undefined;
  }
  const type = inferBackendType(model);
  if (type === undefined) {
    issues.error(
      file,
      at,
      `cannot tell the provider of model \`${model}\``,
      'write it as `provider/model`, e.g. `openai/gpt-4o`',
    );
    return undefined;
  }
  return { type, model };
}

/**
 * The backend block of an agent's `llm` at `at` of `file`. Without one, the `MODEL` variable (which
 * `crewai create` writes to .env) names the model.
 */
export function crewLlmBackend(
  value: unknown,
  file: string,
  at: string,
  issues: CrewIssues,
  env: NodeJS.ProcessEnv,
): Record<string, unknown> | undefined {
  if (value === undefined) {
    const model = env.MODEL;
    if (model) return modelBackend(model, file, at, issues);
    issues.error(
      file,
      at,
      'missing `llm` (and no `MODEL` variable to default to)',
      'add `llm: openai/gpt-4o` (a LiteLLM `provider/model`), or set MODEL',
    );
    return undefined;
  }
  if (typeof value === 'string' && value !== '') return modelBackend(value, file, at, issues);
  if (!isPlainObject(value) || typeof value.model !== 'string') {
    issues.error(
      file,
      at,
      '`llm` must be a model string such as `openai/gpt-4o`, or a mapping with `model`',
      'write `llm: openai/gpt-4o`',
    );
    return undefined;
  }
  const backend = modelBackend(value.model, file, `${at}.model`, issues);
  if (backend === undefined) return undefined;
  for (const [key, v] of Object.entries(value)) {
    const target = LLM_KEYS[key];
    if (target === undefined) {
      issues.error(
        file,
        `${at}.${key}`,
        `unknown key \`${key}\` of an \`llm\``,
        `the keys read are ${listNames(Object.keys(LLM_KEYS))}`,
      );
      return undefined;
    }
    if (key !== 'model') backend[target] = v;
  }
  // LiteLLM's `openai/` provider speaks Chat Completions: behind another base URL, so does the backend.
  if (backend.type === 'openai' && backend.base_url !== undefined) backend.type = 'chatcompletion';
  return backend;
}
