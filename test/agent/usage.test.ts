/**
 * Token usage is counted once per reply, though providers report it more than once while streaming:
 * Anthropic in message_start and again (cumulative) in message_delta, Gemini on every chunk, some
 * Chat Completions servers on every chunk. The `usage` events must add up to exactly what the
 * provider reported.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { streamStep } from '../../src/agent/stream-step.js';
import type { EventInput } from '../../src/events/types.js';
import type { BackendType } from '../../src/providers/catalog.js';
import { textChunks } from '../fake-provider/reply-parts.js';
import { consensus, type FakeReply } from '../fake-provider/scenario.js';
import { createFakeProvider, type FakeProvider } from '../fake-provider/server.js';
import { fakeAgent } from '../support/fake-agents.js';
import { setup } from '../support/run-setup.js';

let fake: FakeProvider;
beforeAll(async () => {
  fake = await createFakeProvider();
});
afterAll(() => fake.close());

const usage = { inputTokens: 1234, outputTokens: 567, reasoningTokens: 89 };
const reported: FakeReply = {
  text: 'A fairly long reply, streamed in many small chunks so that usage arrives several times.',
  reasoning: 'Some thinking first, also in several chunks.',
  usage,
  usageOnEveryChunk: true,
};

const agents: Array<[BackendType, string]> = [
  ['openai', 'gpt-5-mini'],
  ['claude', 'claude-sonnet-4-5'],
  ['gemini', 'gemini-2.5-flash'],
  ['chatcompletion', 'llama3.2'],
  ['grok', 'grok-4'],
];

describe('usage of one reply', () => {
  it.each(agents)('%s reports it once, with the provider’s exact counts', async (type, model) => {
    fake.setScenario(() => reported);
    const agent = await fakeAgent(fake, 'a', 0, type, model);
    const events: EventInput[] = [];
    await streamStep({
      agent,
      system: 's',
      messages: [{ role: 'user', content: 'q' }],
      emit: (e) => events.push(e),
      signal: new AbortController().signal,
      phase: 'coordination',
    });
    expect(events.filter((e) => e.type === 'usage')).toEqual([
      {
        type: 'usage',
        agentId: 'a',
        phase: 'coordination',
        usage: { ...usage, cachedInputTokens: 0 },
      },
    ]);
  });
});

describe('usage of a run', () => {
  it('the usage events of each agent add up to the provider’s counts of its requests', async () => {
    fake.setScenario((req) => {
      const base = consensus()(req) as FakeReply;
      return { ...reported, ...base, text: base.text };
    });
    const runtimes = await Promise.all(
      agents.map(([type, model], i) => fakeAgent(fake, `a${i}`, i, type, model)),
    );
    const start = fake.requests.length;
    const t = setup(runtimes);
    const result = await t.run();
    expect(result.status).toBe('completed');
    for (const [i, [, model]] of agents.entries()) {
      const requests = fake.requests.slice(start).filter((r) => r.model === model).length;
      const events = t.of('usage').filter((e) => e.agentId === `a${i}`);
      expect(events).toHaveLength(requests);
      const sum = (key: 'inputTokens' | 'outputTokens' | 'reasoningTokens') =>
        events.reduce((n, e) => n + (e.usage[key] ?? 0), 0);
      expect([sum('inputTokens'), sum('outputTokens'), sum('reasoningTokens')]).toEqual([
        usage.inputTokens * requests,
        usage.outputTokens * requests,
        usage.reasoningTokens * requests,
      ]);
    }
  });
});

describe('the fake reports usage several times per reply', () => {
  const frames = async (path: string, body: unknown) => {
    const response = await fetch(`${fake.url}${path}`, { method: 'POST', body: JSON.stringify(body) });
    return (await response.text())
      .split(/\r?\n\r?\n/)
      .filter((f) => f && !f.endsWith('[DONE]'))
      .map((f) => JSON.parse(f.replace(/^(event: .*\n)?data: /, '')));
  };

  it('on every Chat Completions chunk, Gemini chunk, and in both Anthropic usage events', async () => {
    fake.setScenario(() => reported);
    const chat = await frames('/v1/chat/completions', {
      model: 'm',
      stream: true,
      stream_options: { include_usage: true },
      messages: [{ role: 'user', content: 'q' }],
    });
    const completion = chat.map((c) => c.usage?.completion_tokens);
    expect(completion.every((n) => typeof n === 'number')).toBe(true);
    expect(completion).toEqual([...completion].sort((x, y) => x - y));
    expect(completion.at(-1)).toBe(usage.outputTokens);
    const gemini = await frames('/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse', {
      contents: [],
    });
    // One chunk per word of the reasoning and of the text, each with the running usage.
    expect(gemini).toHaveLength(textChunks(reported.reasoning!).length + textChunks(reported.text!).length);
    expect(gemini.every((c) => c.usageMetadata.promptTokenCount === usage.inputTokens)).toBe(true);
    expect(gemini.at(-1).usageMetadata.totalTokenCount).toBe(usage.inputTokens + usage.outputTokens);
    const anthropic = await frames('/v1/messages', {
      model: 'claude-sonnet-4-5',
      stream: true,
      max_tokens: 10,
      messages: [{ role: 'user', content: 'q' }],
    });
    expect(anthropic.find((e) => e.type === 'message_start').message.usage).toMatchObject({
      input_tokens: usage.inputTokens,
      output_tokens: 1,
    });
    expect(anthropic.find((e) => e.type === 'message_delta').usage).toMatchObject({
      input_tokens: usage.inputTokens,
      output_tokens: usage.outputTokens,
    });
  });
});
