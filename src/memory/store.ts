/**
 * The long-term memory store: one SQLite file (default `.massgen/memory.db`) holding the memories,
 * their change history and a sqlite-vec `vec0` table of their embeddings for KNN search. Memories are
 * scoped by user, agent scope and session. Every failure is a {@link MemoryStoreError} naming the file.
 *
 * Every write is one `BEGIN IMMEDIATE` transaction: it takes the write lock before reading anything,
 * so concurrent writers queue for it (SQLite's busy timeout) instead of failing on a stale read.
 * {@link MemoryStore.retry} retries a call while another process holds the database.
 */
import { randomBytes } from 'node:crypto';
import { MemoryStoreError } from './errors.js';
import {
  type BusyRetryOptions,
  guarded,
  type OpenOptions,
  openDatabase,
  retryWhileBusy,
  type SqliteDatabase,
} from './sqlite.js';

/** One stored memory. */
export interface MemoryRecord {
  id: string;
  text: string;
  userId: string;
  /** The agent scope (`team` for run-level memories, or an agent's `agent_name`/id). */
  agentId: string;
  sessionId: string | null;
  /** ISO times. */
  createdAt: string;
  updatedAt: string;
}

/** A search result: a memory and its cosine distance to the query (0 = same direction). */
export interface MemoryHit extends MemoryRecord {
  distance: number;
}

/** Which memories a search or listing sees. */
export interface MemoryFilter {
  userId?: string;
  /** Any of these agent scopes. */
  agentIds?: readonly string[];
  /** Leave out memories created in this session. */
  excludeSessionId?: string;
}

