/**
 * MassGen's keys choosing where `generate_media` sends each kind of media (src/media/generate-media-tool.ts),
 * accepted in an agent's `backend:` block and in `orchestrator:` (defaults for every agent):
 *
 * ```yaml
 * image_generation_backend: openai      # auto | openai | google | grok (MassGen also names openrouter, elevenlabs)
 * image_generation_model: gpt-image-1
 * video_generation_backend: google
 * audio_generation_backend: openai
 * multimodal_config:                    # the same, per mode (also gemini, claude: read_media's in MassGen)
 *   image: { backend: openai, model: gpt-image-1 }
 * ```
 */
import { z } from 'zod';
import { nonEmptyString } from './schema-common.js';

/** The backend names MassGen's `generate_media` knows (`auto`: the first one that can, with a key). */
export const GENERATION_BACKEND_NAMES = [
  'auto',
  'openai',
  'google',
  'grok',
  'openrouter',
  'elevenlabs',
] as const;

/** One of {@link GENERATION_BACKEND_NAMES}. */
export type GenerationBackendName = (typeof GENERATION_BACKEND_NAMES)[number];

const backendName = z.enum(GENERATION_BACKEND_NAMES);

/**
 * The backend names `multimodal_config` takes: MassGen shares it between `generate_media` and the
 * understanding behind `read_media`, whose backends also include `gemini` and `claude`.
 */
export const MULTIMODAL_BACKEND_NAMES = [...GENERATION_BACKEND_NAMES, 'gemini', 'claude'] as const;

/** `{ backend, model }` of one mode in `multimodal_config`. */
const modeChoice = z.strictObject({
  backend: z.enum(MULTIMODAL_BACKEND_NAMES).optional(),
  model: nonEmptyString.optional(),
});

/** `multimodal_config`: per mode, the backend and model `generate_media` uses. */
export const multimodalConfigSchema = z.strictObject({
  image: modeChoice.optional(),
  video: modeChoice.optional(),
  audio: modeChoice.optional(),
});

/** The generation routing keys, spread into the backend and orchestrator schemas. */
export const generationRoutingFields = {
  image_generation_backend: backendName.optional(),
  image_generation_model: nonEmptyString.optional(),
  video_generation_backend: backendName.optional(),
  video_generation_model: nonEmptyString.optional(),
  audio_generation_backend: backendName.optional(),
  audio_generation_model: nonEmptyString.optional(),
  multimodal_config: multimodalConfigSchema.optional(),
};

/** The routing keys as they are after parsing. */
export interface GenerationRoutingConfig {
  image_generation_backend?: GenerationBackendName;
  image_generation_model?: string;
  video_generation_backend?: GenerationBackendName;
  video_generation_model?: string;
  audio_generation_backend?: GenerationBackendName;
  audio_generation_model?: string;
  multimodal_config?: Partial<
    Record<
      'image' | 'video' | 'audio',
      { backend?: (typeof MULTIMODAL_BACKEND_NAMES)[number]; model?: string }
    >
  >;
}
