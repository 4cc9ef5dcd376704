import { APICallError } from '@ai-sdk/provider';
import { describe, expect, it } from 'vitest';
import {
  faultHint,
  faultKind,
  faultStatus,
  isPermanentFault,
  isRetryableFault,
} from '../../src/providers/faults.js';

const apiError = (statusCode: number | undefined, body?: unknown, isRetryable?: boolean) =>
  new APICallError({
    message: 'm',
    url: 'http://x',
    requestBodyValues: {},
    statusCode,
    responseBody: body === undefined ? undefined : JSON.stringify(body),
    ...(isRetryable === undefined ? {} : { isRetryable }),
  });

describe('faultKind', () => {
  it('classifies HTTP errors by status, and by the body where the status is not enough', () => {
    expect(faultKind(apiError(429, { error: { type: 'requests', code: 'rate_limit_exceeded' } }))).toBe(
      'rate-limit',
    );
    expect(
      faultKind(apiError(429, { error: { type: 'insufficient_quota', code: 'insufficient_quota' } })),
    ).toBe('quota');
    expect(faultKind(apiError(529))).toBe('overloaded');
    expect(faultKind(apiError(503, { error: { code: 503, status: 'UNAVAILABLE', message: 'x' } }))).toBe(
      'overloaded',
    );
    expect(faultKind(apiError(500))).toBe('server');
    // Anthropic's client reports an in-stream api_error as a non-retryable 500: it is a server error all the same.
    expect(faultKind(apiError(500, { type: 'api_error', message: 'Internal' }, false))).toBe('server');
    for (const status of [400, 401, 403, 404, 413, 422]) expect(faultKind(apiError(status))).toBe('rejected');
    expect(faultKind(apiError(undefined, undefined, true))).toBe('connection');
    expect(faultKind(apiError(200, undefined, true))).toBe('cut');
  });

  it('classifies the in-stream error objects of the providers by their type or code', () => {
    expect(faultKind({ type: 'overloaded_error', message: 'Overloaded' })).toBe('overloaded');
    expect(faultKind({ type: 'api_error', message: 'x' })).toBe('server');
    expect(faultKind({ type: 'rate_limit_error', message: 'x' })).toBe('rate-limit');
    expect(faultKind({ type: 'invalid_request_error', message: 'x' })).toBe('rejected');
    expect(faultKind({ message: 'x', type: 'response.failed', code: 'server_error', statusCode: 500 })).toBe(
      'server',
    );
    expect(faultKind({ message: 'x', type: 'error', code: 'insufficient_quota', statusCode: 429 })).toBe(
      'quota',
    );
    expect(faultKind({ message: 'x', type: 'error', code: 'weird', statusCode: 502 })).toBe('server');
  });

  it('leaves errors that are not provider failures alone', () => {
    expect(faultKind(new Error('bug'))).toBe('other');
    expect(faultKind('text')).toBe('other');
    expect(faultKind({ some: 'thing' })).toBe('other');
    expect(faultKind(new TypeError('terminated'))).toBe('cut');
  });

  it('says which kinds are retried and which give the agent up at once', () => {
    expect(
      ['rate-limit', 'overloaded', 'server', 'cut', 'connection'].every((k) => isRetryableFault(k as never)),
    ).toBe(true);
    expect(isRetryableFault('quota') || isRetryableFault('rejected') || isRetryableFault('other')).toBe(
      false,
    );
    expect(isPermanentFault('quota') && isPermanentFault('rejected')).toBe(true);
    expect(isPermanentFault('other') || isPermanentFault('server')).toBe(false);
  });
});

describe('faultHint and faultStatus', () => {
  it('names the key, the model, the account or the endpoint to check', () => {
    expect(faultHint(apiError(401), 'claude')).toBe(
      'check the API key (backend.api_key or ANTHROPIC_API_KEY)',
    );
    expect(faultHint(apiError(403), 'gemini')).toBe(
      'check the API key (backend.api_key or GEMINI_API_KEY / GOOGLE_API_KEY)',
    );
    expect(faultHint(apiError(401), 'chatcompletion')).toBe('check the API key (backend.api_key)');
    expect(faultHint(apiError(404), 'openai')).toBe('check backend.model and backend.base_url');
    expect(
      faultHint(apiError(429, { error: { type: 'insufficient_quota', code: 'insufficient_quota' } })),
    ).toBe('check the plan and billing of the provider account');
    expect(faultHint(apiError(undefined, undefined, true))).toBe(
      'check backend.base_url and that the server is running',
    );
    expect(faultHint(apiError(500))).toBeUndefined();
    expect(faultHint(apiError(400))).toBeUndefined();
  });

  it('gives the HTTP status only for HTTP errors', () => {
    expect(faultStatus(apiError(429))).toBe(429);
    expect(faultStatus(apiError(200, undefined, true))).toBeUndefined();
    expect(faultStatus({ type: 'overloaded_error', message: 'Overloaded' })).toBeUndefined();
    expect(faultStatus(new Error('x'))).toBeUndefined();
  });
});
