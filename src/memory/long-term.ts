/**
 * Long-term memory over a store and an embedder: recall (vector search) and record (extract facts,
 * compare each with its most similar memories, apply ADD / UPDATE / DELETE / NONE).
 *
 * The changes of one record are applied in one transaction, retried while another process holds the
 * database: they are all stored, or (after the retries) none, and the failure names the file.
 */
import { decideUpdates, extractFacts, type MemoryDecision, type MemoryLlm } from './extraction.js';
import type { Embedder } from './models.js';
import { READ_RETRY_MS, WRITE_RETRY_MS } from './sqlite.js';
import type { MemoryFilter, MemoryHit, MemoryRecord, MemoryScope, MemoryStore } from './store.js';

/** Stored memories compared with each new fact. */
export const SIMILAR_PER_FACT = 5;

/** One change made to the store. */
export interface MemoryChange {
  event: 'ADD' | 'UPDATE' | 'DELETE';
  id: string;
  text: string;
  /** The text before an UPDATE or DELETE. */
  previous?: string;
}

export interface RecordInput {
  llm: MemoryLlm;
  question: string;
  answer: string;
  /** Where new memories go; similar memories are looked up in the same scope. */
  scope: MemoryScope;
  signal?: AbortSignal;
}

/** How long {@link LongTermMemory} retries a database another process holds. */
export interface BusyBudgets {
  /** Recall (on an agent's path before its turn); default {@link READ_RETRY_MS}. */
  readMs?: number;
  /** Recording; default {@link WRITE_RETRY_MS}. */
  writeMs?: number;
}

/** A planned change, its embedding computed. */
type Planned =
  | { event: 'ADD'; text: string; embedding: readonly number[] }
  | { event: 'UPDATE'; before: MemoryRecord; text: string; embedding: readonly number[] }
  | { event: 'DELETE'; before: MemoryRecord };

export class LongTermMemory {
  private readonly readMs: number;
  private readonly writeMs: number;

  constructor(
    readonly store: MemoryStore,
    readonly embedder: Embedder,
    budgets: BusyBudgets = {},
  ) {
    this.readMs = budgets.readMs ?? READ_RETRY_MS;
    this.writeMs = budgets.writeMs ?? WRITE_RETRY_MS;
  }

  /** The `limit` memories nearest to `query` within `filter`. */
  async recall(
    query: string,
    limit: number,
    filter: MemoryFilter,
    signal?: AbortSignal,
  ): Promise<MemoryHit[]> {
    const [vector] = await this.embedder.embed([query], signal);
    if (!vector) return [];
    return this.store.retry(() => this.store.search(vector, limit, filter), {
      budgetMs: this.readMs,
      signal,
    });
  }

  /** Extracts facts from the question and answer and updates the store; returns what changed. */
  async record(input: RecordInput): Promise<MemoryChange[]> {
    const facts = await extractFacts(input.llm, input.question, input.answer, input.signal);
    if (facts.length === 0) return [];
    const vectors = await this.embedder.embed(facts, input.signal);
    const embeddingOf = new Map(facts.map((f, i) => [f, vectors[i]!]));
    const filter: MemoryFilter = { userId: input.scope.userId, agentIds: [input.scope.agentId] };

    // The stored memories similar to any fact, shown to the model under short ids ("0", "1", …).
    const retrying = { budgetMs: this.writeMs, signal: input.signal };
    const similar = new Map<string, MemoryRecord>();
    const hits = await this.store.retry(
      () => vectors.flatMap((vector) => this.store.search(vector, SIMILAR_PER_FACT, filter)),
      retrying,
    );
    for (const hit of hits) similar.set(hit.id, hit);
    const shown = [...similar.values()];
    let decisions: MemoryDecision[] | undefined;
    if (shown.length > 0) {
      decisions = await decideUpdates(
        input.llm,
        shown.map((m, i) => ({ id: String(i), text: m.text })),
        facts,
        input.signal,
      );
    }
    // Nothing similar stored (or no usable decision): every fact that is not stored verbatim is new.
    decisions ??= facts
      .filter((f) => !shown.some((m) => m.text === f))
      .map((text) => ({ event: 'ADD' as const, text }));

    // Every embedding first: the writes then happen at once, in one transaction.
    const realId = (short: string | undefined) =>
      short === undefined ? undefined : shown[Number(short)]?.id;
    const embed = async (text: string) =>
      embeddingOf.get(text) ?? (await this.embedder.embed([text], input.signal))[0]!;
    const planned: Planned[] = [];
    for (const d of decisions) {
      const text = d.text?.trim();
      if (d.event === 'ADD' && text) {
        planned.push({ event: 'ADD', text, embedding: await embed(text) });
      } else if (d.event === 'UPDATE' && text) {
        const id = realId(d.id);
        const before = id === undefined ? undefined : similar.get(id);
        if (!before || before.text === text) continue;
        planned.push({ event: 'UPDATE', before, text, embedding: await embed(text) });
      } else if (d.event === 'DELETE') {
        const id = realId(d.id);
        const before = id === undefined ? undefined : similar.get(id);
        if (before) planned.push({ event: 'DELETE', before });
      }
    }
    if (planned.length === 0) return [];
    return this.store.retry(() => this.store.batch(() => this.apply(planned, input.scope)), retrying);
  }

  /** Makes the planned changes (inside one transaction); returns those that took effect. */
  private apply(planned: readonly Planned[], scope: MemoryScope): MemoryChange[] {
    const changes: MemoryChange[] = [];
    const model = this.embedder.name;
    for (const p of planned) {
      if (p.event === 'ADD') {
        const added = this.store.add(p.text, p.embedding, scope, model);
        changes.push({ event: 'ADD', id: added.id, text: p.text });
      } else if (p.event === 'UPDATE') {
        // Another process may have changed or removed it meanwhile: then there is nothing to update.
        if (this.store.update(p.before.id, p.text, p.embedding, model))
          changes.push({ event: 'UPDATE', id: p.before.id, text: p.text, previous: p.before.text });
      } else if (this.store.delete(p.before.id)) {
        changes.push({ event: 'DELETE', id: p.before.id, text: p.before.text, previous: p.before.text });
      }
    }
    return changes;
  }
}
