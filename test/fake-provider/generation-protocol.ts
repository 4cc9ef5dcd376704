/**
 * Media generation endpoints of the fake provider, answered as the real services answer:
 *
 * | provider | request | reply |
 * |---|---|---|
 * | OpenAI | `POST /v1/images/generations` | `{created, data: [{b64_json}]}` |
 * | OpenAI | `POST /v1/audio/speech` | the audio bytes (`audio/mpeg`) |
 * | Google Imagen | `POST /v1beta/models/<m>:predict` `{instances: [{prompt}], parameters: {sampleCount}}` | `{predictions: [{bytesBase64Encoded, mimeType}]}` |
 * | Google Veo | `POST /v1beta/models/<m>:predictLongRunning` | an operation `{name: "models/<m>/operations/<id>"}`; `GET /v1beta/<name>` is `{name}` once (running), then `{name, done: true, response: {generateVideoResponse: {generatedSamples: [{video: {uri}}]}}}`; the uri (`/v1beta/files/<id>:download?alt=media`) needs the key |
 * | xAI | `POST /xai/v1/images/generations` | `{data: [{b64_json}]}` |
 * | xAI | `POST /xai/v1/videos/generations` | `{request_id}`; `GET /xai/v1/videos/<id>` is `{status: "pending"}` once, then `{status: "done", video: {url, duration}, model}` |
 *
 * Each request is recorded. A fault set with `failGenerations` answers every generation request
 * with the provider's error body (OpenAI `{error: {message, type, param, code}}`, Google
 * `{error: {code, message, status}}`, xAI `{code, error}`). Files are made by code: a 1×1 PNG, an
 * MP3 frame header, an MP4 `ftyp` + `mdat`.
 */
import { deflateSync } from 'node:zlib';
import { geminiError } from './error-replies.js';
import { openaiError } from './openai-errors.js';
import type { ErrorReply } from './protocol.js';
import type { FakeError } from './scenario.js';

/** Who a generation request was for. */
export type FakeGenerationProvider = 'openai' | 'google' | 'xai';

/** A generation request as the fake saw it. */
export interface FakeGenerationRequest {
  provider: FakeGenerationProvider;
  kind: 'image' | 'speech' | 'video';
  model: string;
  /** The prompt (images, video) or the text (speech). */
  input: string;
  voice?: string;
  /** The request body as sent. */
  // biome-ignore lint/suspicious/noExplicitAny: raw JSON body
  body: any;
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

/** A tiny MP4: an `ftyp` box (isom, mp41) and an empty `mdat` box. */
export function fakeMp4(): Buffer {
  const box = (type: string, data: Buffer) => {
    const size = Buffer.alloc(4);
    size.writeUInt32BE(8 + data.length);
    return Buffer.concat([size, Buffer.from(type, 'ascii'), data]);
  };
  const ftyp = Buffer.concat([
    Buffer.from('isom', 'ascii'),
    Buffer.from([0, 0, 2, 0]),
    Buffer.from('isommp41', 'ascii'),
  ]);
  return Buffer.concat([box('ftyp', ftyp), box('mdat', Buffer.alloc(16))]);
}

/** A generation route matched by method and path. */
export type GenerationRoute =
  | { op: 'create'; provider: FakeGenerationProvider; kind: FakeGenerationRequest['kind']; model?: string }
  | { op: 'poll-google'; name: string }
  | { op: 'poll-xai'; id: string }
  | { op: 'download'; id: string; provider: 'google' | 'xai' };

/** The generation route of a request, if it is one. */
export function matchGenerationRoute(method: string, pathname: string): GenerationRoute | undefined {
  const xai = pathname.startsWith('/xai/');
  if (method === 'POST') {
    if (pathname.endsWith('/images/generations'))
      return { op: 'create', provider: xai ? 'xai' : 'openai', kind: 'image' };
    if (pathname.endsWith('/audio/speech')) return { op: 'create', provider: 'openai', kind: 'speech' };
    if (xai && pathname.endsWith('/videos/generations'))
      return { op: 'create', provider: 'xai', kind: 'video' };
    const google = /\/models\/([^/:]+):(predict|predictLongRunning)$/.exec(pathname);
    if (google)
      return {
        op: 'create',
        provider: 'google',
        kind: google[2] === 'predict' ? 'image' : 'video',
        model: decodeURIComponent(google[1]!),
      };
    return undefined;
  }
  if (method !== 'GET') return undefined;
  const operation = /^\/v1beta\/(models\/[^/]+\/operations\/[^/]+)$/.exec(pathname);
  if (operation) return { op: 'poll-google', name: operation[1]! };
  const file = /^\/v1beta\/files\/([^/:]+):download$/.exec(pathname);
  if (file) return { op: 'download', id: file[1]!, provider: 'google' };
  const status = /^\/xai\/v1\/videos\/([^/]+)$/.exec(pathname);
  if (status) return { op: 'poll-xai', id: status[1]! };
  const xaiFile = /^\/xai\/files\/([^/]+)\.mp4$/.exec(pathname);
  if (xaiFile) return { op: 'download', id: xaiFile[1]!, provider: 'xai' };
  return undefined;
}

export function parseGenerationRequest(
  route: Extract<GenerationRoute, { op: 'create' }>,
  // biome-ignore lint/suspicious/noExplicitAny: raw JSON body
  body: any,
): FakeGenerationRequest {
  const google = route.provider === 'google';
  const input = google ? body?.instances?.[0]?.prompt : route.kind === 'speech' ? body?.input : body?.prompt;
  return {
    provider: route.provider,
    kind: route.kind,
    model: String(google ? route.model : (body?.model ?? '')),
    input: String(input ?? ''),
    ...(typeof body?.voice === 'string' ? { voice: body.voice } : {}),
    body,
  };
}

/** The provider's error reply for a fault. */
export function generationError(provider: FakeGenerationProvider, fault: FakeError): ErrorReply {
  if (provider === 'google') return geminiError(fault);
  if (provider === 'openai') return openaiError(fault);
  return {
    status: fault.status,
    body: {
      code: fault.type ?? 'Client specified an invalid argument',
      error: fault.message ?? 'Bad request',
    },
    headers: { 'content-type': 'application/json' },
  };
}

/** A reply: JSON, or bytes of a media type. */
export type GenerationReply =
  | { status: number; json: unknown; headers?: Record<string, string> }
  | { status: number; bytes: Buffer; type: string };

/** The state of long-running video operations (one poll while running, then done). */
export class FakeVideoOperations {
  private polls = new Map<string, number>();
  private next = 0;

