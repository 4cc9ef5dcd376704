/**
 * Schema of `memory:` (top level or per agent, MassGen §4.6; a per-agent block deep-merges over the
 * top-level one). MassGen-TS additions: `persistent_memory.user_id`, `compression.context_window_tokens`,
 * and `api_key`/`base_url` (and `dimensions` for embeddings) on the `llm`/`embedding` blocks.
 * What the keys do: src/memory/settings.ts.
 */
import { z } from 'zod';
import { fraction, nonEmptyString, positiveInt } from './schema-common.js';

/** A memory model (`llm` or `embedding`); extra mem0 keys are accepted and ignored. */
const memoryModelSchema = z.looseObject({
  provider: nonEmptyString.optional(),
  model: nonEmptyString.optional(),
  api_key: nonEmptyString.optional(),
  base_url: nonEmptyString.optional(),
  /** Embeddings only: the vector size to ask for (models that support it). */
  dimensions: positiveInt.optional(),
});

/** The `memory:` block. */
export const memorySchema = z.strictObject({
  enabled: z.boolean().optional(),
  conversation_memory: z.strictObject({ enabled: z.boolean().optional() }).optional(),
  persistent_memory: z
    .strictObject({
      enabled: z.boolean().optional(),
      on_disk: z.boolean().optional(),
      vector_store: nonEmptyString.optional(),
      path: nonEmptyString.optional(),
      agent_name: nonEmptyString.optional(),
      user_id: nonEmptyString.optional(),
      session_name: nonEmptyString.nullable().optional(),
      llm: memoryModelSchema.optional(),
      embedding: memoryModelSchema.optional(),
      qdrant: z
        .strictObject({
          mode: z.enum(['local', 'server']).optional(),
          host: nonEmptyString.optional(),
          port: positiveInt.optional(),
          path: nonEmptyString.optional(),
        })
        .optional(),
    })
    .optional(),
  compression: z
    .strictObject({
      trigger_threshold: fraction.optional(),
      target_ratio: fraction.optional(),
      /** Overrides the model's context window (tokens) used for compression decisions. */
      context_window_tokens: positiveInt.optional(),
    })
    .optional(),
  retrieval: z
    .strictObject({ limit: positiveInt.optional(), exclude_recent: z.boolean().optional() })
    .optional(),
  recording: z
    .strictObject({
      record_all_tool_calls: z.boolean().optional(),
      record_reasoning: z.boolean().optional(),
    })
    .optional(),
});
