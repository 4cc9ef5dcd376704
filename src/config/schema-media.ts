/**
 * `orchestrator.media_input`: how attachments are converted, once per run, for the agents whose
 * backend cannot take them natively (see src/media and the README's Multimodal input section).
 */
import { z } from 'zod';
import { nonEmptyString, positiveInt, timeoutSeconds } from './schema-common.js';

export const mediaInputSchema = z.strictObject({
  /** OpenAI transcription model for attached audio (`--transcription-model` beats it). */
  transcription_model: nonEmptyString.optional(),
  /** How frames are sampled from attached video: evenly (`uniform`) or where the picture changes (`scene`). */
  extraction_mode: z.enum(['uniform', 'scene']).default('uniform'),
  /** At most this many frames per video. */
  max_frames: positiveInt.max(64).default(8),
  /** Every attached PDF also as page images for the agents that get it as text. */
  pdf_pages_as_images: z.boolean().default(false),
  /** Limit of fetching one `upload_files` URL. */
  url_timeout_seconds: timeoutSeconds.default(30),
});

/** `orchestrator.media_input` with defaults filled. */
export type MediaInputConfig = z.output<typeof mediaInputSchema>;