/** Where a new memory belongs. */
export interface MemoryScope {
  userId: string;
  agentId: string;
  sessionId: string | null;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS memories (
  rowid INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  text TEXT NOT NULL,
  user_id TEXT NOT NULL,
  agent_id TEXT NOT NULL,
  session_id TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS memories_scope ON memories (user_id, agent_id);
CREATE TABLE IF NOT EXISTS memory_history (
  memory_id TEXT NOT NULL,
  event TEXT NOT NULL,
  old_text TEXT,
  new_text TEXT,
  at TEXT NOT NULL
);`;

interface Row {
  rowid: number | bigint;
  id: string;
  text: string;
  user_id: string;
  agent_id: string;
  session_id: string | null;
  created_at: string;
  updated_at: string;
}

const toRecord = (r: Row): MemoryRecord => ({
  id: r.id,
  text: r.text,
  userId: r.user_id,
  agentId: r.agent_id,
  sessionId: r.session_id,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

const vector = (embedding: readonly number[]) => new Float32Array(embedding);

export class MemoryStore {
  private constructor(
    private readonly db: SqliteDatabase,
    /** Absolute path of the database (or `:memory:`). */
    readonly file: string,
  ) {}

  /**
   * Opens or creates the store at `file`, retrying while another process holds it (`retryMs`).
   * `readonly` opens an existing file without creating anything.
   */
  static async open(file: string, options: OpenOptions = {}): Promise<MemoryStore> {
    const db = await openDatabase(file, options);
    const store = new MemoryStore(db, file);
    if (!options.readonly) {
      const hasSchema = () => db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'memory_history'").get();
      try {
        await retryWhileBusy(
          file,
          () => {
            if (!hasSchema()) db.transaction(() => db.exec(SCHEMA)).immediate();
          },
          { budgetMs: options.retryMs, signal: options.signal },
        );
      } catch (error) {
        store.close();
        throw error;
      }
    }
    return store;
  }

  private run<T>(fn: () => T): T {
    return guarded(this.file, fn);
  }

  /** Runs `fn` as one write transaction (`BEGIN IMMEDIATE`): all of its changes are made, or none. */
  batch<T>(fn: () => T): T {
    return this.run(() => this.db.transaction(fn).immediate());
  }

  /**
   * Runs `fn` (calls of this store), again with growing delays while another process holds the
   * database, for `budgetMs` (default 10 s); then throws a MemoryStoreError naming the file.
   */
  retry<T>(fn: () => T, options: BusyRetryOptions = {}): Promise<T> {
    return retryWhileBusy(this.file, fn, options);
  }

  /** Vector size of the stored embeddings, once the first memory was added. */
  dimensions(): number | undefined {
    return this.run(() => {
      const hasMeta = this.db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'meta'").get();
      if (!hasMeta) return undefined;
      const row = this.db.prepare("SELECT value FROM meta WHERE key = 'dimensions'").get() as
        | { value: string }
        | undefined;
      return row ? Number(row.value) : undefined;
    });
  }

  /** Creates the vector table for `size`-dimensional embeddings, or checks the size against it. */
  private ensureVectors(size: number, model: string): void {
    const existing = this.dimensions();
    if (existing === undefined) {
      this.db.exec(
        `CREATE VIRTUAL TABLE IF NOT EXISTS memory_vectors USING vec0(memory_rowid INTEGER PRIMARY KEY, embedding float[${size}] distance_metric=cosine, user_id TEXT, agent_id TEXT, session_id TEXT)`,
      );
      const set = this.db.prepare('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)');
      set.run('dimensions', String(size));
      set.run('embedding_model', model);
      return;
    }
    if (existing !== size) {
      const row = this.db.prepare("SELECT value FROM meta WHERE key = 'embedding_model'").get() as
        | { value: string }
        | undefined;
      throw new MemoryStoreError(
        this.file,
        `holds ${existing}-dimensional embeddings (model ${row?.value ?? 'unknown'}) but the embedding model gave ${size} dimensions; use the same embedding model, or another memory.persistent_memory.path`,
      );
    }
  }

  /** Adds a memory; returns it. */
  add(text: string, embedding: readonly number[], scope: MemoryScope, model = ''): MemoryRecord {
    return this.batch(() => {
      this.ensureVectors(embedding.length, model);
      const now = new Date().toISOString();
      let id = randomBytes(6).toString('hex');
      while (this.get(id)) id = randomBytes(6).toString('hex');
      const info = this.db
        .prepare(
          'INSERT INTO memories (id, text, user_id, agent_id, session_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
        )
        .run(id, text, scope.userId, scope.agentId, scope.sessionId, now, now);
      this.db
        .prepare(
          'INSERT INTO memory_vectors (memory_rowid, embedding, user_id, agent_id, session_id) VALUES (?, ?, ?, ?, ?)',
        )
        .run(
          BigInt(info.lastInsertRowid),
          vector(embedding),
          scope.userId,
          scope.agentId,
          scope.sessionId ?? '',
        );
      this.history(id, 'ADD', null, text, now);
      return this.get(id)!;
    });
  }

  /** Replaces a memory's text and embedding; returns the updated memory, or undefined if it is gone. */
  update(id: string, text: string, embedding: readonly number[], model = ''): MemoryRecord | undefined {
    return this.batch(() => {
      const row = this.row(id);
      if (!row) return undefined;
      this.ensureVectors(embedding.length, model);
      const now = new Date().toISOString();
      this.db.prepare('UPDATE memories SET text = ?, updated_at = ? WHERE id = ?').run(text, now, id);
      this.db
        .prepare('UPDATE memory_vectors SET embedding = ? WHERE memory_rowid = ?')
        .run(vector(embedding), BigInt(row.rowid));
      this.history(id, 'UPDATE', row.text, text, now);
      return this.get(id);
    });
  }

  /** Deletes a memory (its text stays in the change history); false if there was none. */
  delete(id: string): boolean {
    return this.batch(() => {
      const row = this.row(id);
      if (!row) return false;
      this.db.prepare('DELETE FROM memories WHERE id = ?').run(id);
      if (this.dimensions() !== undefined)
        this.db.prepare('DELETE FROM memory_vectors WHERE memory_rowid = ?').run(BigInt(row.rowid));
      this.history(id, 'DELETE', row.text, null, new Date().toISOString());
      return true;
    });
  }

  get(id: string): MemoryRecord | undefined {
    const row = this.row(id);
    return row ? toRecord(row) : undefined;
  }

  private row(id: string): Row | undefined {
    return this.run(() => this.db.prepare('SELECT * FROM memories WHERE id = ?').get(id) as Row | undefined);
  }

  private history(id: string, event: string, oldText: string | null, newText: string | null, at: string) {
    this.db
      .prepare('INSERT INTO memory_history (memory_id, event, old_text, new_text, at) VALUES (?, ?, ?, ?, ?)')
      .run(id, event, oldText, newText, at);
  }

  /** Memories in creation order, optionally filtered. */
  list(filter: MemoryFilter = {}): MemoryRecord[] {
    return this.run(() => {
      if (!this.db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'memories'").get()) return [];
      const where: string[] = [];
      const args: unknown[] = [];
      if (filter.userId !== undefined) {
        where.push('user_id = ?');
        args.push(filter.userId);
      }
      if (filter.agentIds && filter.agentIds.length > 0) {
        where.push(`agent_id IN (${filter.agentIds.map(() => '?').join(', ')})`);
        args.push(...filter.agentIds);
      }
      const sql = `SELECT * FROM memories${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY created_at, rowid`;
      return (this.db.prepare(sql).all(...args) as Row[]).map(toRecord);
    });
  }

  /** The `k` memories nearest to `embedding` (KNN on the vec0 table), nearest first. */
  search(embedding: readonly number[], k: number, filter: MemoryFilter = {}): MemoryHit[] {
    return this.run(() => {
      const size = this.dimensions();
      if (size === undefined) return [];
      if (size !== embedding.length) this.ensureVectors(embedding.length, '');
      const where = ['embedding MATCH ?', 'k = ?'];
      const args: unknown[] = [vector(embedding), k];
      if (filter.userId !== undefined) {
        where.push('user_id = ?');
        args.push(filter.userId);
      }
      if (filter.agentIds && filter.agentIds.length > 0) {
        where.push(`agent_id IN (${filter.agentIds.map(() => '?').join(', ')})`);
        args.push(...filter.agentIds);
      }
      if (filter.excludeSessionId !== undefined) {
        where.push('session_id != ?');
        args.push(filter.excludeSessionId);
      }
      const hits = this.db
        .prepare(
          `SELECT memory_rowid, distance FROM memory_vectors WHERE ${where.join(' AND ')} ORDER BY distance`,
        )
        .all(...args) as Array<{ memory_rowid: number | bigint; distance: number }>;
      const byRowid = this.db.prepare('SELECT * FROM memories WHERE rowid = ?');
      return hits.flatMap((h) => {
        const row = byRowid.get(h.memory_rowid) as Row | undefined;
        return row ? [{ ...toRecord(row), distance: h.distance }] : [];
      });
    });
  }

  close(): void {
    try {
      this.db.close();
    } catch {
      // Closing twice or after a failure is harmless.
    }
  }
}
