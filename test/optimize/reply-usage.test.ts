import { describe, expect, it } from 'vitest';
import { replyUsage } from '../../src/optimize/reply-usage.js';

describe('replyUsage', () => {
  it('reads Chat Completions (and Azure) usage with cached prompt tokens', () => {
    const body = {
      usage: { prompt_tokens: 50, completion_tokens: 7, prompt_tokens_details: { cached_tokens: 20 } },
    };
    expect(replyUsage('chat', body)).toEqual({ inputTokens: 50, outputTokens: 7, cachedInputTokens: 20 });
    expect(replyUsage('azure', body)).toEqual(replyUsage('chat', body));
  });

  it('counts Anthropic cache reads and writes as input, the reads as cached', () => {
    const body = {
      usage: {
        input_tokens: 10,
        cache_read_input_tokens: 30,
        cache_creation_input_tokens: 5,
        output_tokens: 4,
      },
    };
    expect(replyUsage('anthropic', body)).toEqual({
      inputTokens: 45,
      outputTokens: 4,
      cachedInputTokens: 30,
    });
  });

  it('counts Gemini thoughts as output', () => {
    const body = {
      usageMetadata: {
        promptTokenCount: 12,
        candidatesTokenCount: 3,
        thoughtsTokenCount: 8,
        cachedContentTokenCount: 2,
      },
    };
    expect(replyUsage('gemini', body)).toEqual({
      inputTokens: 12,
      outputTokens: 11,
      reasoningTokens: 8,
      cachedInputTokens: 2,
    });
  });

  it('is undefined for an error body or another API’s usage', () => {
    expect(replyUsage('chat', { error: { message: 'no' } })).toBeUndefined();
    expect(replyUsage('anthropic', { usage: { prompt_tokens: 3 } })).toBeUndefined();
    expect(replyUsage('gemini', null)).toBeUndefined();
  });
});
