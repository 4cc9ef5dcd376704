import { describe, expect, it } from 'vitest';
import { dspySchema } from '../../src/config/schema-orchestrator.js';
import {
  dealVariants,
  isUsableVariant,
  rewrittenQuestion,
  temperatureSchedule,
  variantsCacheKey,
} from '../../src/paraphrase/variants.js';

describe('paraphrase rules', () => {
  it('has MassGen’s defaults', () => {
    expect(dspySchema.parse({})).toEqual({
      enabled: false,
      num_variants: 3,
      strategy: 'balanced',
      cache_enabled: true,
      semantic_threshold: 0.85,
      use_chain_of_thought: false,
      validate_semantics: true,
      temperature_range: [0.3, 0.9],
    });
  });

  it('schedules temperatures per strategy; a backend temperature fixes one', () => {
    expect(temperatureSchedule('diverse', [0.3, 0.9])).toEqual([0.3, 0.6, 0.9]);
    expect(temperatureSchedule('conservative', [0.3, 0.9])).toEqual([0.3, 0.4, 0.5]);
    expect(temperatureSchedule('balanced', [0.3, 0.9])).toEqual([0.5, 0.6, 0.7]);
    expect(temperatureSchedule('adaptive', [0.3, 0.9])).toEqual([0.3, 0.5, 0.7, 0.9]);
    expect(temperatureSchedule('diverse', [0.3, 0.9], 0.2)).toEqual([0.2]);
  });

  it('keeps variants that reword the question, drops copies and ones far off in length or words', () => {
    const q = 'What is the tallest mountain on Earth?';
    expect(isUsableVariant(q, 'Which mountain on Earth is the tallest?')).toBe(true);
    expect(isUsableVariant(q, 'what is the tallest mountain on earth?')).toBe(false);
    expect(isUsableVariant(q, 'Why?')).toBe(false);
    expect(isUsableVariant(q, `${q} ${q} ${q}`)).toBe(false);
    expect(isUsableVariant(q, 'Describe quantum chromodynamics briefly please')).toBe(false);
  });

  it('reads the rewritten question after a chain of thought', () => {
    expect(rewrittenQuestion('  "Which peak is highest?"  ')).toBe('Which peak is highest?');
    expect(rewrittenQuestion('It asks for a mountain.\nRewritten question: Which peak is highest?')).toBe(
      'Which peak is highest?',
    );
  });

  it('keys the cache by the question and every setting', () => {
    const config = dspySchema.parse({ enabled: true, backend: { type: 'openai', model: 'gpt-4o-mini' } });
    const key = variantsCacheKey('Q', config);
    expect(variantsCacheKey('Q', config)).toBe(key);
    expect(variantsCacheKey('Q2', config)).not.toBe(key);
    expect(variantsCacheKey('Q', { ...config, strategy: 'diverse' })).not.toBe(key);
    expect(variantsCacheKey('Q', { ...config, num_variants: 2 })).not.toBe(key);
    expect(variantsCacheKey('Q', { ...config, backend: { ...config.backend!, model: 'gpt-4o' } })).not.toBe(
      key,
    );
  });

  it('deals variants round robin in config order', () => {
    expect(dealVariants(['a', 'b', 'c'], ['x', 'y'])).toEqual({ a: 'x', b: 'y', c: 'x' });
    expect(dealVariants(['a'], [])).toEqual({});
  });
});
