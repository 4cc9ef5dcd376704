/** Memory wired into `runConfig` (in-process, against the fake provider). */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MassGenConfig } from '../../src/config/schema.js';
import { validateConfigObject } from '../../src/config/validate.js';
import { ConfigError } from '../../src/errors.js';
import type { CoordinationEvent } from '../../src/events/types.js';
import { HISTORY_SUMMARY_PREFIX } from '../../src/memory/history-compression.js';
import { SUMMARY_SYSTEM_PROMPT } from '../../src/memory/summarise.js';
import { runConfig } from '../../src/run/run-config.js';
import { consensus, type FakeReply, scripted } from '../fake-provider/scenario.js';
import { createFakeProvider, type FakeProvider } from '../fake-provider/server.js';

let fake: FakeProvider;
beforeAll(async () => {
  fake = await createFakeProvider();
});
afterAll(async () => {
  await fake.close();
});

function config(memory: Record<string, unknown>, agents = ['a1']): MassGenConfig {
  const result = validateConfigObject(
    {
      agents: agents.map((id) => ({
        id,
        backend: { type: 'chatcompletion', model: `model-${id}`, base_url: fake.baseUrls.chat, api_key: 'k' },
      })),
      memory,
    },
    'test.yaml',
  );
  expect(result.errors).toEqual([]);
  return result.config!;
}

const persistent = (file: string, extra: Record<string, unknown> = {}) => ({
  persistent_memory: {
    path: file,
    llm: { provider: 'chatcompletion', model: 'memory-llm', base_url: fake.baseUrls.chat, api_key: 'k' },
    embedding: { provider: 'openai', model: 'e', base_url: fake.baseUrls.openai, api_key: 'k' },
  },
  ...extra,
});
const facts = (...list: string[]): FakeReply => ({
  toolCalls: [{ name: 'record_facts', args: { facts: list } }],
});

async function run(
  cfg: MassGenConfig,
  question: string,
  options: Parameters<typeof runConfig>[1] | object = {},
) {
  const events: CoordinationEvent[] = [];
  const outcome = await runConfig(cfg, {
    question,
    logRoot: false,
    onEvent: (e) => events.push(e),
    ...options,
  });
  return { outcome, events };
}

const dbFile = () => path.join(mkdtempSync(path.join(os.tmpdir(), 'massgen-run-memory-')), 'memory.db');

describe('memory in runConfig', () => {
  it('does not recall memories of the current session unless exclude_recent is false', async () => {
    const file = dbFile();
    const cfg = config(persistent(file));
    fake.setScenario(scripted({ 'memory-llm': [facts('The office is in Lyon')] }));
    const first = await run(cfg, 'Where is the office? It is in Lyon.', { sessionId: 'S1' });
    expect(first.outcome.memoryErrors).toBeUndefined();
    expect(first.events.find((e) => e.type === 'memory-updated')).toMatchObject({
      scope: 'team',
      changes: [{ event: 'ADD', text: 'The office is in Lyon' }],
    });

    fake.setScenario(scripted({ 'memory-llm': [facts()] }));
    const recalled = (r: Awaited<ReturnType<typeof run>>) =>
      r.events.flatMap((e) => (e.type === 'memory-recalled' ? e.memories.map((m) => m.text) : []));
    expect(recalled(await run(cfg, 'Where is the office?', { sessionId: 'S1' }))).toEqual([]);
    expect(recalled(await run(cfg, 'Where is the office?', { sessionId: 'S2' }))).toEqual([
      'The office is in Lyon',
    ]);
    const inclusive = config(persistent(file, { retrieval: { exclude_recent: false, limit: 1 } }));
    expect(recalled(await run(inclusive, 'Where is the office?', { sessionId: 'S1' }))).toEqual([
      'The office is in Lyon',
    ]);
  });

  it('recalls the shared scope and the agent’s own scope, but not other agents’ scopes', async () => {
    const file = dbFile();
    const { MemoryStore } = await import('../../src/memory/store.js');
    const { fakeEmbedding } = await import('../fake-provider/embeddings-protocol.js');
    const store = await MemoryStore.open(file);
    const v = fakeEmbedding('deadline project');
    for (const agentId of ['team', 'a1', 'a2'])
      store.add(`${agentId} note`, v, { userId: 'default', agentId, sessionId: 'old' });
    store.close();
    fake.setScenario(scripted({ 'memory-llm': [facts()] }));
    const { events } = await run(config(persistent(file), ['a1', 'a2']), 'What is the project deadline?');
    const byAgent = Object.fromEntries(
      events.flatMap((e) =>
        e.type === 'memory-recalled' ? [[e.agentId, e.memories.map((m) => m.text).sort()]] : [],
      ),
    );
    expect(byAgent).toEqual({ a1: ['a1 note', 'team note'], a2: ['a2 note', 'team note'] });
  });

  it('compresses a long session history before the turn, keeping the latest exchange verbatim', async () => {
    const cfg = config({ compression: { context_window_tokens: 3000 } });
    const history = Array.from({ length: 6 }, (_, i) => [
      { role: 'user' as const, content: `Question ${i}: ${'context '.repeat(60)}` },
      { role: 'assistant' as const, content: `Answer ${i}: ${'details '.repeat(90)}` },
    ]).flat();
    fake.setScenario((req) =>
      req.system.startsWith(SUMMARY_SYSTEM_PROMPT)
        ? { text: 'Turns 0-4 were about context.' }
        : consensus()(req),
    );
    const before = fake.requests.length;
    const { outcome, events } = await run(cfg, 'And now?', { history });
    expect(outcome.finalAnswer).toBe('Final answer from model-a1');
    expect(events.find((e) => e.type === 'memory-compressed')).toMatchObject({
      agentId: 'a1',
      scope: 'history',
    });
    const first = fake.requests.slice(before).find((q) => q.tools.some((t) => t.name === 'new_answer'))!;
    expect(first.messages[0]?.text).toContain(
      `User: ${HISTORY_SUMMARY_PREFIX}\nTurns 0-4 were about context.`,
    );
    expect(first.messages[0]?.text).toContain('User: Question 5:');
    expect(first.messages[0]?.text).not.toContain('Question 0:');
  });

  it('fails before any request when the embedding model has no key', async () => {
    const cfg = config({
      persistent_memory: { embedding: { provider: 'openai', model: 'text-embedding-3-small' } },
    });
    const before = fake.requests.length;
    const error = await runConfig(cfg, { question: 'q', logRoot: false, env: {} }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toContain('set OPENAI_API_KEY');
    expect(fake.requests.length).toBe(before);
  });
});
