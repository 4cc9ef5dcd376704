import { describe, expect, it } from 'vitest';
import { createRedactor, REDACTED, secretValues } from '../../src/events/redaction.js';

const config = {
  agents: [
    {
      id: 'a',
      backend: {
        type: 'openai',
        api_key: '${ACCOUNT}',
        max_tokens: 100,
        mcp_servers: [
          {
            name: 'web',
            url: 'http://x/mcp',
            headers: { Authorization: 'Bearer ${PHRASE}', 'Content-Type': 'application/json' },
          },
          { name: 'gh', command: 'gh', env: { GITHUB_TOKEN: 'ghp_literal_token_1', LOG_LEVEL: 'info' } },
        ],
      },
    },
  ],
};
const env = {
  ACCOUNT: 'account-var-value-1',
  PHRASE: 'phrase-var-value-in-header',
  OPENAI_API_KEY: 'sk-from-the-environment',
  SHORT_TOKEN: 'abc',
  HOME: '/home/someone',
};

describe('secretValues', () => {
  it('collects key variables, variables the secret settings use and literal secrets, longest first', () => {
    expect(secretValues({ env, config })).toEqual([
      'phrase-var-value-in-header',
      'sk-from-the-environment',
      'account-var-value-1',
      'ghp_literal_token_1',
    ]);
  });
});

describe('createRedactor', () => {
  const redactor = createRedactor({ env, config });

  it('blanks secret settings by key: api_key, every header, env entries named like keys', () => {
    expect(redactor.redact(config)).toEqual({
      agents: [
        {
          id: 'a',
          backend: {
            type: 'openai',
            api_key: REDACTED,
            max_tokens: 100,
            mcp_servers: [
              {
                name: 'web',
                url: 'http://x/mcp',
                headers: { Authorization: REDACTED, 'Content-Type': REDACTED },
              },
              { name: 'gh', command: 'gh', env: { GITHUB_TOKEN: REDACTED, LOG_LEVEL: 'info' } },
            ],
          },
        },
      ],
    });
  });

  it('blanks every occurrence of a known secret in any string, at any depth', () => {
    const event = {
      type: 'tool-result',
      output: {
        text: 'Bearer phrase-var-value-in-header and account-var-value-1; again account-var-value-1',
      },
      list: ['ghp_literal_token_1', 'sk-from-the-environment!'],
    };
    expect(redactor.redact(event)).toEqual({
      type: 'tool-result',
      output: { text: 'Bearer *** and ***; again ***' },
      list: ['***', '***!'],
    });
  });

  it('keeps short values, ordinary words and numbers, and returns the same object when nothing is hidden', () => {
    const event = { type: 'usage', usage: { inputTokens: 5, outputTokens: 2 }, text: 'abc /home/someone' };
    expect(redactor.redact(event)).toBe(event);
    expect(redactor.redactText('application/json')).toBe('application/json');
  });

  it('leaves a cycle as it is instead of walking it forever', () => {
    const input: Record<string, unknown> = { token: 'abc', note: 'sk-from-the-environment' };
    input.self = input;
    const out = redactor.redact({ type: 'tool-call', input }) as { input: Record<string, unknown> };
    expect(out.input.token).toBe(REDACTED);
    expect(out.input.note).toBe(REDACTED);
    expect(out.input.self).toBe(input);
  });

  it('works without a config: environment key variables only', () => {
    const bare = createRedactor({ env });
    expect(bare.redactText('sk-from-the-environment / account-var-value-1')).toBe(
      '*** / account-var-value-1',
    );
  });
});
