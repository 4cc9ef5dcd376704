/**
 * Long-term memory over a store and an embedder: recall (vector search) and record (extract facts,
 * compare each with its most similar memories, apply ADD / UPDATE / DELETE / NONE).
 */
import { decideUpdates, extractFacts, type MemoryDecision, type MemoryLlm } from './extraction.js';
import type { Embedder } from './models.js';
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

export class LongTermMemory {
  constructor(
    readonly store: MemoryStore,
    readonly embedder: Embedder,
  ) {}

  /** The `limit` memories nearest to `query` within `filter`. */
  async recall(
    query: string,
    limit: number,
    filter: MemoryFilter,
    signal?: AbortSignal,
  ): Promise<MemoryHit[]> {
    const [vector] = await this.embedder.embed([query], signal);
    return vector ? this.store.search(vector, limit, filter) : [];
  }

  /** Extracts facts from the question and answer and updates the store; returns what changed. */
  async record(input: RecordInput): Promise<MemoryChange[]> {
    const facts = await extractFacts(input.llm, input.question, input.answer, input.signal);
    if (facts.length === 0) return [];
    const vectors = await this.embedder.embed(facts, input.signal);
    const embeddingOf = new Map(facts.map((f, i) => [f, vectors[i]!]));
    const filter: MemoryFilter = { userId: input.scope.userId, agentIds: [input.scope.agentId] };

    // The stored memories similar to any fact, shown to the model under short ids ("0", "1", …).
    const similar = new Map<string, MemoryRecord>();
    for (const vector of vectors) {
      for (const hit of this.store.search(vector, SIMILAR_PER_FACT, filter)) similar.set(hit.id, hit);
    }
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

    const realId = (short: string | undefined) =>
      short === undefined ? undefined : shown[Number(short)]?.id;
    const embed = async (text: string) =>
      embeddingOf.get(text) ?? (await this.embedder.embed([text], input.signal))[0]!;
    const changes: MemoryChange[] = [];
    for (const d of decisions) {
      const text = d.text?.trim();
      if (d.event === 'ADD' && text) {
        const added = this.store.add(text, await embed(text), input.scope, this.embedder.name);
        changes.push({ event: 'ADD', id: added.id, text });
      } else if (d.event === 'UPDATE' && text) {
        const id = realId(d.id);
        const before = id === undefined ? undefined : similar.get(id);
        if (!before || before.text === text) continue;
        if (this.store.update(before.id, text, await embed(text), this.embedder.name))
          changes.push({ event: 'UPDATE', id: before.id, text, previous: before.text });
      } else if (d.event === 'DELETE') {
        const id = realId(d.id);
        const before = id === undefined ? undefined : similar.get(id);
        if (before && this.store.delete(before.id))
          changes.push({ event: 'DELETE', id: before.id, text: before.text, previous: before.text });
      }
    }
    return changes;
  }
}
