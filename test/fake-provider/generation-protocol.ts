/**
 * OpenAI image generation (`POST …/images/generations`) and speech (`POST …/audio/speech`) for the
 * fake provider: each request is recorded; images are a small PNG (`b64_json`), speech a few bytes
 * starting with an MP3 frame header.
 */
import { deflateSync } from 'node:zlib';

/** A generation request as the fake saw it. */
export interface FakeGenerationRequest {
  kind: 'image' | 'speech';
  model: string;
  /** The prompt (images) or the text (speech). */
  input: string;
  voice?: string;
  /** The request body as sent. */
  // biome-ignore lint/suspicious/noExplicitAny: raw JSON body
  body: any;
}

export function generationKind(path: string): FakeGenerationRequest['kind'] | undefined {
  if (path.endsWith('/images/generations')) return 'image';
  if (path.endsWith('/audio/speech')) return 'speech';
  return undefined;
}

function crc32(bytes: Buffer): number {
  let c = 0xffffffff;
  for (const b of bytes) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  }
  return (c ^ 0xffffffff) >>> 0;
}

/** A 1×1 PNG. */
export function fakePng(): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([len, body, crc]);
  };
  const ihdr = Buffer.from([0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0]);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.from([0, 0, 128, 255]))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Bytes of fake speech: an MPEG-1 Layer III frame header and silence. */
export const FAKE_SPEECH = Buffer.concat([Buffer.from([0xff, 0xfb, 0x90, 0x64]), Buffer.alloc(60)]);

export function parseGenerationRequest(
  kind: FakeGenerationRequest['kind'],
  // biome-ignore lint/suspicious/noExplicitAny: raw JSON body
  body: any,
): FakeGenerationRequest {
  return {
    kind,
    model: String(body?.model ?? ''),
    input: String(kind === 'image' ? (body?.prompt ?? '') : (body?.input ?? '')),
    ...(typeof body?.voice === 'string' ? { voice: body.voice } : {}),
    body,
  };
}

/** The reply: JSON with the image (`b64_json`), or the speech bytes. */
export function generationReply(request: FakeGenerationRequest): { type: string; body: Buffer } {
  if (request.kind === 'speech') return { type: 'audio/mpeg', body: FAKE_SPEECH };
  const n = Number(request.body?.n ?? 1);
  const data = Array.from({ length: n }, () => ({ b64_json: fakePng().toString('base64') }));
  return {
    type: 'application/json',
    body: Buffer.from(JSON.stringify({ created: Math.floor(Date.now() / 1000), data })),
  };
}
