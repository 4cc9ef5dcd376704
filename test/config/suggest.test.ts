import { describe, expect, it } from 'vitest';
import { closestMatch, didYouMean, editDistance } from '../../src/config/suggest.js';

describe('did-you-mean', () => {
  it('counts an adjacent swap as one edit', () => {
    expect(editDistance('agnets', 'agents')).toBe(1);
    expect(editDistance('model', 'modle')).toBe(1);
    expect(editDistance('', 'abc')).toBe(3);
  });

  it('finds the closest key, ignoring case and dashes', () => {
    expect(closestMatch('Display-Type', ['display_type', 'logging_enabled'])).toBe('display_type');
    expect(closestMatch('web_search', ['enable_web_search', 'model'])).toBe('enable_web_search');
    expect(closestMatch('zzzz', ['model', 'type'])).toBeUndefined();
  });

  it('lists the valid names when nothing is close', () => {
    expect(didYouMean('zzzz', ['model', 'type'])).toBe('valid keys: `model`, `type`');
  });
});
