/**
 * Media parts of a request as each wire API documents them, recorded and checked: the fake provider
 * answers a malformed part with the 400 its provider would send.
 * - OpenAI Responses: `input_image` (`image_url` data URL or URL, or `file_id`), `input_file`
 *   (`file_data` data URL with `filename`, or `file_id`, or `file_url`).
 * - Anthropic Messages: `image` and `document` blocks with `source` `{type: base64, media_type, data}`
 *   (images: jpeg, png, gif, webp; documents: application/pdf), or `{type: url, url}`, or text sources.
 * - Gemini: parts with `inlineData: {mimeType, data}` (base64), or `fileData: {mimeType, fileUri}`.
 * - Chat Completions: `image_url: {url}` parts, `input_audio: {data, format: wav | mp3}`, `file: {file_data, filename}`.
 */
import type { NormalisedBody } from './protocol.js';
import type { Protocol } from './scenario.js';

/** One media part as received. */
export interface FakeMedia {
  /** The part's type as named on the wire (`input_image`, `document`, `inlineData`, `image_url`, …). */
  wireType: string;
  mediaType: string;
  /** Decoded size of inline data (0 for references by URL or id). */
  bytes: number;
  /** Inline data, decoded. */
  data?: Buffer;
  filename?: string;
}

type Json = // biome-ignore lint/suspicious/noExplicitAny: raw JSON
  any;

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const ANTHROPIC_IMAGES = ['image/jpeg', 'image/png', 'image/gif', 'image/webp'];

class MediaReader {
  readonly media: FakeMedia[] = [];
  problem?: string;

  fail(message: string) {
    this.problem ??= message;
  }

  base64(value: unknown, where: string): Buffer | undefined {
    if (typeof value !== 'string' || value.length === 0 || !BASE64.test(value)) {
      this.fail(`${where}: invalid base64 data`);
      return undefined;
    }
    return Buffer.from(value, 'base64');
  }

  /** A `data:<type>;base64,<data>` URL. */
  dataUrl(value: unknown, where: string): { mediaType: string; data: Buffer } | undefined {
    const m = typeof value === 'string' ? /^data:([^;,]+);base64,(.*)$/s.exec(value) : null;
    if (!m) {
      this.fail(`${where}: expected a data URL (data:<media type>;base64,<data>)`);
      return undefined;
    }
    const data = this.base64(m[2], where);
    return data && { mediaType: m[1]!, data };
  }

  add(wireType: string, mediaType: string, data?: Buffer, filename?: string) {
    this.media.push({
      wireType,
      mediaType,
      bytes: data?.length ?? 0,
      ...(data ? { data } : {}),
      ...(filename ? { filename } : {}),
    });
  }
}

function readResponses(body: Json, r: MediaReader) {
  for (const item of Array.isArray(body?.input) ? body.input : []) {
    // A function call's output may be a list of input_text / input_image / input_file items.
    const parts = item?.type === 'function_call_output' ? item.output : item?.content;
    for (const part of Array.isArray(parts) ? parts : []) {
      if (part?.type === 'input_image') {
        if (typeof part.file_id === 'string') r.add('input_image', 'unknown');
        else if (typeof part.image_url === 'string' && /^https?:/.test(part.image_url))
          r.add('input_image', 'url');
        else {
          const d = r.dataUrl(part.image_url, 'input_image.image_url');
          if (d) r.add('input_image', d.mediaType, d.data);
        }
        if (part.detail !== undefined && !['auto', 'low', 'high'].includes(part.detail))
          r.fail(`input_image.detail: invalid value '${part.detail}'`);
      } else if (part?.type === 'input_file') {
        if (typeof part.file_id === 'string' || typeof part.file_url === 'string')
          r.add('input_file', 'unknown');
        else {
          if (typeof part.filename !== 'string') r.fail('input_file.filename: required with file_data');
          const d = r.dataUrl(part.file_data, 'input_file.file_data');
          if (d) r.add('input_file', d.mediaType, d.data, part.filename);
        }
      } else if (part?.type === 'input_audio') {
        r.fail("input_audio: not supported by the Responses API's message content");
      }
    }
  }
}

