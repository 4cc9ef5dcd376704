import { calcPrice } from '@pydantic/genai-prices';
import { describe, expect, it } from 'vitest';
import { formatCost, formatTokens, priceProviderId, usageCost } from '../../src/ui/cost.js';

const usage = { inputTokens: 1000, outputTokens: 500 };

describe('cost', () => {
  it('prices the three main providers from the backend type', () => {
    for (const [backend, model, provider] of [
      ['openai', 'gpt-5-mini', 'openai'],
      ['claude', 'claude-sonnet-4-5', 'anthropic'],
      ['gemini', 'gemini-2.5-flash', 'google'],
      ['grok', 'grok-4', 'x-ai'],
    ] as const) {
      expect(priceProviderId(backend)).toBe(provider);
      const expected = calcPrice({ input_tokens: 1000, output_tokens: 500 }, model, { providerId: provider });
      expect(expected).not.toBeNull();
      expect(usageCost(backend, model, usage)).toBeCloseTo(expected!.total_price, 10);
    }
  });

  it('claude-sonnet-4-5 costs $3 / $15 per million tokens', () => {
    expect(usageCost('claude', 'claude-sonnet-4-5', usage)).toBeCloseTo(0.003 + 0.0075, 8);
  });

  it('prices a copilot agent by its model, whichever provider the model is from', () => {
    expect(usageCost('copilot', 'claude-sonnet-4-5', usage)).toBeCloseTo(0.003 + 0.0075, 8);
    expect(usageCost('copilot', 'gpt-5-mini', usage)).toBeCloseTo(
      usageCost('openai', 'gpt-5-mini', usage)!,
      10,
    );
    expect(usageCost('copilot', 'my-local-model', usage)).toBeUndefined();
  });

  it('has no price for unknown models and local or generic servers', () => {
    expect(usageCost('openai', 'my-finetune-xyz', usage)).toBeUndefined();
    expect(usageCost('chatcompletion', 'gpt-4o', usage)).toBeUndefined();
    expect(usageCost('lmstudio', 'qwen3-8b', usage)).toBeUndefined();
  });

  it('prices cached input at the cache rate and never fails on odd counts', () => {
    const cached = usageCost('claude', 'claude-sonnet-4-5', { ...usage, cachedInputTokens: 800 })!;
    expect(cached).toBeLessThan(usageCost('claude', 'claude-sonnet-4-5', usage)!);
    expect(usageCost('claude', 'claude-sonnet-4-5', { ...usage, cachedInputTokens: 5000 })).toBeDefined();
  });

  it('formats tokens and dollars compactly', () => {
    expect(formatTokens(950)).toBe('950');
    expect(formatTokens(1234)).toBe('1.2k');
    expect(formatTokens(31_000)).toBe('31k');
    expect(formatTokens(4_500_000)).toBe('4.5M');
    expect(formatCost(0.01234)).toBe('$0.0123');
    expect(formatCost(2.5)).toBe('$2.50');
    expect(formatCost(0.00001)).toBe('<$0.0001');
  });
});
