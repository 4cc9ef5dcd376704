import type { ModelMessage } from 'ai';
import { describe, expect, it } from 'vitest';
import type { EventInput } from '../../src/events/types.js';
import { isSummary, planCompression } from '../../src/memory/compression-plan.js';
import { ConversationMemory } from '../../src/memory/conversation-memory.js';
import { compressHistory, HISTORY_SUMMARY_PREFIX } from '../../src/memory/history-compression.js';
import type { Summariser } from '../../src/memory/summarise.js';
import { estimateTokens } from '../../src/memory/tokens.js';

const text = (n: number, word = 'word ') => word.repeat(Math.ceil(n / word.length)).slice(0, n);
const user = (content: string): ModelMessage => ({ role: 'user', content });
const call = (id: string, size = 400): ModelMessage => ({
  role: 'assistant',
  content: [
    { type: 'text', text: text(size) },
    { type: 'tool-call', toolCallId: id, toolName: 'search', input: { q: id } },
  ],
});
const result = (id: string, size = 400): ModelMessage => ({
  role: 'tool',
  content: [
    { type: 'tool-result', toolCallId: id, toolName: 'search', output: { type: 'text', value: text(size) } },
  ],
});

/** Every tool result has its call earlier in the same conversation, and every call its result. */
function pairsIntact(messages: readonly ModelMessage[]): boolean {
  const calls = new Set<string>();
  const results = new Set<string>();
  for (const m of messages) {
    if (typeof m.content === 'string') continue;
    for (const p of m.content) {
      if (p.type === 'tool-call') calls.add(p.toolCallId);
      if (p.type === 'tool-result') {
        if (!calls.has(p.toolCallId)) return false;
        results.add(p.toolCallId);
      }
    }
  }
  return [...calls].every((id) => results.has(id));
}

function toolLoop(pairs: number): ModelMessage[] {
  const messages: ModelMessage[] = [user('<ORIGINAL MESSAGE> task <END OF ORIGINAL MESSAGE>')];
  for (let i = 1; i <= pairs; i++) messages.push(call(`c${i}`), result(`c${i}`));
  return messages;
}

describe('planCompression', () => {
  it('keeps the head and the recent messages, and never cuts between a tool call and its result', () => {
    for (let target = 100; target <= 2000; target += 37) {
      const messages = toolLoop(8);
      const plan = planCompression({ fixedTokens: 50, messages, keepHead: 1, targetTokens: target });
      expect(plan).toBeDefined();
      expect(plan!.start).toBe(1);
      const kept = [messages[0]!, user('summary'), ...messages.slice(plan!.end)];
      expect(pairsIntact(kept)).toBe(true);
      expect(messages[plan!.end]?.role ?? 'user').not.toBe('tool');
    }
  });

  it('keeps more recent messages verbatim when the target is larger', () => {
    const messages = toolLoop(8);
    const small = planCompression({ fixedTokens: 0, messages, keepHead: 1, targetTokens: 300 })!;
    const large = planCompression({ fixedTokens: 0, messages, keepHead: 1, targetTokens: 1500 })!;
    expect(large.end).toBeLessThan(small.end);
    expect(messages.length - large.end).toBeGreaterThanOrEqual(4);
  });

  it('has nothing to do with only the head', () => {
    expect(planCompression({ fixedTokens: 0, messages: toolLoop(0), keepHead: 1, targetTokens: 10 })).toBe(
      undefined,
    );
  });
});

function recordingSummariser(
  reply = 'Searched c1..cN; found the figures.',
): Summariser & { calls: string[] } {
  const calls: string[] = [];
  return Object.assign(
    async (transcript: string) => {
      calls.push(transcript);
      return reply;
    },
    { calls },
  );
}

const signal = new AbortController().signal;

