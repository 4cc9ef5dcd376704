import { describe, expect, it } from 'vitest';
import { geminiCombinesTools, mergeProviderOptions, nativeTools } from '../../src/providers/native-tools.js';

const ids = (tools: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(tools).map(([name, t]) => [name, (t as { id: string }).id]));

describe('provider-native tools', () => {
  it('maps the enable_* flags to each provider’s own tool', async () => {
    expect(
      ids(
        (await nativeTools({ type: 'openai', enable_web_search: true, enable_code_interpreter: true })).tools,
      ),
    ).toEqual({
      web_search: 'openai.web_search',
      code_interpreter: 'openai.code_interpreter',
    });
    expect(
      ids(
        (await nativeTools({ type: 'claude', enable_web_search: true, enable_code_execution: true })).tools,
      ),
    ).toEqual({
      web_search: 'anthropic.web_search_20250305',
      code_execution: 'anthropic.code_execution_20250522',
    });
    const gemini = await nativeTools({
      type: 'gemini',
      model: 'gemini-2.5-flash',
      enable_web_search: true,
      enable_code_execution: true,
    });
    expect(ids(gemini.tools)).toEqual({
      google_search: 'google.google_search',
      code_execution: 'google.code_execution',
    });
    expect(gemini.exclusive).toBe(true);
    const grok = await nativeTools({ type: 'grok', enable_web_search: true });
    expect(grok.tools).toEqual({});
    expect(grok.providerOptions).toEqual({
      xai: { searchParameters: { mode: 'auto', returnCitations: true } },
    });
    expect(await nativeTools({ type: 'openai' })).toEqual({ tools: {}, exclusive: false });
  });

  it('knows which Gemini models combine provider and function tools', () => {
    expect(geminiCombinesTools('gemini-3-pro-preview')).toBe(true);
    expect(geminiCombinesTools('gemini-2.5-flash')).toBe(false);
    expect(geminiCombinesTools('models/gemini-2.0-flash')).toBe(false);
    expect(geminiCombinesTools('gemini-1.5-pro')).toBe(false);
  });

  it('merges provider options per provider', () => {
    expect(mergeProviderOptions({ xai: { a: 1 }, openai: { b: 2 } }, { xai: { c: 3 } })).toEqual({
      xai: { a: 1, c: 3 },
      openai: { b: 2 },
    });
    expect(mergeProviderOptions(undefined, undefined)).toBeUndefined();
  });
});
