/**
 * Schema of `memory:` (top level or per agent, MassGen §4.6). Memory is not built yet: the block is
 * checked so typos are caught, then accepted with a warning.
 */
import { z } from 'zod';
import { fraction, nonEmptyString, positiveInt } from './schema-common.js';

/** Model settings handed to the memory library (extra keys are passed through). */
const memoryModelSchema = z.looseObject({
  provider: nonEmptyString.optional(),
  model: nonEmptyString.optional(),
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
    .strictObject({ trigger_threshold: fraction.optional(), target_ratio: fraction.optional() })
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
