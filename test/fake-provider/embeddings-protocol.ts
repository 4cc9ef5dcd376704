/**
 * OpenAI embeddings (`POST …/embeddings`) for the fake provider: deterministic vectors from a hashed
 * bag of words, normalised, so texts sharing words are near each other (cosine) and the same text
 * always gets the same vector. Size: the request's `dimensions`, else {@link DEFAULT_DIMENSIONS}.
 */

import { openaiError, openaiHeaders } from './openai-errors.js';
import { type ErrorReply, matchRoute } from './protocol.js';

export const DEFAULT_DIMENSIONS = 64;

/** An embeddings request as the fake saw it. */
export interface FakeEmbeddingRequest {
  model: string;
  input: string[];
  dimensions?: number;
}

const STOPWORDS = new Set(
  'a an and are as at be by do does for from has have i in is it its my of on or our so that the their this to was were what which who with you your'.split(
    ' ',
  ),
);

/** Content words of a text: lower-case, stop words dropped, a plural `s` stripped. */
export function words(text: string): string[] {
  return text
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length > 1 && !STOPWORDS.has(w))
    .map((w) => (w.length > 3 && w.endsWith('s') && !w.endsWith('ss') ? w.slice(0, -1) : w));
}

function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** The deterministic unit vector of a text. */
export function fakeEmbedding(text: string, dimensions = DEFAULT_DIMENSIONS): number[] {
  const v = new Array<number>(dimensions).fill(0);
  for (const w of words(text)) {
    const h = fnv1a(w);
    v[h % dimensions]! += (h >>> 31) & 1 ? -1 : 1;
  }
  const norm = Math.sqrt(v.reduce((s, x) => s + x * x, 0));
  if (norm === 0) {
    v[0] = 1;
    return v;
  }
  return v.map((x) => x / norm);
}

/** Whether a URL path is the embeddings route (any prefix). */
export function isEmbeddingsPath(path: string): boolean {
  return path.endsWith('/embeddings') && matchRoute(path, new URLSearchParams()) === undefined;
}

/** Reads the request; undefined when the body is not a valid embeddings request. */
export function parseEmbeddingRequest(body: unknown): FakeEmbeddingRequest | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const b = body as { model?: unknown; input?: unknown; dimensions?: unknown };
  const input = typeof b.input === 'string' ? [b.input] : b.input;
  if (typeof b.model !== 'string' || !Array.isArray(input) || !input.every((x) => typeof x === 'string'))
    return undefined;
  const dimensions = typeof b.dimensions === 'number' && b.dimensions > 0 ? b.dimensions : undefined;
  return { model: b.model, input, dimensions };
}

/** The reply to an embeddings request: OpenAI's list of `{object, index, embedding}` with usage. */
export function embeddingsReply(body: unknown): ErrorReply {
  const req = parseEmbeddingRequest(body);
  if (!req)
    return openaiError({
      status: 400,
      message: "'input' must be a string or an array of strings, and 'model' a string.",
    });
  const tokens = req.input.reduce((n, t) => n + Math.max(1, Math.ceil(t.length / 4)), 0);
  return {
    status: 200,
    headers: openaiHeaders(),
    body: {
      object: 'list',
      data: req.input.map((text, index) => ({
        object: 'embedding',
        index,
        embedding: fakeEmbedding(text, req.dimensions),
      })),
      model: req.model,
      usage: { prompt_tokens: tokens, total_tokens: tokens },
    },
  };
}