describe('ConversationMemory', () => {
  it('does nothing below the trigger and compresses past it, emitting memory-compressed', async () => {
    const summarise = recordingSummariser();
    const memory = new ConversationMemory({
      agentId: 'a',
      window: 1400,
      triggerThreshold: 0.75,
      targetRatio: 0.4,
      summarise,
    });
    const events: EventInput[] = [];
    const emit = (e: EventInput) => events.push(e);
    const messages = toolLoop(2);
    expect(await memory.compact('system', messages, emit, signal)).toBeUndefined();
    messages.push(call('c3'), result('c3'), call('c4'), result('c4'), call('c5'), result('c5'));
    const before = estimateTokens('system', messages);
    expect(before).toBeGreaterThan(1050);
    const done = await memory.compact('system', messages, emit, signal);
    expect(done).toBeDefined();
    expect(done!.afterTokens).toBeLessThanOrEqual(560 + 100);
    expect(messages[0]).toEqual(user('<ORIGINAL MESSAGE> task <END OF ORIGINAL MESSAGE>'));
    expect(isSummary(messages[1]!)).toBe(true);
    expect(pairsIntact(messages)).toBe(true);
    expect(summarise.calls[0]).toContain('[tool call search #c1]');
    expect(events).toEqual([
      {
        type: 'memory-compressed',
        agentId: 'a',
        scope: 'conversation',
        beforeTokens: before,
        afterTokens: done!.afterTokens,
        messagesSummarised: done!.messagesSummarised,
      },
    ]);
  });

  it('uses the provider’s reported input tokens when they are larger than the estimate', async () => {
    const summarise = recordingSummariser();
    const memory = new ConversationMemory({
      agentId: 'a',
      window: 10_000,
      triggerThreshold: 0.75,
      targetRatio: 0.4,
      summarise,
    });
    const messages = toolLoop(2);
    await memory.compact('sys', messages, () => {}, signal);
    memory.observeUsage(7600); // e.g. large tool definitions the estimate does not see
    messages.push(call('c3', 40), result('c3', 40));
    expect(memory.tokens('sys', messages)).toBeGreaterThan(7600);
    expect(await memory.compact('sys', messages, () => {}, signal)).toBeDefined();
    expect(summarise.calls).toHaveLength(1);
  });

  it('leaves the conversation as it is when the summariser fails, with a warning notice', async () => {
    const memory = new ConversationMemory({
      agentId: 'a',
      window: 1000,
      triggerThreshold: 0.5,
      targetRatio: 0.3,
      summarise: async () => {
        throw new Error('model down');
      },
    });
    const messages = toolLoop(4);
    const copy = [...messages];
    const events: EventInput[] = [];
    expect(await memory.compact('s', messages, (e) => events.push(e), signal)).toBeUndefined();
    expect(messages).toEqual(copy);
    expect(events).toEqual([expect.objectContaining({ type: 'notice', level: 'warning' })]);
    expect((events[0] as { message: string }).message).toContain('model down');
  });
});

describe('compressHistory', () => {
  it('summarises older turns and keeps the latest exchanges verbatim, starting with a question', async () => {
    const history = Array.from({ length: 10 }, (_, i) => [
      { role: 'user' as const, content: `Question ${i}: ${text(300)}` },
      { role: 'assistant' as const, content: `Answer ${i}: ${text(600)}` },
    ]).flat();
    const summarise = recordingSummariser('Earlier: questions 0-7 about words.');
    const done = await compressHistory({ history, window: 4000, targetRatio: 0.4, summarise, signal });
    expect(done).toBeDefined();
    expect(done!.history[0]).toEqual({
      role: 'user',
      content: `${HISTORY_SUMMARY_PREFIX}\nEarlier: questions 0-7 about words.`,
    });
    expect(done!.history[1]?.role).toBe('user');
    expect(done!.history.at(-1)).toEqual(history.at(-1));
    expect(done!.afterTokens).toBeLessThan(done!.beforeTokens);
    expect(summarise.calls[0]).toContain('Question 0:');
  });

  it('leaves a short history alone', async () => {
    const history = [
      { role: 'user' as const, content: 'hi' },
      { role: 'assistant' as const, content: 'hello' },
    ];
    expect(
      await compressHistory({
        history,
        window: 4000,
        targetRatio: 0.4,
        summarise: recordingSummariser(),
        signal,
      }),
    ).toBeUndefined();
  });
});
