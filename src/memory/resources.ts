/**
 * The shared, lazily created resources of a run's memory: memory LLMs and embedders (one per distinct
 * config) and stores (one per database file).
 */
import type { LanguageModelV3 } from '@ai-sdk/provider';
import type { CallSettings } from '../types/agent-runtime.js';
import { LongTermMemory } from './long-term.js';
import { createEmbedder, createMemoryLlm, type Embedder } from './models.js';
import type { MemoryModelConfig, PersistentSettings } from './settings.js';
import { isBusy, READ_RETRY_MS, WRITE_RETRY_MS } from './sqlite.js';
import { MemoryStore } from './store.js';
import { modelSummariser, type Summariser } from './summarise.js';

/** A memory LLM and the summariser built on it. */
export interface MemoryLlmEntry {
  llm: { model: LanguageModelV3; settings: CallSettings };
  summarise: Summariser;
}

export class MemoryResources {
  private readonly llms = new Map<string, Promise<MemoryLlmEntry>>();
  private readonly embedders = new Map<string, Promise<Embedder>>();
  private readonly stores = new Map<string, Promise<MemoryStore>>();

  constructor(private readonly env: NodeJS.ProcessEnv = process.env) {}

  /** The model of a `persistent_memory.llm` block. Throws ConfigError. */
  llm(config: MemoryModelConfig): Promise<MemoryLlmEntry> {
    return cached(this.llms, JSON.stringify(config), async () => {
      const llm = await createMemoryLlm(config, this.env);
      return { llm, summarise: modelSummariser(llm.model, llm.settings) };
    });
  }

  /** The embedder of an `embedding` block. Throws ConfigError. */
  embedder(config: PersistentSettings['embedding']): Promise<Embedder> {
    return cached(this.embedders, JSON.stringify(config), () => createEmbedder(config, this.env));
  }

  /**
   * The store at `file`, opened once, retrying for `retryMs` while another process holds it. A
   * failure to open is remembered and rethrown, except a busy database: a later call tries again.
   */
  store(file: string, options: { retryMs?: number; signal?: AbortSignal } = {}): Promise<MemoryStore> {
    return cached(this.stores, file, () =>
      MemoryStore.open(file, options).catch((error: unknown) => {
        if (isBusy(error)) this.stores.delete(file);
        throw error;
      }),
    );
  }

  /**
   * Long-term memory on the store of `p`: for recall (`use: 'read'`, which waits at most
   * {@link READ_RETRY_MS} for a busy database, being on an agent's path) or recording (`'write'`).
   */
  async longTerm(
    p: PersistentSettings,
    use: 'read' | 'write',
    signal?: AbortSignal,
  ): Promise<LongTermMemory> {
    const retryMs = use === 'read' ? READ_RETRY_MS : WRITE_RETRY_MS;
    const store = await this.store(p.path, { retryMs, signal });
    return new LongTermMemory(store, await this.embedder(p.embedding));
  }

  /** Closes the stores that opened. */
  async close(): Promise<void> {
    for (const pending of this.stores.values()) {
      try {
        (await pending).close();
      } catch {
        // A store that failed to open has nothing to close.
      }
    }
  }
}

function cached<T>(map: Map<string, Promise<T>>, key: string, make: () => Promise<T>): Promise<T> {
  let found = map.get(key);
  if (!found) {
    found = make();
    map.set(key, found);
  }
  return found;
}
