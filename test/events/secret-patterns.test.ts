import { describe, expect, it } from 'vitest';
import { isSecretKey } from '../../src/config/secret-settings.js';
import { createRedactor } from '../../src/events/redaction.js';
import { hideSecretShapes, isSecretParameter } from '../../src/events/secret-patterns.js';

describe('hideSecretShapes', () => {
  it.each([
    ['Authorization: Bearer sk-live-123.abc', 'Authorization: Bearer ***'],
    ['proxy-authorization: Basic dXNlcjpwYXNz', 'proxy-authorization: Basic ***'],
    ['{"authorization":"Bearer abc.def","accept":"json"}', '{"authorization":"Bearer ***","accept":"json"}'],
    ["headers={'X-Api-Key': 'k-98765'}", "headers={'X-Api-Key': '***'}"],
    ['x-goog-api-key=AIzaSyA-1234', 'x-goog-api-key=***'],
    ['Cookie: session=abc123; theme=dark', 'Cookie: ***'],
    ['set-cookie: sid=42; Path=/; HttpOnly\nnext line', 'set-cookie: ***\nnext line'],
    ['export SERVICE_KEY=abcdef and more', 'export SERVICE_KEY=*** and more'],
    ['"access_token": "ya29.xyz", "expires_in": 3599', '"access_token": "***", "expires_in": 3599'],
    ['client-secret: s3cr3t', 'client-secret: ***'],
    ['DB_PASSWORD=hunter22', 'DB_PASSWORD=***'],
    [
      'GET https://api.example.com/v1/x?api_key=abc123&limit=5',
      'GET https://api.example.com/v1/x?api_key=***&limit=5',
    ],
    ['https://host/p?alt=sse&key=AIzaSy-gemini-key', 'https://host/p?alt=sse&key=***'],
    ['https://h/?a=1&token=t0k3n#frag', 'https://h/?a=1&token=***#frag'],
    [
      'https://h/?X-Amz-Credential=AKIA%2F&X-Amz-Signature=ff00',
      'https://h/?X-Amz-Credential=***&X-Amz-Signature=***',
    ],
    [
      'connect postgres://admin:pa55w0rd@db.internal:5432/app',
      'connect postgres://admin:***@db.internal:5432/app',
    ],
    ['https://user:p%40ss@proxy.example/v1 failed', 'https://user:***@proxy.example/v1 failed'],
  ])('%s', (input, expected) => {
    expect(hideSecretShapes(input)).toBe(expected);
  });

  it.each([
    'max_tokens: 4096',
    'input_tokens=12, output_tokens=30',
    'agents[1].backend.api_key: ${MY_KEY} is not set or is empty (agent "b")',
    'agents[0].backend.api_key: expected a string, got a value that is not shown',
    'agents[0].backend.mcp_servers[0].headers.Authorization: expected a string',
    'needs an API key: set OPENAI_API_KEY in the environment',
    'see https://example.com/docs?page=2&lang=en',
    'ssh://git@github.com/org/repo.git',
    'a key: value pair; the token: count',
    'Authorization: ***',
    'add `headers: { Authorization: "Bearer ${TOKEN}" }` to its mcp_servers entry',
    'OPENAI_API_KEY=',
  ])('leaves %s as it is', (input) => {
    expect(hideSecretShapes(input)).toBe(input);
  });

  it('runs in linear time on long identifiers without a key suffix', () => {
    const text = `${'a_'.repeat(200_000)}b: ${'word '.repeat(100_000)}`;
    const started = performance.now();
    expect(hideSecretShapes(text)).toBe(text);
    expect(performance.now() - started).toBeLessThan(2000);
  });
});

describe('secret names', () => {
  it('any *_KEY, *_TOKEN, *_SECRET name is a secret key; max_tokens and key alone are not', () => {
    expect(
      ['SERVICE_KEY', 'signingKey', 'session-token', 'client_secret', 'x-api-key', 'Set-Cookie'].map(
        isSecretKey,
      ),
    ).toEqual([true, true, true, true, true, true]);
    expect(['max_tokens', 'key', 'keyboard', 'monkey', 'tokens_used'].map(isSecretKey)).toEqual([
      false,
      false,
      false,
      false,
      false,
    ]);
  });

  it('secret query parameters', () => {
    expect(
      ['key', 'api_key', 'apiKey', 'token', 'access_token', 'sig', 'page', 'alt'].map(isSecretParameter),
    ).toEqual([true, true, true, true, true, true, false, false]);
  });
});

describe('the redactor hides secrets by shape inside events', () => {
  it('a provider error message echoing a URL and headers', () => {
    const { redact } = createRedactor({ env: {} });
    const event = {
      type: 'agent-error',
      error:
        '400 from https://bob:hunter2@proxy.example/v1beta/models/m:streamGenerateContent?alt=sse&key=AIzaSyD-secret (request headers: {"x-goog-api-key":"AIzaSyD-secret","cookie":"sid=1"})',
    };
    expect(redact(event)).toEqual({
      type: 'agent-error',
      error:
        '400 from https://bob:***@proxy.example/v1beta/models/m:streamGenerateContent?alt=sse&key=*** (request headers: {"x-goog-api-key":"***","cookie":"***"})',
    });
  });
});
