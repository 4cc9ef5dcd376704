/**
 * OpenAI-style error replies (`{error: {message, type, param, code}}`), shared by the
 * Chat Completions and Responses routes and used for unknown routes.
 */
import { defaultErrorMessage, type ErrorReply, retryAfterHeader } from './protocol.js';
import { randomId } from './reply-parts.js';

function errorTypeAndCode(status: number): { type: string; code: string | null } {
  if (status === 429) return { type: 'requests', code: 'rate_limit_exceeded' };
  if (status === 401) return { type: 'invalid_request_error', code: 'invalid_api_key' };
  if (status === 404) return { type: 'invalid_request_error', code: null };
  if (status >= 500) return { type: 'server_error', code: null };
  return { type: 'invalid_request_error', code: null };
}

/** Headers every OpenAI reply carries. */
export function openaiHeaders(): Record<string, string> {
  return {
    'x-request-id': randomId('req_', 32, true),
    'openai-version': '2020-10-01',
    'openai-processing-ms': '12',
  };
}

/** OpenAI error reply for `status`; 429 adds rate-limit headers. */
export function openaiError(status: number, message?: string, retryAfterSeconds?: number): ErrorReply {
  const { type, code } = errorTypeAndCode(status);
  const rateLimit: Record<string, string> =
    status === 429
      ? {
          'x-ratelimit-limit-requests': '500',
          'x-ratelimit-remaining-requests': '0',
          'x-ratelimit-reset-requests': `${retryAfterSeconds ?? 1}s`,
        }
      : {};
  return {
    status,
    body: { error: { message: message ?? defaultErrorMessage(status), type, param: null, code } },
    headers: { ...openaiHeaders(), ...rateLimit, ...retryAfterHeader(retryAfterSeconds) },
  };
}

/** A 400 `invalid_request_error` naming the offending `param` and its `code`, as OpenAI sends it. */
export function openaiInvalidRequest(message: string, param: string | null, code: string | null): ErrorReply {
  return {
    status: 400,
    body: { error: { message, type: 'invalid_request_error', param, code } },
    headers: openaiHeaders(),
  };
}
