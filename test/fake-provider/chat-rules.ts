/**
 * Chat Completions requests OpenAI rejects with a 400: `max_tokens` sent to a reasoning model
 * (o1, o3, o4-mini, gpt-5 …), which only takes `max_completion_tokens`.
 */
import { openaiInvalidRequest } from './openai-errors.js';
import type { NormalisedBody } from './protocol.js';

/** OpenAI's reasoning models: the o-series and gpt-5 and later (not the gpt-5-chat snapshot). */
export function isOpenAIReasoningModel(model: string): boolean {
  const gpt = /^gpt-(\d+)(?:\.(\d+))?(?:-(.+))?$/.exec(model);
  if (gpt) return Number(gpt[1]) >= 5 && !(gpt[2] === undefined && gpt[3]?.startsWith('chat'));
  return /^o\d+(-|$)/.test(model);
}

/** The 400 OpenAI answers a Chat Completions `body` with, or undefined when it is valid. */
// biome-ignore lint/suspicious/noExplicitAny: raw JSON body
export function chatRequestProblem(body: any, model: string): NormalisedBody['problem'] {
  if (body?.max_tokens === undefined || !isOpenAIReasoningModel(model)) return undefined;
  const message =
    "Unsupported parameter: 'max_tokens' is not supported with this model. Use 'max_completion_tokens' instead.";
  return {
    status: 400,
    message,
    reply: openaiInvalidRequest(message, 'max_tokens', 'unsupported_parameter'),
  };
}
