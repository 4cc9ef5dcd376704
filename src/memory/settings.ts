/**
 * The memory settings of one agent: its `memory:` block deep-merged over the top-level one, with
 * defaults filled. Pure: no I/O.
 *
 * - Memory is on when a block is present and `enabled` is not false.
 * - Conversation compression is on with memory unless `conversation_memory.enabled: false`.
 * - Long-term memory is on when `persistent_memory` is present and its `enabled` is not false.
 */
import path from 'node:path';
import type { MemoryConfig } from '../config/schema.js';

/** `trigger_threshold` default: compress past 75 % of the context window. */
export const DEFAULT_TRIGGER_THRESHOLD = 0.75;
/** `target_ratio` default: compress down to about 40 % of the window. */
export const DEFAULT_TARGET_RATIO = 0.4;
/** `retrieval.limit` default. */
export const DEFAULT_RETRIEVAL_LIMIT = 5;
/** Scope of memories when no `user_id` is given. */
export const DEFAULT_USER_ID = 'default';
/** Scope of run-level memories when the top-level block names no `agent_name`. */
export const SHARED_AGENT_SCOPE = 'team';
/** Where the store lives when `persistent_memory.path` is not given (relative to the working directory). */
export const DEFAULT_MEMORY_PATH = path.join('.massgen', 'memory.db');
/** Embedding model when none is configured (as MassGen). */
export const DEFAULT_EMBEDDING = { provider: 'openai', model: 'text-embedding-3-small' } as const;

/** An `llm` or `embedding` block. */
export interface MemoryModelConfig {
  provider?: string;
  model?: string;
  api_key?: string;
  base_url?: string;
  dimensions?: number;
}

/** Conversation compression of one agent. */
export interface CompressionSettings {
  triggerThreshold: number;
  targetRatio: number;
  /** Overrides the model's context window. */
  contextWindowTokens?: number;
  /** Summarises instead of the agent's own model (`persistent_memory.llm`). */
  llm?: MemoryModelConfig;
}

/** Long-term memory of one agent. */
export interface PersistentSettings {
  /** Absolute path of the database, or `:memory:` when `on_disk: false`. */
  path: string;
  userId: string;
  /** The agent's own scope: `agent_name`, default the agent id. */
  agentScope: string;
  /** `session_name`, when given; otherwise the run decides. */
  sessionName?: string;
  llm?: MemoryModelConfig;
  embedding: MemoryModelConfig & { provider: string; model: string };
  retrievalLimit: number;
  excludeRecent: boolean;
}

/** Everything memory does for one agent; `undefined` parts are off. */
export interface AgentMemorySettings {
  compression?: CompressionSettings;
  persistent?: PersistentSettings;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Deep merge of plain objects: `over` wins; arrays and scalars are replaced, not merged. */
export function deepMerge<T>(base: T | undefined, over: T | undefined): T | undefined {
  if (over === undefined) return base;
  if (!isObject(base) || !isObject(over)) return over;
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(over)) {
    out[key] = value === undefined ? out[key] : deepMerge(out[key], value);
  }
  return out as T;
}

/** The effective block of an agent: its own block merged over the top-level one. */
export function effectiveMemoryConfig(
  top: MemoryConfig | undefined,
  agent: MemoryConfig | undefined,
): MemoryConfig | undefined {
  return deepMerge(top, agent);
}

/** Resolves a database path: `~`-free, relative to `cwd`. */
export function resolveMemoryPath(configured: string | undefined, cwd: string): string {
  return path.resolve(cwd, configured ?? DEFAULT_MEMORY_PATH);
}

/** The settings of one agent (`agentId`), given the top-level and per-agent blocks. */
export function agentMemorySettings(
  agentId: string,
  top: MemoryConfig | undefined,
  agent: MemoryConfig | undefined,
  cwd: string = process.cwd(),
): AgentMemorySettings {
  const block = effectiveMemoryConfig(top, agent);
  if (!block || block.enabled === false) return {};
  const pm = block.persistent_memory;
  const persistentOn = pm !== undefined && pm.enabled !== false;
  const llm = persistentOn ? (pm.llm as MemoryModelConfig | undefined) : undefined;
  const out: AgentMemorySettings = {};
  if (block.conversation_memory?.enabled !== false) {
    out.compression = {
      triggerThreshold: block.compression?.trigger_threshold ?? DEFAULT_TRIGGER_THRESHOLD,
      targetRatio: block.compression?.target_ratio ?? DEFAULT_TARGET_RATIO,
      contextWindowTokens: block.compression?.context_window_tokens,
      llm,
    };
  }
  if (persistentOn) {
    const embedding = (pm.embedding ?? {}) as MemoryModelConfig;
    out.persistent = {
      path: pm.on_disk === false ? ':memory:' : resolveMemoryPath(pm.path, cwd),
      userId: pm.user_id ?? DEFAULT_USER_ID,
      agentScope: pm.agent_name ?? agentId,
      sessionName: pm.session_name ?? undefined,
      llm,
      embedding: {
        ...embedding,
        provider: embedding.provider ?? DEFAULT_EMBEDDING.provider,
        model: embedding.model ?? DEFAULT_EMBEDDING.model,
      },
      retrievalLimit: block.retrieval?.limit ?? DEFAULT_RETRIEVAL_LIMIT,
      excludeRecent: block.retrieval?.exclude_recent ?? true,
    };
  }
  return out;
}

/** Scope of the run-level memories: the top-level `persistent_memory.agent_name`, else `team`. */
export function sharedScope(top: MemoryConfig | undefined): string {
  return top?.persistent_memory?.agent_name ?? SHARED_AGENT_SCOPE;
}
