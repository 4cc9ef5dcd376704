/**
 * What an LLM call cost, from `@pydantic/genai-prices`: the agent's backend `type` names the price
 * provider, the model names the price row. Unknown models (local servers, deployments, new models)
 * have no price: they count tokens only.
 */
import { calcPrice } from '@pydantic/genai-prices';
import type { TokenUsage } from './types.js';

/**
 * Backend `type` → genai-prices provider id. Types missing here (local servers, `chatcompletion`
 * whose host is unknown to the display) are not priced.
 */
export const PRICE_PROVIDERS: Readonly<Record<string, string>> = {
  openai: 'openai',
  azure_openai: 'azure',
  claude: 'anthropic',
  claude_code: 'anthropic',
  codex: 'openai',
  gemini: 'google',
  gemini_cli: 'google',
  grok: 'x-ai',
  groq: 'groq',
  together: 'together',
  fireworks: 'fireworks',
  cerebras: 'cerebras',
  openrouter: 'openrouter',
  moonshot: 'moonshotai',
  zai: 'zai',
};

/** Backend types whose models come from several providers (GitHub Copilot): the model names the price row. */
const PRICED_BY_MODEL = new Set(['copilot']);

/** Prices one call's usage in USD, or `undefined` when the model has no known price. */
export type Pricer = (backend: string, model: string, usage: TokenUsage) => number | undefined;

/** The genai-prices provider id of a backend type, if it is priced. */
export function priceProviderId(backend: string): string | undefined {
  return PRICE_PROVIDERS[backend];
}

/** USD cost of one call's usage with the bundled price table; `undefined` for unknown models. */
export const usageCost: Pricer = (backend, model, usage) => {
  const providerId = priceProviderId(backend);
  const byModel = PRICED_BY_MODEL.has(backend);
  if ((providerId === undefined && !byModel) || model === '') return undefined;
  const input = Math.max(0, usage.inputTokens);
  const cached = Math.min(input, Math.max(0, usage.cachedInputTokens ?? 0));
  try {
    const result = calcPrice(
      { input_tokens: input, output_tokens: Math.max(0, usage.outputTokens), cache_read_tokens: cached },
      model,
      byModel ? {} : { providerId },
    );
    return result ? result.total_price : undefined;
  } catch {
    return undefined;
  }
};
