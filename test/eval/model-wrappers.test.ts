import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { LanguageModelV3CallOptions, LanguageModelV3StreamPart } from '@ai-sdk/provider';
import { describe, expect, it } from 'vitest';
import { Limiter } from '../../src/eval/limiter.js';
import { cachedModel, limitedModel } from '../../src/eval/model-wrappers.js';
import { ResponseCache } from '../../src/eval/response-cache.js';
import { scriptedModel } from '../../src/testing/scripted-model.js';

const call = (text: string): LanguageModelV3CallOptions => ({
  prompt: [
    {
      role: 'system',
      content: `Be brief.\nCurrent time: ${text === 'later' ? '2026-01-01 10:00:01' : '2026-01-01 09:00:00'}`,
    },
    { role: 'user', content: [{ type: 'text', text: text === 'later' ? 'hello' : text }] },
  ],
});

async function parts(stream: ReadableStream<LanguageModelV3StreamPart>) {
  const out: LanguageModelV3StreamPart[] = [];
  for await (const p of stream as unknown as AsyncIterable<LanguageModelV3StreamPart>) out.push(p);
  return out;
}
const textOf = (ps: LanguageModelV3StreamPart[]) =>
  ps.map((p) => (p.type === 'text-delta' ? p.delta : '')).join('');

describe('eval model wrappers', () => {
  it('the response cache answers an identical request (clock line aside) from disk, with the same parts', async () => {
    const cache = new ResponseCache(mkdtempSync(path.join(os.tmpdir(), 'massgen-cache-')));
    const inner = scriptedModel([{ text: 'first reply' }, { text: 'second reply' }]);
    const model = cachedModel(inner, cache);
    const cold = await parts((await model.doStream(call('hello'))).stream);
    const warm = await parts((await model.doStream(call('later'))).stream);
    const other = await parts((await model.doStream(call('other'))).stream);
    expect(textOf(cold)).toBe('first reply');
    expect(textOf(warm)).toBe('first reply');
    expect(textOf(other)).toBe('second reply');
    expect(inner.calls).toHaveLength(2);
    expect(cache.stats).toEqual({ hits: 1, misses: 2 });
    expect(warm.find((p) => p.type === 'finish')).toEqual(cold.find((p) => p.type === 'finish'));
  });

  it('a failed reply is not cached', async () => {
    const cache = new ResponseCache(mkdtempSync(path.join(os.tmpdir(), 'massgen-cache-')));
    const inner = scriptedModel([{ text: 'half', error: new Error('cut') }, { text: 'whole' }]);
    const model = cachedModel(inner, cache);
    await parts((await model.doStream(call('q'))).stream).catch(() => {});
    const again = await parts((await model.doStream(call('q'))).stream);
    expect(textOf(again)).toBe('whole');
    expect(inner.calls).toHaveLength(2);
  });

  it('the limiter holds a slot until the stream is read to its end', async () => {
    const limiter = new Limiter(1);
    const model = limitedModel(scriptedModel([{ text: 'a' }, { text: 'b' }]), limiter);
    const first = await model.doStream(call('x'));
    let secondStarted = false;
    const second = model.doStream(call('y')).then((r) => {
      secondStarted = true;
      return r;
    });
    await new Promise((r) => setTimeout(r, 20));
    expect(secondStarted).toBe(false);
    expect(textOf(await parts(first.stream))).toBe('a');
    expect(textOf(await parts((await second).stream))).toBe('b');
  });
});
