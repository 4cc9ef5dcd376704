/**
 * HTTP error replies of Anthropic and Gemini, as their APIs send them (OpenAI's are in
 * openai-errors.ts): Anthropic `{type:'error', error:{type, message}, request_id}` with
 * `retry-after`; Gemini `{error:{code, message, status, details}}`, whose 429 carries a
 * `google.rpc.RetryInfo` `retryDelay` (and no Retry-After header).
 */
import { defaultErrorMessage, type ErrorReply, retryAfterHeader } from './protocol.js';
import { randomId } from './reply-parts.js';
import type { FakeError } from './scenario.js';

const ANTHROPIC_TYPES: Record<number, string> = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  402: 'billing_error',
  403: 'permission_error',
  404: 'not_found_error',
  413: 'request_too_large',
  429: 'rate_limit_error',
  529: 'overloaded_error',
};

/** Anthropic's usual message of an error type. */
export function anthropicMessage(type: string, status: number): string {
  if (type === 'overloaded_error') return 'Overloaded';
  if (type === 'api_error') return 'Internal server error';
  if (type === 'rate_limit_error') return 'Number of request tokens has exceeded your per-minute rate limit';
  return defaultErrorMessage(status);
}

/** Anthropic error reply. */
export function anthropicError(fault: FakeError): ErrorReply {
  const { status } = fault;
  const type =
    fault.type ?? ANTHROPIC_TYPES[status] ?? (status >= 500 ? 'api_error' : 'invalid_request_error');
  const requestId = randomId('req_011', 21);
  const retryable = status === 408 || status === 409 || status === 429 || status >= 500;
  return {
    status,
    body: {
      type: 'error',
      error: { type, message: fault.message ?? anthropicMessage(type, status) },
      request_id: requestId,
    },
    headers: {
      'request-id': requestId,
      'x-should-retry': String(retryable),
      ...retryAfterHeader(fault.retryAfterSeconds),
    },
  };
}

const GEMINI_STATUS_NAMES: Record<number, string> = {
  400: 'INVALID_ARGUMENT',
  401: 'UNAUTHENTICATED',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  409: 'ABORTED',
  429: 'RESOURCE_EXHAUSTED',
  500: 'INTERNAL',
  501: 'UNIMPLEMENTED',
  503: 'UNAVAILABLE',
  504: 'DEADLINE_EXCEEDED',
};

const GEMINI_CODES: Record<string, number> = Object.fromEntries(
  Object.entries(GEMINI_STATUS_NAMES).map(([code, name]) => [name, Number(code)]),
);

const GEMINI_MESSAGES: Record<string, string> = {
  RESOURCE_EXHAUSTED:
    'You exceeded your current quota, please check your plan and billing details. For more information on this error, head to: https://ai.google.dev/gemini-api/docs/rate-limits.',
  UNAVAILABLE: 'The model is overloaded. Please try again later.',
  INTERNAL:
    'An internal error has occurred. Please retry or report in https://developers.generativeai.google/guide/troubleshooting',
  UNAUTHENTICATED: 'Request had invalid authentication credentials.',
  PERMISSION_DENIED: 'The caller does not have permission',
  NOT_FOUND: 'Requested entity was not found.',
};

/** Gemini's `error` object for a status name (`INTERNAL`, `UNAVAILABLE`, …). */
export function geminiErrorObject(name: string, message?: string, details?: unknown[]) {
  return {
    code: GEMINI_CODES[name] ?? 500,
    message: message ?? GEMINI_MESSAGES[name] ?? 'Request contains an invalid argument.',
    status: name,
    ...(details ? { details } : {}),
  };
}

/** What a Gemini 429 names: the quota hit, where to read about it, and when to retry. */
function quotaDetails(model: string, retryAfterSeconds?: number): unknown[] {
  return [
    {
      '@type': 'type.googleapis.com/google.rpc.QuotaFailure',
      violations: [
        {
          quotaMetric: 'generativelanguage.googleapis.com/generate_content_free_tier_requests',
          quotaId: 'GenerateRequestsPerMinutePerProjectPerModel-FreeTier',
          quotaDimensions: { location: 'global', model },
          quotaValue: '10',
        },
      ],
    },
    {
      '@type': 'type.googleapis.com/google.rpc.Help',
      links: [
        {
          description: 'Learn more about Gemini API quotas',
          url: 'https://ai.google.dev/gemini-api/docs/rate-limits',
        },
      ],
    },
    ...(retryAfterSeconds === undefined
      ? []
      : [{ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: `${retryAfterSeconds}s` }]),
  ];
}

/** Gemini error reply; `model` names the quota of a 429. */
export function geminiError(fault: FakeError, model = 'gemini'): ErrorReply {
  const { status } = fault;
  const name = fault.type ?? GEMINI_STATUS_NAMES[status] ?? (status >= 500 ? 'INTERNAL' : 'INVALID_ARGUMENT');
  const details =
    status === 429
      ? quotaDetails(model, fault.retryAfterSeconds)
      : fault.retryAfterSeconds === undefined
        ? undefined
        : [
            {
              '@type': 'type.googleapis.com/google.rpc.RetryInfo',
              retryDelay: `${fault.retryAfterSeconds}s`,
            },
          ];
  return {
    status,
    body: { error: { ...geminiErrorObject(name, fault.message, details), code: status } },
    headers: { 'content-type': 'application/json; charset=UTF-8' },
  };
}
