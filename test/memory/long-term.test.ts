import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/errors.js';
import { MemoryStoreError } from '../../src/memory/errors.js';
import { LongTermMemory } from '../../src/memory/long-term.js';
import { createEmbedder, createMemoryLlm } from '../../src/memory/models.js';
import { MemoryStore } from '../../src/memory/store.js';
import { type FakeReply, scripted } from '../fake-provider/scenario.js';
import { createFakeProvider, type FakeProvider } from '../fake-provider/server.js';

let fake: FakeProvider;
const stores: MemoryStore[] = [];

beforeAll(async () => {
  fake = await createFakeProvider();
});
afterAll(async () => {
  await fake.close();
});
afterEach(() => {
  for (const s of stores.splice(0)) s.close();
});

const scope = { userId: 'default', agentId: 'team', sessionId: 'run-2' };
const facts = (...list: string[]): FakeReply => ({
  toolCalls: [{ name: 'record_facts', args: { facts: list } }],
});
const decide = (...memory: Array<{ event: string; id?: string; text?: string }>): FakeReply => ({
  toolCalls: [{ name: 'update_memory', args: { memory } }],
});

async function setup(provider = 'chatcompletion') {
  const base = provider === 'anthropic' ? fake.baseUrls.anthropic : fake.baseUrls.chat;
  const llm = await createMemoryLlm({ provider, model: 'memory-llm', base_url: base, api_key: 'k' });
  const embedder = await createEmbedder({
    provider: 'openai',
    model: 'text-embedding-3-small',
    base_url: fake.baseUrls.openai,
    api_key: 'k',
  });
  const store = await MemoryStore.open(
    path.join(mkdtempSync(path.join(os.tmpdir(), 'massgen-ltm-')), 'm.db'),
  );
  stores.push(store);
  return { llm, ltm: new LongTermMemory(store, embedder), store };
}

const record = (ltm: LongTermMemory, llm: Awaited<ReturnType<typeof createMemoryLlm>>) =>
  ltm.record({ llm, question: 'Which colour should the logo be?', answer: 'Navy, as you prefer.', scope });

describe('long-term memory (extraction and decisions against the fake provider)', () => {
  it('adds extracted facts directly when nothing similar is stored (one model call)', async () => {
    const { llm, ltm, store } = await setup();
    fake.setScenario(
      scripted({ 'memory-llm': [facts('The user prefers navy for logos', 'The logo is for Acme')] }),
    );
    const before = fake.requests.length;
    const changes = await record(ltm, llm);
    expect(changes.map((c) => [c.event, c.text])).toEqual([
      ['ADD', 'The user prefers navy for logos'],
      ['ADD', 'The logo is for Acme'],
    ]);
    const calls = fake.requests.slice(before);
    expect(calls).toHaveLength(1);
    expect(calls[0]?.tools.map((t) => t.name)).toEqual(['record_facts']);
    expect(calls[0]?.body.tool_choice).toEqual({ type: 'function', function: { name: 'record_facts' } });
    expect(calls[0]?.lastUserText).toContain('Navy, as you prefer.');
    expect(store.list().map((m) => [m.agentId, m.sessionId])).toEqual([
      ['team', 'run-2'],
      ['team', 'run-2'],
    ]);
  });

  it('updates a similar stored memory when the model says UPDATE', async () => {
    const { llm, ltm, store } = await setup();
    fake.setScenario(scripted({ 'memory-llm': [facts('The user prefers teal for logos')] }));
    const [old] = await record(ltm, llm);
    fake.setScenario(
      scripted({
        'memory-llm': [
          facts('The user prefers navy for logos'),
          decide({ event: 'UPDATE', id: '0', text: 'The user prefers navy (not teal) for logos' }),
        ],
      }),
    );
    const before = fake.requests.length;
    const changes = await record(ltm, llm);
    expect(changes).toEqual([
      {
        event: 'UPDATE',
        id: old!.id,
        text: 'The user prefers navy (not teal) for logos',
        previous: 'The user prefers teal for logos',
      },
    ]);
    const decision = fake.requests[before + 1]!;
    expect(decision.lastUserText).toContain('- id 0: The user prefers teal for logos');
    expect(decision.lastUserText).toContain('- The user prefers navy for logos');
    expect(store.list().map((m) => m.text)).toEqual(['The user prefers navy (not teal) for logos']);
  });

  it('deletes a contradicted memory, ignores unknown ids and NONE', async () => {
    const { llm, ltm, store } = await setup();
    fake.setScenario(scripted({ 'memory-llm': [facts('The user has a dog named Rex')] }));
    await record(ltm, llm);
    fake.setScenario(
      scripted({
        'memory-llm': [
          facts('The user no longer has a dog named Rex', 'The user has a cat'),
          decide(
            { event: 'DELETE', id: '0' },
            { event: 'DELETE', id: '7' },
            { event: 'NONE', id: '0' },
            { event: 'ADD', text: 'The user has a cat' },
          ),
        ],
      }),
    );
    const changes = await record(ltm, llm);
    expect(changes.map((c) => [c.event, c.text])).toEqual([
      ['DELETE', 'The user has a dog named Rex'],
      ['ADD', 'The user has a cat'],
    ]);
    expect(store.list().map((m) => m.text)).toEqual(['The user has a cat']);
  });

  it('records nothing when the model extracts no facts or does not call the tool', async () => {
    const { llm, ltm, store } = await setup('anthropic');
    fake.setScenario(scripted({ 'memory-llm': [facts(), { text: 'Nothing to remember.' }] }));
    expect(await record(ltm, llm)).toEqual([]);
    expect(await record(ltm, llm)).toEqual([]);
    expect(fake.requests.at(-1)?.body.tool_choice).toEqual({ type: 'tool', name: 'record_facts' });
    expect(store.list()).toEqual([]);
  });

  it('recalls the nearest memories for a query', async () => {
    const { llm, ltm } = await setup();
    fake.setScenario(
      scripted({ 'memory-llm': [facts('The user prefers navy for logos', 'The user lives in Lyon')] }),
    );
    await record(ltm, llm);
    const hits = await ltm.recall('Where does the user live?', 1, { userId: 'default' });
    expect(hits.map((h) => h.text)).toEqual(['The user lives in Lyon']);
    expect(fake.embeddingRequests.at(-1)).toEqual({
      model: 'text-embedding-3-small',
      input: ['Where does the user live?'],
    });
  });

  it('names the variable when the embedding provider has no key, and rejects unknown providers', async () => {
    await expect(createEmbedder({ provider: 'openai', model: 'x' }, {})).rejects.toThrow(
      /memory\.persistent_memory\.embedding \(provider openai\) needs an API key: set OPENAI_API_KEY/,
    );
    await expect(createMemoryLlm({ provider: 'huggingface', model: 'x' }, {})).rejects.toBeInstanceOf(
      ConfigError,
    );
  });

  it('when the database stays locked, records none of the facts and names the file', async () => {
    const { llm, ltm, store } = await setup();
    const impatient = new LongTermMemory(store, ltm.embedder, { writeMs: 0 });
    fake.setScenario(
      scripted({ 'memory-llm': [facts('The user prefers navy for logos', 'The logo is for Acme')] }),
    );
    const holder = new Database(store.file);
    holder.exec('BEGIN IMMEDIATE');
    const error = await record(impatient, llm).catch((e: unknown) => e);
    holder.exec('ROLLBACK');
    holder.close();
    expect(error).toBeInstanceOf(MemoryStoreError);
    expect((error as Error).message).toContain(`memory database ${store.file}: is locked by another process`);
    expect(store.list()).toEqual([]);
  });
});
