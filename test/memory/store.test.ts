import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { MemoryStoreError } from '../../src/memory/errors.js';
import { MemoryStore } from '../../src/memory/store.js';
import { fakeEmbedding } from '../fake-provider/embeddings-protocol.js';

const dir = () => mkdtempSync(path.join(os.tmpdir(), 'massgen-store-'));
const scope = { userId: 'u1', agentId: 'team', sessionId: 's1' };
const open: MemoryStore[] = [];

async function store(file = path.join(dir(), 'memory.db')): Promise<MemoryStore> {
  const s = await MemoryStore.open(file);
  open.push(s);
  return s;
}

afterEach(() => {
  for (const s of open.splice(0)) s.close();
});

describe('MemoryStore (SQLite + sqlite-vec)', () => {
  it('adds, finds the nearest by KNN, updates, deletes and keeps the change history', async () => {
    const s = await store();
    const teal = s.add('The user’s favourite colour is teal', fakeEmbedding('favourite colour teal'), scope);
    s.add('The project deadline is in March', fakeEmbedding('project deadline march'), scope);
    expect(teal.id).toMatch(/^[0-9a-f]{12}$/);
    const hits = s.search(fakeEmbedding('what colour does the user like? favourite'), 2, { userId: 'u1' });
    expect(hits[0]?.text).toBe('The user’s favourite colour is teal');
    expect(hits[0]!.distance).toBeLessThan(hits[1]!.distance);

    s.update(teal.id, 'The user’s favourite colour is navy', fakeEmbedding('favourite colour navy'));
    expect(s.get(teal.id)?.text).toBe('The user’s favourite colour is navy');
    expect(s.search(fakeEmbedding('navy'), 1, {})[0]?.id).toBe(teal.id);

    expect(s.delete(teal.id)).toBe(true);
    expect(s.delete(teal.id)).toBe(false);
    expect(s.list().map((m) => m.text)).toEqual(['The project deadline is in March']);
    expect(s.search(fakeEmbedding('favourite colour navy'), 5, {}).map((h) => h.id)).not.toContain(teal.id);
  });

  it('filters searches by user, agent scope and session', async () => {
    const s = await store();
    const v = fakeEmbedding('shared fact');
    s.add('team fact', v, scope);
    s.add('agent fact', v, { ...scope, agentId: 'a1' });
    s.add('other user', v, { ...scope, userId: 'u2' });
    s.add('older session', v, { ...scope, sessionId: 's0' });
    const texts = (f: Parameters<MemoryStore['search']>[2]) =>
      s
        .search(v, 10, f)
        .map((h) => h.text)
        .sort();
    expect(texts({ userId: 'u1', agentIds: ['team'] })).toEqual(['older session', 'team fact']);
    expect(texts({ userId: 'u1', agentIds: ['team', 'a1'], excludeSessionId: 's1' })).toEqual([
      'older session',
    ]);
    expect(texts({ userId: 'u2' })).toEqual(['other user']);
    expect(s.list({ agentIds: ['a1'] }).map((m) => m.text)).toEqual(['agent fact']);
  });

  it('persists across connections (processes)', async () => {
    const file = path.join(dir(), 'nested', 'memory.db');
    const a = await MemoryStore.open(file);
    const added = a.add('fact one', fakeEmbedding('fact one'), scope);
    a.close();
    const b = await store(file);
    expect(b.get(added.id)?.text).toBe('fact one');
    expect(b.search(fakeEmbedding('fact one'), 1, {})[0]?.id).toBe(added.id);
  });

  it('refuses embeddings of another size, naming the file and the model', async () => {
    const s = await store();
    s.add('x', fakeEmbedding('x', 8), scope, 'openai/small');
    expect(() => s.add('y', fakeEmbedding('y', 16), scope, 'openai/large')).toThrow(
      /holds 8-dimensional embeddings \(model openai\/small\) but the embedding model gave 16/,
    );
  });

  it('reports a corrupted file clearly and leaves it untouched', async () => {
    const file = path.join(dir(), 'memory.db');
    const garbage = 'this is not a database '.repeat(100);
    writeFileSync(file, garbage);
    const error = await MemoryStore.open(file).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MemoryStoreError);
    expect((error as MemoryStoreError).message).toContain(file);
    expect((error as MemoryStoreError).message).toMatch(/not a valid SQLite database.*left untouched/);
    expect(readFileSync(file, 'utf8')).toBe(garbage);
  });

  it('reports a database locked by another process as locked', async () => {
    const file = path.join(dir(), 'memory.db');
    (await MemoryStore.open(file)).close();
    const holder = new Database(file);
    holder.pragma('locking_mode = EXCLUSIVE');
    holder.exec('BEGIN EXCLUSIVE');
    try {
      const error = await MemoryStore.open(file, { retryMs: 0 })
        .then((s) => s.add('x', fakeEmbedding('x'), scope))
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(MemoryStoreError);
      expect((error as Error).message).toContain(file);
      expect((error as Error).message).toMatch(/locked by another process/);
    } finally {
      holder.exec('ROLLBACK');
      holder.close();
    }
  });

  it('is journaled in WAL mode, so a reader does not wait for a writer', async () => {
    const file = path.join(dir(), 'memory.db');
    const s = await store(file);
    s.add('before', fakeEmbedding('before'), scope);
    const writer = new Database(file);
    writer.exec('BEGIN IMMEDIATE');
    try {
      expect(writer.pragma('journal_mode', { simple: true })).toBe('wal');
      writer.prepare("INSERT INTO meta (key, value) VALUES ('pending', 'x')").run();
      expect(s.list().map((m) => m.text)).toEqual(['before']);
    } finally {
      writer.exec('ROLLBACK');
      writer.close();
    }
  });

  it('retries a write while another connection holds the database, and writes once it is free', async () => {
    const file = path.join(dir(), 'memory.db');
    const s = await store(file);
    const holder = new Database(file);
    holder.exec('BEGIN IMMEDIATE');
    const retries: number[] = [];
    const added = await s.retry(() => s.add('waited for', fakeEmbedding('waited for'), scope), {
      onRetry: (retry) => {
        retries.push(retry);
        holder.exec('ROLLBACK');
      },
    });
    holder.close();
    expect(retries).toEqual([1]);
    expect(s.list().map((m) => [m.id, m.text])).toEqual([[added.id, 'waited for']]);
  });

  it('gives up after its retry budget with an error naming the file, and changes nothing', async () => {
    const file = path.join(dir(), 'memory.db');
    const s = await store(file);
    const holder = new Database(file);
    holder.exec('BEGIN IMMEDIATE');
    try {
      const error = await s
        .retry(() => s.add('lost?', fakeEmbedding('lost?'), scope), { budgetMs: 0 })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(MemoryStoreError);
      expect((error as MemoryStoreError).isRetryable).toBe(true);
      const message = (error as Error).message;
      expect(
        message.startsWith(`memory database ${file}: is locked by another process (database is locked)`),
      ).toBe(true);
      expect(message).toMatch(/still after \d+\.\d s of retries; nothing was changed/);
    } finally {
      holder.exec('ROLLBACK');
      holder.close();
    }
    expect(s.list()).toEqual([]);
  });
});
