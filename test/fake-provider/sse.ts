/**
 * Server-sent-event framing and the paced writer that sends a reply's frames,
 * with per-event delays and deliberate mid-stream cuts.
 */
import type { ServerResponse } from 'node:http';

/** Line ending used between SSE lines; Gemini frames with CRLF, the others with LF. */
export type SseLineEnding = '\n' | '\r\n';

/** One SSE event: `event: <name>` (optional) then `data: <data>` then a blank line. */
export function sseFrame(data: unknown, event?: string, eol: SseLineEnding = '\n'): string {
  const text = typeof data === 'string' ? data : JSON.stringify(data);
  const head = event === undefined ? '' : `event: ${event}${eol}`;
  return `${head}data: ${text}${eol}${eol}`;
}

/**
 * A streamed JSON array (Gemini's streamGenerateContent without `alt=sse`):
 * the frames concatenate to `[obj,\r\nobj,\r\nobj]`.
 */
export function jsonArrayFrames(objects: unknown[]): string[] {
  if (objects.length === 0) return ['[]'];
  const frames = objects.map((object, index) => `${index === 0 ? '[' : ',\r\n'}${JSON.stringify(object)}`);
  frames[frames.length - 1] += ']';
  return frames;
}

/** Resolves after `ms`, or early (without error) when `signal` aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (ms <= 0 || signal?.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const onAbort = () => {
      clearTimeout(timer);
      resolve();
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

function writeFrame(res: ServerResponse, frame: string): Promise<void> {
  return new Promise((resolve) => {
    res.write(frame, () => resolve());
  });
}

/** Pacing and fault options for {@link writeFrames}. */
export interface StreamPacing {
  chunkDelayMs?: number;
  /** Destroy the socket after this many frames; capped at frames.length - 1 so no terminal frame is sent. */
  cutAfterChunks?: number;
  signal?: AbortSignal;
}

/**
 * Sends status, headers and `frames` one by one, waiting `chunkDelayMs` between frames.
 * With `cutAfterChunks` the socket is destroyed once that many frames have been flushed.
 * Stops quietly when the client goes away or `signal` aborts.
 */
export async function writeFrames(
  res: ServerResponse,
  headers: Record<string, string>,
  frames: string[],
  pacing: StreamPacing = {},
): Promise<void> {
  const cutAt =
    pacing.cutAfterChunks === undefined
      ? undefined
      : Math.max(0, Math.min(pacing.cutAfterChunks, frames.length - 1));
  res.writeHead(200, headers);
  res.flushHeaders();
  for (const [index, frame] of frames.entries()) {
    if (cutAt === index) break;
    if (index > 0) await sleep(pacing.chunkDelayMs ?? 0, pacing.signal);
    if (res.destroyed || pacing.signal?.aborted) return;
    await writeFrame(res, frame);
  }
  if (cutAt !== undefined) {
    res.socket?.destroy();
    res.destroy();
    return;
  }
  if (!res.destroyed) res.end();
}

/** Sends a complete JSON body with the given status. */
export function writeJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  if (res.destroyed) return;
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': String(Buffer.byteLength(text)),
    ...headers,
  });
  res.end(text);
}
