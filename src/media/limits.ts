/**
 * Size limits: the largest file an attachment may be, and the largest file each wire API takes
 * natively (beyond it a document goes as converted text; an image too large is an error).
 */
import type { WireApi } from '../providers/catalog.js';

const MB = 1024 * 1024;

/** Any attachment larger than this is refused before the run starts. */
export const MAX_ATTACHMENT_BYTES = 100 * MB;

/** Native limits per wire API: per image, and per document/audio/video file sent inline. */
export const NATIVE_LIMITS: Record<WireApi, { image: number; file: number }> = {
  /** OpenAI: images up to 20 MB; PDF input up to 32 MB per request. */
  responses: { image: 20 * MB, file: 32 * MB },
  /** Anthropic: images up to 5 MB each; the whole request up to 32 MB. */
  anthropic: { image: 5 * MB, file: 32 * MB },
  /** Gemini: inline data up to 20 MB per request. */
  gemini: { image: 20 * MB, file: 20 * MB },
  xai: { image: 10 * MB, file: 0 },
  azure: { image: 20 * MB, file: 0 },
  chat: { image: 20 * MB, file: 0 },
};

/** `12.3 MB` */
export function sizeText(bytes: number): string {
  return bytes >= MB ? `${(bytes / MB).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`;
}
