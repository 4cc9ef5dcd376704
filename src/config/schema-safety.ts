/**
 * Schema of the top-level `safety:` block: `classifier`, the model that judges the risk of tools no
 * declaration or trusted annotation covers (see src/safety/risk/classifier.ts). `type` is a backend
 * type, or one of memory's provider names (anthropic, google, xai, ollama, openai_compatible).
 */
import { z } from 'zod';
import { BACKEND_TYPES } from '../providers/catalog.js';
import { httpUrl, nonEmptyString } from './schema-common.js';

/** Provider names accepted besides the backend types (as in `memory.persistent_memory.llm`). */
export const CLASSIFIER_PROVIDER_ALIASES = [
  'anthropic',
  'google',
  'xai',
  'openai_compatible',
  'ollama',
] as const;

export const safetySchema = z.strictObject({
  classifier: z
    .strictObject({
      type: z.enum([...CLASSIFIER_PROVIDER_ALIASES, ...BACKEND_TYPES] as [string, ...string[]]),
      model: nonEmptyString,
      base_url: httpUrl.optional(),
      api_key: nonEmptyString.optional(),
    })
    .optional(),
});

/** The `safety:` block after validation. */
export type SafetyConfig = z.output<typeof safetySchema>;
