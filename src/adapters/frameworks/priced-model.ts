/**
 * The provider and model a framework agent runs on, read from its model, for pricing its usage:
 * an AI SDK model (`provider: "openai.responses"`, `modelId`), a model string of the form
 * `provider/model` (Mastra's model router, the AI SDK gateway), or an OpenAI Agents model name
 * (OpenAI's, unless it names another provider). Undefined when the provider is not one MassGen
 * prices.
 */

/** The provider id prefix of a model → MassGen backend type. */
const BACKENDS: Readonly<Record<string, string>> = {
  openai: 'openai',
  anthropic: 'claude',
  google: 'gemini',
  xai: 'grok',
  groq: 'groq',
  together: 'together',
  togetherai: 'together',
  fireworks: 'fireworks',
  cerebras: 'cerebras',
  openrouter: 'openrouter',
  azure: 'azure_openai',
  moonshotai: 'moonshot',
};

/** A backend type and model. */
export interface PricedModel {
  backend: string;
  model: string;
}

function fromProvider(provider: string, model: string): PricedModel | undefined {
  const backend = BACKENDS[provider.split('.')[0]?.toLowerCase() ?? ''];
  return backend && model !== '' ? { backend, model } : undefined;
}

/**
 * What `model` is priced as; `bareIs` is the provider of a model name without one (`openai` for
 * OpenAI Agents JS), none by default.
 */
export function pricedModel(model: unknown, bareIs?: string): PricedModel | undefined {
  if (typeof model === 'string') {
    const slash = model.indexOf('/');
    if (slash > 0) return fromProvider(model.slice(0, slash), model.slice(slash + 1));
    return bareIs ? fromProvider(bareIs, model) : undefined;
  }
  const { provider, modelId } = (model ?? {}) as { provider?: unknown; modelId?: unknown };
  return typeof provider === 'string' && typeof modelId === 'string'
    ? fromProvider(provider, modelId)
    : undefined;
}
