import { APICallError, TypeValidationError } from '@ai-sdk/provider';
import { describe, expect, it } from 'vitest';
import { errorText, providerErrorDetail, providerMessage } from '../src/error-text.js';

const apiError = (
  statusCode: number | undefined,
  body: unknown,
  extra: Partial<ConstructorParameters<typeof APICallError>[0]> = {},
) =>
  new APICallError({
    message: 'sdk message',
    url: 'http://x/v1',
    requestBodyValues: {},
    statusCode,
    responseBody: body === undefined ? undefined : JSON.stringify(body),
    ...extra,
  });

describe('errorText', () => {
  it('names the status and the provider error type and message of an HTTP error, for each provider', () => {
    const anthropic = {
      type: 'error',
      error: { type: 'overloaded_error', message: 'Overloaded' },
      request_id: 'r',
    };
    const openai = {
      error: { message: 'Rate limit reached.', type: 'requests', param: null, code: 'rate_limit_exceeded' },
    };
    const gemini = { error: { code: 429, message: 'Quota exceeded.', status: 'RESOURCE_EXHAUSTED' } };
    expect(errorText(apiError(529, anthropic))).toBe('529 overloaded_error: Overloaded');
    expect(errorText(apiError(429, openai))).toBe('429 rate_limit_exceeded: Rate limit reached.');
    expect(errorText(apiError(429, gemini))).toBe('429 RESOURCE_EXHAUSTED: Quota exceeded.');
    expect(errorText(apiError(500, [gemini]))).toBe('500 RESOURCE_EXHAUSTED: Quota exceeded.');
    expect(errorText(apiError(502, undefined))).toBe('502 sdk message');
  });

  it('reads the error frame an SDK attached as data (an in-stream error before any output)', () => {
    const frame = {
      type: 'error',
      code: 'server_error',
      message: 'Failed.',
      param: null,
      sequence_number: 2,
    };
    expect(errorText(apiError(500, undefined, { data: frame }))).toBe('500 server_error: Failed.');
  });

  it('describes a broken connection and a broken stream with their cause', () => {
    const refused = apiError(undefined, undefined, {
      message: 'Cannot connect to API: connect ECONNREFUSED 127.0.0.1:9',
      cause: new Error('connect ECONNREFUSED 127.0.0.1:9'),
      isRetryable: true,
    });
    expect(errorText(refused)).toBe('Cannot connect to API: connect ECONNREFUSED 127.0.0.1:9');
    const cut = apiError(200, undefined, {
      message: 'Failed to process successful response',
      cause: new TypeError('terminated'),
      isRetryable: true,
    });
    expect(errorText(cut)).toBe('the reply stream broke off (terminated)');
  });

  it('turns the SDKs’ in-stream error objects into type: message', () => {
    expect(errorText({ type: 'overloaded_error', message: 'Overloaded' })).toBe(
      'overloaded_error: Overloaded',
    );
    expect(errorText({ type: 'error', error: { type: 'api_error', message: 'Internal server error' } })).toBe(
      'api_error: Internal server error',
    );
    const openai = {
      message: 'The model failed.',
      type: 'response.failed',
      code: 'server_error',
      statusCode: 500,
      isRetryable: true,
    };
    expect(errorText(openai)).toBe('server_error: The model failed.');
    expect(errorText({ message: 'Bad.', type: 'invalid_request_error', param: null, code: null })).toBe(
      'invalid_request_error: Bad.',
    );
    expect(errorText({ error: { code: 500, message: 'Internal.', status: 'INTERNAL' } })).toBe(
      'INTERNAL: Internal.',
    );
  });

  it('reads a provider error object a stream chunk carried where content was expected', () => {
    const error = new TypeValidationError({
      value: { error: { code: 503, message: 'Busy.', status: 'UNAVAILABLE' } },
      cause: 'x',
    });
    expect(errorText(error)).toBe('UNAVAILABLE: Busy.');
  });

  it('gives errors, strings and anything else as text, never [object Object]', () => {
    expect(errorText(new Error('boom'))).toBe('boom');
    expect(errorText(new RangeError(''))).toBe('RangeError');
    expect(errorText('plain')).toBe('plain');
    expect(errorText(undefined)).toBe('unknown error');
    expect(errorText({ reason: 'odd', n: 1 })).toBe('{"reason":"odd","n":1}');
    expect(errorText({ message: 'has a message' })).toBe('has a message');
    expect(errorText(42)).toBe('42');
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    expect(errorText(circular)).toBe('an object that cannot be shown as text');
    class Odd {
      self = this;
    }
    expect(errorText(new Odd())).toBe('Odd that cannot be shown as text');
  });
});

describe('providerMessage and providerErrorDetail', () => {
  it('gives the provider message without the HTTP status, and the status apart', () => {
    const error = apiError(429, {
      error: { message: 'Slow down.', type: 'requests', code: 'rate_limit_exceeded' },
    });
    expect(providerMessage(error)).toBe('rate_limit_exceeded: Slow down.');
    expect(providerErrorDetail(error)).toEqual({
      statusCode: 429,
      type: 'requests',
      code: 'rate_limit_exceeded',
      message: 'Slow down.',
    });
    expect(providerMessage({ type: 'overloaded_error', message: 'Overloaded' })).toBe(
      'overloaded_error: Overloaded',
    );
    expect(providerErrorDetail(new Error('not a provider error'))).toBeUndefined();
  });
});
