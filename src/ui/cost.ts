/**
 * What an LLM call cost, from `@pydantic/genai-prices`: the agent's backend `type` names the price
 * provider, the model names the price row. Unknown models (local servers, deployments, new models)
 * have no price: displays show their tokens only.
 */
import { calcPrice } from '@pydantic/genai-prices';
import type { TokenUsage } from '../events/types.js';

/**
 * Backend `type` → genai-prices provider id. Types missing here (local servers, `chatcompletion`
 * whose host is unknown to the display) are not priced.
 */
export const PRICE_PROVIDERS: Readonly<Record<string, string>> = {
  openai: 'openai',
  azure_openai: 'azure',
  claude: 'anthropic',
  gemini: 'google',
  grok: 'x-ai',
  groq: 'groq',
  together: 'together',
  fireworks: 'fireworks',
  cerebras: 'cerebras',
  openrouter: 'openrouter',
  moonshot: 'moonshotai',
  zai: 'zai',
};

/** Prices one call's usage in USD, or `undefined` when the model has no known price. */
export type Pricer = (backend: string, model: string, usage: TokenUsage) => number | undefined;

/** The genai-prices provider id of a backend type, if it is priced. */
export function priceProviderId(backend: string): string | undefined {
  return PRICE_PROVIDERS[backend];
}

/** USD cost of one call's usage with the bundled price table; `undefined` for unknown models. */
export const usageCost: Pricer = (backend, model, usage) => {
  const providerId = priceProviderId(backend);
  if (providerId === undefined || model === '') return undefined;
  const input = Math.max(0, usage.inputTokens);
  const cached = Math.min(input, Math.max(0, usage.cachedInputTokens ?? 0));
  try {
    const result = calcPrice(
      { input_tokens: input, output_tokens: Math.max(0, usage.outputTokens), cache_read_tokens: cached },
      model,
      { providerId },
    );
    return result ? result.total_price : undefined;
  } catch {
    return undefined;
  }
};

/** `$0.0123` below a dollar (4 decimals, `<$0.0001` for tiny amounts), `$1.23` above. */
export function formatCost(usd: number): string {
  if (usd === 0) return '$0';
  if (usd < 0.0001) return '<$0.0001';
  return usd < 1 ? `$${usd.toFixed(4)}` : `$${usd.toFixed(2)}`;
}

/** `950`, `12.3k`, `4.5M` tokens. */
export function formatTokens(count: number): string {
  if (count < 1000) return String(count);
  if (count < 1_000_000) return `${(count / 1000).toFixed(count < 10_000 ? 1 : 0)}k`;
  return `${(count / 1_000_000).toFixed(1)}M`;
}
