/**
 * The best form of each attachment for one agent's wire API: native parts where the provider takes
 * the medium (images on every API; PDFs on OpenAI Responses, Anthropic and Gemini; audio and video on
 * Gemini; WAV and MP3 audio on Chat Completions for OpenAI's audio models), sampled frames for video
 * elsewhere, otherwise the converted text (with page images for a PDF when they were asked for).
 */
import type { FilePart, ImagePart, TextPart } from 'ai';
import type { WireApi } from '../providers/catalog.js';
import { AttachmentError } from './errors.js';
import { NATIVE_LIMITS, sizeText } from './limits.js';
import type { AttachmentForm, AttachmentKind, PreparedAttachment } from './types.js';

/** A part of a user message that carries an attachment. */
export type AttachmentPart = TextPart | ImagePart | FilePart;

/** One attachment as one agent gets it. */
export interface PlannedAttachment {
  name: string;
  form: AttachmentForm;
  mediaType: string;
  parts: AttachmentPart[];
  /** Bytes carried: the file, the frames or the text. */
  bytes: number;
}

/** Who gets a file: the wire API of the agent's backend, and its model (some models take more). */
export interface MediaTarget {
  api: WireApi;
  model?: string;
}

/** OpenAI's models with audio input on Chat Completions (gpt-4o-audio-preview, gpt-4o-mini-audio-preview, gpt-audio, gpt-audio-mini, …). */
export function isAudioInputModel(model: string | undefined): boolean {
  return model !== undefined && /(^|\/)(gpt-4o(-mini)?-audio|gpt-audio)(-|$)/i.test(model);
}

/** The audio types Chat Completions takes as `input_audio` (format wav or mp3). */
const CHAT_AUDIO_TYPES = ['audio/wav', 'audio/mpeg'];
/** Largest audio file sent as `input_audio`. */
const CHAT_AUDIO_LIMIT = 20 * 1024 * 1024;

const targetOf = (t: MediaTarget | WireApi): MediaTarget => (typeof t === 'string' ? { api: t } : t);

/** Whether a Chat Completions agent takes this audio natively: an OpenAI audio model, WAV or MP3. */
function takesChatAudio(target: MediaTarget, mediaType: string | undefined, bytes: number): boolean {
  return (
    (target.api === 'chat' || target.api === 'azure') &&
    isAudioInputModel(target.model) &&
    (mediaType === undefined || CHAT_AUDIO_TYPES.includes(mediaType)) &&
    bytes <= CHAT_AUDIO_LIMIT
  );
}

/** The kinds each wire API takes as a native file part (images are taken by all). */
const NATIVE_FILES: Record<WireApi, readonly AttachmentKind[]> = {
  responses: ['pdf'],
  anthropic: ['pdf'],
  gemini: ['pdf', 'audio', 'video'],
  xai: [],
  azure: [],
  chat: [],
};

/**
 * Whether `target` takes this kind natively (as an image or file part), at this size (bytes) and
 * media type (when known: only some audio types go natively to Chat Completions).
 */
export function takesNatively(
  target: MediaTarget | WireApi,
  kind: AttachmentKind,
  bytes = 0,
  mediaType?: string,
): boolean {
  const t = targetOf(target);
  if (kind === 'image') return true;
  if (kind === 'audio' && takesChatAudio(t, mediaType, bytes)) return true;
  return NATIVE_FILES[t.api].includes(kind) && bytes <= NATIVE_LIMITS[t.api].file;
}

/** Whether any of these agents needs the text form of a file of this kind and size (so it is converted). */
export function needsText(
  targets: readonly (MediaTarget | WireApi)[],
  kind: AttachmentKind,
  bytes = 0,
  mediaType?: string,
): boolean {
  return kind !== 'image' && targets.some((t) => !takesNatively(t, kind, bytes, mediaType) || kind === 'pdf');
}

/** The opening tag of an attachment's block (a quote in the file name is written `&quot;`). */
const openTag = (a: PreparedAttachment) =>
  `<attachment name="${a.name.replace(/"/g, '&quot;')}" type="${a.mediaType}">`;

/** The text of an attachment in its block; the closing tag inside it is written `&lt;/attachment`, so it cannot end the block early. */
const textPart = (a: PreparedAttachment, body: string): TextPart => ({
  type: 'text',
  text: `${openTag(a)}\n${body.replace(/<(\/?attachment)/gi, '&lt;$1')}\n</attachment>`,
});

/** The parts and the form of attachment `a` for an agent on `target` (its backend type names it in errors). */
export function planAttachment(
  a: PreparedAttachment,
  target: MediaTarget | WireApi,
  backend: string,
): PlannedAttachment {
  const t = targetOf(target);
  const limits = NATIVE_LIMITS[t.api];
  const base = { name: a.name, mediaType: a.mediaType };
  if (a.kind === 'image') {
    if (a.data.byteLength > limits.image) {
      throw new AttachmentError(
        a.path,
        `${sizeText(a.data.byteLength)} is over the ${sizeText(limits.image)} image limit of the ${backend} backend`,
        'resize or compress the image',
      );
    }
    return {
      ...base,
      form: 'image',
      bytes: a.data.byteLength,
      parts: [{ type: 'image', image: a.data, mediaType: a.mediaType }],
    };
  }
  if (takesNatively(t, a.kind, a.data.byteLength, a.mediaType)) {
    return {
      ...base,
      form: 'file',
      bytes: a.data.byteLength,
      parts: [{ type: 'file', data: a.data, mediaType: a.mediaType, filename: a.name }],
    };
  }
  if (a.kind === 'video' && a.frames && a.frames.length > 0) {
    const frames = a.frames;
    return {
      ...base,
      form: 'frames',
      bytes: frames.reduce((n, f) => n + f.byteLength, 0),
      parts: [
        {
          type: 'text',
          text: `${openTag(a)}${frames.length} frames sampled from the video follow.</attachment>`,
        },
        ...frames.map((f): ImagePart => ({ type: 'image', image: f, mediaType: 'image/jpeg' })),
      ],
    };
  }
  const text = a.text ?? `[${a.name}: no text could be extracted]`;
  if (a.kind === 'pdf' && a.pages && a.pages.length > 0) {
    const pages = a.pages;
    return {
      ...base,
      form: 'pages',
      bytes: Buffer.byteLength(text) + pages.reduce((n, p) => n + p.byteLength, 0),
      parts: [
        textPart(a, text),
        {
          type: 'text',
          text: `${openTag(a)}${pages.length === 1 ? 'Page 1 as an image follows.' : `Pages 1-${pages.length} as images follow.`}</attachment>`,
        },
        ...pages.map((p): ImagePart => ({ type: 'image', image: p, mediaType: 'image/png' })),
      ],
    };
  }
  return { ...base, form: 'text', bytes: Buffer.byteLength(text), parts: [textPart(a, text)] };
}
