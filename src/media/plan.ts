/**
 * The best form of each attachment for one agent's wire API: native parts where the provider takes
 * the medium (images on every API; PDFs on OpenAI Responses, Anthropic and Gemini; audio and video on
 * Gemini), sampled frames for video elsewhere, otherwise the converted text.
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

/** The kinds each wire API takes as a native file part (images are taken by all). */
const NATIVE_FILES: Record<WireApi, readonly AttachmentKind[]> = {
  responses: ['pdf'],
  anthropic: ['pdf'],
  gemini: ['pdf', 'audio', 'video'],
  xai: [],
  azure: [],
  chat: [],
};

/** Whether `api` takes this kind natively (as an image or file part), at this size (bytes). */
export function takesNatively(api: WireApi, kind: AttachmentKind, bytes = 0): boolean {
  return kind === 'image' || (NATIVE_FILES[api].includes(kind) && bytes <= NATIVE_LIMITS[api].file);
}

/** Whether any agent on these APIs needs the text form of a file of this kind and size (so it is converted). */
export function needsText(apis: readonly WireApi[], kind: AttachmentKind, bytes = 0): boolean {
  return kind !== 'image' && apis.some((api) => !takesNatively(api, kind, bytes) || kind === 'pdf');
}

/** The opening tag of an attachment's block (a quote in the file name is written `&quot;`). */
const openTag = (a: PreparedAttachment) =>
  `<attachment name="${a.name.replace(/"/g, '&quot;')}" type="${a.mediaType}">`;

/** The text of an attachment in its block; the closing tag inside it is written `&lt;/attachment`, so it cannot end the block early. */
const textPart = (a: PreparedAttachment, body: string): TextPart => ({
  type: 'text',
  text: `${openTag(a)}\n${body.replace(/<(\/?attachment)/gi, '&lt;$1')}\n</attachment>`,
});

/** The parts and the form of attachment `a` for an agent on `api`. */
export function planAttachment(a: PreparedAttachment, api: WireApi, backend: string): PlannedAttachment {
  const limits = NATIVE_LIMITS[api];
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
  if (NATIVE_FILES[api].includes(a.kind) && a.data.byteLength <= limits.file) {
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
  return { ...base, form: 'text', bytes: Buffer.byteLength(text), parts: [textPart(a, text)] };
}
