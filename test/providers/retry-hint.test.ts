import { APICallError } from '@ai-sdk/provider';
import { describe, expect, it } from 'vitest';
import { parseDuration, retryHintMs } from '../../src/providers/retry-hint.js';

const withReply = (headers: Record<string, string>, body?: unknown) =>
  new APICallError({
    message: 'm',
    url: 'http://x',
    requestBodyValues: {},
    statusCode: 429,
    responseHeaders: headers,
    responseBody: body === undefined ? undefined : JSON.stringify(body),
  });

const retryInfo = (delay: string) => ({
  error: {
    code: 429,
    status: 'RESOURCE_EXHAUSTED',
    message: 'x',
    details: [
      { '@type': 'type.googleapis.com/google.rpc.QuotaFailure', violations: [] },
      { '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: delay },
    ],
  },
});

describe('parseDuration', () => {
  it('reads protobuf and Go-style durations', () => {
    expect(parseDuration('3s')).toBe(3000);
    expect(parseDuration('1.5s')).toBe(1500);
    expect(parseDuration('0.250s')).toBe(250);
    expect(parseDuration('20ms')).toBe(20);
    expect(parseDuration('6m0s')).toBe(360_000);
    expect(parseDuration('1h2m3.5s')).toBe(3_723_500);
    expect(parseDuration('soon')).toBeUndefined();
    expect(parseDuration('')).toBeUndefined();
  });
});

describe('retryHintMs', () => {
  it('prefers retry-after-ms, then retry-after (seconds or an HTTP date)', () => {
    expect(retryHintMs(withReply({ 'retry-after-ms': '250', 'retry-after': '9' }))).toBe(250);
    expect(retryHintMs(withReply({ 'retry-after': '4' }))).toBe(4000);
    const now = Date.parse('2030-01-01T00:00:00Z');
    expect(retryHintMs(withReply({ 'retry-after': 'Tue, 01 Jan 2030 00:00:07 GMT' }), now)).toBe(7000);
  });

  it('uses OpenAI’s reset time of an exhausted limit only', () => {
    const headers = {
      'x-ratelimit-remaining-requests': '0',
      'x-ratelimit-reset-requests': '1s',
      'x-ratelimit-remaining-tokens': '100',
      'x-ratelimit-reset-tokens': '6m0s',
    };
    expect(retryHintMs(withReply(headers))).toBe(1000);
    expect(retryHintMs(withReply({ ...headers, 'x-ratelimit-remaining-tokens': '0' }))).toBe(360_000);
    expect(retryHintMs(withReply({ ...headers, 'x-ratelimit-remaining-requests': '3' }))).toBeUndefined();
  });

  it('reads Gemini’s RetryInfo when no header says anything', () => {
    expect(retryHintMs(withReply({}, retryInfo('3s')))).toBe(3000);
    expect(retryHintMs(withReply({}, [retryInfo('0.5s')]))).toBe(500);
    expect(retryHintMs(withReply({ 'retry-after': '1' }, retryInfo('3s')))).toBe(1000);
    expect(retryHintMs(withReply({}, { error: { message: 'no details' } }))).toBeUndefined();
  });

  it('says nothing for errors without a reply', () => {
    expect(retryHintMs(new Error('x'))).toBeUndefined();
    expect(retryHintMs({ type: 'overloaded_error', message: 'Overloaded' })).toBeUndefined();
  });
});