  /** Starts an operation; its id. */
  start(): string {
    const id = `op${++this.next}`;
    this.polls.set(id, 0);
    return id;
  }

  /** Counts a poll; whether the operation is done, undefined when unknown. */
  poll(id: string): boolean | undefined {
    const seen = this.polls.get(id);
    if (seen === undefined) return undefined;
    this.polls.set(id, seen + 1);
    return seen >= 1;
  }
}

/** The reply to a create request (images, speech, a started video operation). */
export function createReply(
  request: FakeGenerationRequest,
  operations: FakeVideoOperations,
): GenerationReply {
  if (request.kind === 'speech') return { status: 200, bytes: FAKE_SPEECH, type: 'audio/mpeg' };
  const png = fakePng().toString('base64');
  if (request.provider === 'google') {
    if (request.kind === 'video')
      return { status: 200, json: { name: `models/${request.model}/operations/${operations.start()}` } };
    const n = Number(request.body?.parameters?.sampleCount ?? 1);
    return {
      status: 200,
      json: {
        predictions: Array.from({ length: n }, () => ({ bytesBase64Encoded: png, mimeType: 'image/png' })),
      },
    };
  }
  if (request.kind === 'video') return { status: 200, json: { request_id: operations.start() } };
  const n = Number(request.body?.n ?? 1);
  const data = Array.from({ length: n }, () => ({ b64_json: png }));
  return {
    status: 200,
    json: request.provider === 'openai' ? { created: Math.floor(Date.now() / 1000), data } : { data },
  };
}

/** The reply to a poll of a Google operation or an xAI video request. */
export function pollReply(
  route: Extract<GenerationRoute, { op: 'poll-google' | 'poll-xai' }>,
  operations: FakeVideoOperations,
  baseUrl: string,
): GenerationReply {
  if (route.op === 'poll-google') {
    const id = route.name.split('/').at(-1)!;
    const done = operations.poll(id);
    if (done === undefined) return generationReplyOf(geminiError({ status: 404, type: 'NOT_FOUND' }));
    if (!done) return { status: 200, json: { name: route.name } };
    return {
      status: 200,
      json: {
        name: route.name,
        done: true,
        response: {
          '@type': 'type.googleapis.com/google.ai.generativelanguage.v1beta.PredictLongRunningResponse',
          generateVideoResponse: {
            generatedSamples: [{ video: { uri: `${baseUrl}/v1beta/files/${id}:download?alt=media` } }],
          },
        },
      },
    };
  }
  const done = operations.poll(route.id);
  if (done === undefined)
    return generationReplyOf(generationError('xai', { status: 404, message: `Video ${route.id} not found` }));
  if (!done) return { status: 200, json: { status: 'pending' } };
  return {
    status: 200,
    json: {
      status: 'done',
      video: { url: `${baseUrl}/xai/files/${route.id}.mp4`, duration: 5, respect_moderation: true },
      model: 'grok-imagine-video',
    },
  };
}

/** An error reply as a generation reply. */
export function generationReplyOf(reply: ErrorReply): GenerationReply {
  return { status: reply.status, json: reply.body, headers: reply.headers };
}
