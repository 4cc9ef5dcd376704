/**
 * The token usage of one non-streamed reply body, read the way each wire API reports it: Chat
 * Completions (`usage.prompt_tokens`, also Azure OpenAI), Anthropic Messages (`usage.input_tokens`,
 * cache reads and writes counted apart from it) and Gemini generateContent (`usageMetadata`).
 */
import type { TokenUsage } from '../events/types.js';

/** The wire APIs an optimiser drives. */
export type AxWireApi = 'chat' | 'anthropic' | 'gemini' | 'azure';

const count = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? value : 0);

function chatUsage(body: Record<string, unknown>): TokenUsage | undefined {
  const usage = body.usage as Record<string, unknown> | undefined;
  if (!usage || typeof usage.prompt_tokens !== 'number') return undefined;
  const details = usage.prompt_tokens_details as { cached_tokens?: unknown } | undefined;
  return {
    inputTokens: usage.prompt_tokens,
    outputTokens: count(usage.completion_tokens),
    cachedInputTokens: count(details?.cached_tokens),
  };
}

function anthropicUsage(body: Record<string, unknown>): TokenUsage | undefined {
  const usage = body.usage as Record<string, unknown> | undefined;
  if (!usage || typeof usage.input_tokens !== 'number') return undefined;
  const cached = count(usage.cache_read_input_tokens);
  return {
    inputTokens: usage.input_tokens + cached + count(usage.cache_creation_input_tokens),
    outputTokens: count(usage.output_tokens),
    cachedInputTokens: cached,
  };
}

function geminiUsage(body: Record<string, unknown>): TokenUsage | undefined {
  const usage = body.usageMetadata as Record<string, unknown> | undefined;
  if (!usage || typeof usage.promptTokenCount !== 'number') return undefined;
  const reasoning = count(usage.thoughtsTokenCount);
  return {
    inputTokens: usage.promptTokenCount,
    outputTokens: count(usage.candidatesTokenCount) + reasoning,
    reasoningTokens: reasoning,
    cachedInputTokens: count(usage.cachedContentTokenCount),
  };
}

/** The usage a reply body of `api` reports; undefined when it reports none (an error body). */
export function replyUsage(api: AxWireApi, body: unknown): TokenUsage | undefined {
  if (body === null || typeof body !== 'object') return undefined;
  const record = body as Record<string, unknown>;
  if (api === 'anthropic') return anthropicUsage(record);
  if (api === 'gemini') return geminiUsage(record);
  return chatUsage(record);
}
