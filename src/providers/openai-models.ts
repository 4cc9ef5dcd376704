/**
 * What OpenAI's Chat Completions API expects that other OpenAI-compatible servers do not: its
 * reasoning models (o-series, gpt-5 and later) refuse `max_tokens` and take `max_completion_tokens`.
 */

/** Whether `baseUrl` is OpenAI's own API. */
export function isOpenAIHost(baseUrl: string | undefined): boolean {
  if (!baseUrl) return false;
  try {
    return new URL(baseUrl).hostname === 'api.openai.com';
  } catch {
    return false;
  }
}

/** OpenAI's reasoning models: the o-series and gpt-5 and later, except the gpt-5-chat snapshot. */
export function isOpenAIReasoningModel(modelId: string): boolean {
  const gpt = /^gpt-(\d+)(?:\.(\d+))?(?:-(.+))?$/.exec(modelId);
  if (gpt) return Number(gpt[1]) >= 5 && !(gpt[2] === undefined && gpt[3]?.startsWith('chat'));
  return /^o\d+(-|$)/.test(modelId);
}

/** A Chat Completions body with `max_tokens` sent as `max_completion_tokens`. */
export function withMaxCompletionTokens(body: Record<string, unknown>): Record<string, unknown> {
  if (body.max_tokens === undefined) return body;
  const { max_tokens, ...rest } = body;
  return { ...rest, max_completion_tokens: rest.max_completion_tokens ?? max_tokens };
}

/** A fetch that adds `extra` to every JSON request body (a backend's `extra_body`). */
export function fetchWithExtraBody(extra: Record<string, unknown>): typeof fetch {
  return (input, init) => {
    if (typeof init?.body !== 'string') return fetch(input, init);
    const body = { ...(JSON.parse(init.body) as Record<string, unknown>), ...extra };
    return fetch(input, { ...init, body: JSON.stringify(body) });
  };
}
