import { generateText } from 'ai';
import { describe, expect, it } from 'vitest';
import { defineConfig } from '../../src/run/config-source.js';
import { runConfig } from '../../src/run/run-config.js';
import { answer, protocolModel, ScriptMismatchError, scriptedModel, vote } from '../../src/testing/index.js';

const config = defineConfig({
  agents: [
    { id: 'a', backend: { type: 'openai', model: 'gpt-5' } },
    { id: 'b', backend: { type: 'openai', model: 'gpt-5' } },
  ],
});

describe('massgen/testing scripted models', () => {
  it('replies in order and reports what each call asked', async () => {
    const model = scriptedModel([{ text: 'one' }, (call) => ({ text: `second call, index ${call.index}` })]);
    expect((await generateText({ model, prompt: 'hi' })).text).toBe('one');
    expect((await generateText({ model, prompt: 'again' })).text).toBe('second call, index 1');
    expect(model.calls.map((c) => [c.phase, c.text])).toEqual([
      ['presentation', 'hi'],
      ['presentation', 'again'],
    ]);
    expect(() => model.verify()).not.toThrow();
  });

  it('strict: a call beyond the script fails, and verify() names it and every unused reply', async () => {
    const short = scriptedModel([{ text: 'only' }], { modelId: 'short' });
    await generateText({ model: short, prompt: 'x' });
    await expect(generateText({ model: short, prompt: 'y', maxRetries: 0 })).rejects.toThrow(
      'short: unexpected call #2 (presentation): no scripted reply left',
    );
    expect(() => short.verify()).toThrow(ScriptMismatchError);
    const long = scriptedModel([{ text: 'a' }, { text: 'b' }, { text: 'c' }], { modelId: 'long' });
    await generateText({ model: long, prompt: 'x' });
    expect(() => long.verify()).toThrow('long: 2 scripted replies were never used');
  });

  it('a run with scripted agents: a missing reply shows as that agent failing, and verify() says why', async () => {
    const a = scriptedModel([answer('Four.'), vote('agent1'), { text: 'It is four.' }], { modelId: 'a' });
    const b = scriptedModel([answer('4')], { modelId: 'b' });
    const outcome = await runConfig(config, { question: '2+2?', logRoot: false, models: { a, b } });
    expect(outcome).toMatchObject({ status: 'completed', winner: 'a', finalAnswer: 'It is four.' });
    expect(() => a.verify()).not.toThrow();
    expect(() => b.verify()).toThrow('b: unexpected call #2 (coordination): no scripted reply left');
  });

  it('protocolModel follows the protocol for any number of agents', async () => {
    const ids = ['a', 'b', 'c'];
    const three = defineConfig({ agents: ids.map((id) => ({ id, backend: { type: 'claude' as const } })) });
    const models = Object.fromEntries(ids.map((id) => [id, protocolModel(id)]));
    const outcome = await runConfig(three, { question: 'Q', logRoot: false, models });
    expect(outcome).toMatchObject({ status: 'completed', winner: 'a', votes: { a: 3 } });
    expect(Object.values(models).map((m) => m.calls.length)).toEqual([3, 2, 2]);
  });
});