function readAnthropic(body: Json, r: MediaReader) {
  const blocks = (content: unknown): Json[] =>
    (Array.isArray(content) ? content : []).flatMap((b: Json) =>
      b?.type === 'tool_result' ? (Array.isArray(b.content) ? b.content : []) : [b],
    );
  for (const message of Array.isArray(body?.messages) ? body.messages : []) {
    for (const block of blocks(message?.content)) {
      if (block?.type !== 'image' && block?.type !== 'document') continue;
      const source = block.source;
      if (source?.type === 'url') r.add(block.type, 'url');
      else if (source?.type === 'text' && block.type === 'document')
        r.add('document', 'text/plain', Buffer.from(String(source.data ?? '')));
      else if (source?.type === 'base64') {
        const allowed = block.type === 'image' ? ANTHROPIC_IMAGES : ['application/pdf'];
        if (!allowed.includes(source.media_type))
          r.fail(
            `${block.type}.source.media_type: Input should be ${allowed.map((t) => `'${t}'`).join(' or ')}`,
          );
        const data = r.base64(source.data, `${block.type}.source.data`);
        if (data) r.add(block.type, source.media_type, data, block.title);
      } else r.fail(`${block.type}.source: Field required`);
    }
  }
}

function readGemini(body: Json, r: MediaReader) {
  // A function response may carry parts of its own (multimodal function responses).
  const partsOf = (parts: unknown): Json[] =>
    (Array.isArray(parts) ? parts : []).flatMap((p: Json) => [p, ...partsOf(p?.functionResponse?.parts)]);
  for (const content of Array.isArray(body?.contents) ? body.contents : []) {
    for (const part of partsOf(content?.parts)) {
      const inline = part?.inlineData ?? part?.inline_data;
      if (inline) {
        const mimeType = inline.mimeType ?? inline.mime_type;
        if (typeof mimeType !== 'string' || !mimeType.includes('/')) r.fail('inlineData.mimeType: required');
        const data = r.base64(inline.data, 'inlineData.data');
        if (data) r.add('inlineData', String(mimeType), data);
      }
      const file = part?.fileData ?? part?.file_data;
      if (file) r.add('fileData', String(file.mimeType ?? file.mime_type ?? 'unknown'));
    }
  }
}

function readChat(body: Json, r: MediaReader) {
  for (const message of Array.isArray(body?.messages) ? body.messages : []) {
    for (const part of Array.isArray(message?.content) ? message.content : []) {
      if (part?.type === 'image_url') {
        const url = part.image_url?.url;
        if (typeof url === 'string' && /^https?:/.test(url)) r.add('image_url', 'url');
        else {
          const d = r.dataUrl(url, 'image_url.url');
          if (d) r.add('image_url', d.mediaType, d.data);
        }
      } else if (part?.type === 'input_audio') {
        if (!['wav', 'mp3'].includes(part.input_audio?.format))
          r.fail("input_audio.format: expected 'wav' or 'mp3'");
        const data = r.base64(part.input_audio?.data, 'input_audio.data');
        if (data) r.add('input_audio', `audio/${part.input_audio?.format}`, data);
      } else if (part?.type === 'file') {
        const d = r.dataUrl(part.file?.file_data, 'file.file_data');
        if (d) r.add('file', d.mediaType, d.data, part.file?.filename);
      }
    }
  }
}

const READERS: Record<Protocol, (body: Json, r: MediaReader) => void> = {
  responses: readResponses,
  anthropic: readAnthropic,
  gemini: readGemini,
  chat: readChat,
};

/** The media parts of a request body, and the 400 the provider would answer a malformed one with. */
export function readMedia(
  protocol: Protocol,
  body: unknown,
): { media: FakeMedia[]; problem?: NormalisedBody['problem'] } {
  const reader = new MediaReader();
  READERS[protocol](body, reader);
  return {
    media: reader.media,
    ...(reader.problem ? { problem: { status: 400, message: reader.problem } } : {}),
  };
}
