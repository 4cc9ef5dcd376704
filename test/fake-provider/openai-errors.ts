/**
 * OpenAI-style error replies (`{error: {message, type, param, code}}`), shared by the Chat
 * Completions and Responses routes and used for unknown routes. A 429 carries the rate-limit
 * headers OpenAI sends (`x-ratelimit-*`, the requests limit exhausted) and, when asked,
 * `retry-after` / `retry-after-ms`; `insufficient_quota` is a 429 of a different kind.
 */
import { defaultErrorMessage, type ErrorReply, retryAfterHeader } from './protocol.js';
import { randomId } from './reply-parts.js';
import type { FakeError } from './scenario.js';

const QUOTA_MESSAGE =
  'You exceeded your current quota, please check your plan and billing details. For more information on this error, read the docs: https://platform.openai.com/docs/guides/error-codes/api-errors.';

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

/** Limits of 500 requests and 200k tokens a minute; `exhausted` means no request is left. */
function rateLimitHeaders(exhausted: boolean, resetRequests: string): Record<string, string> {
  return {
    'x-ratelimit-limit-requests': '500',
    'x-ratelimit-remaining-requests': exhausted ? '0' : '499',
    'x-ratelimit-reset-requests': exhausted ? resetRequests : '120ms',
    'x-ratelimit-limit-tokens': '200000',
    'x-ratelimit-remaining-tokens': '199000',
    'x-ratelimit-reset-tokens': '300ms',
  };
}

/** OpenAI error reply for a fault; a 429 adds the rate-limit headers. */
export function openaiError(fault: FakeError): ErrorReply {
  const { status } = fault;
  const usual = errorTypeAndCode(status);
  const { type, code } = fault.type === undefined ? usual : { type: fault.type, code: fault.type };
  const quota = type === 'insufficient_quota';
  const message = fault.message ?? (quota ? QUOTA_MESSAGE : defaultErrorMessage(status));
  // With 500 requests a minute one request is replenished every 120 ms.
  const reset = fault.retryAfterSeconds === undefined ? '120ms' : `${fault.retryAfterSeconds}s`;
  return {
    status,
    body: { error: { message, type, param: null, code } },
    headers: {
      ...openaiHeaders(),
      ...(status === 429 ? rateLimitHeaders(!quota, reset) : {}),
      ...retryAfterHeader(fault.retryAfterSeconds),
      ...(fault.retryAfterMs === undefined ? {} : { 'retry-after-ms': String(fault.retryAfterMs) }),
    },
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
