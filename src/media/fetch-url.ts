/**
 * An `upload_files` URL fetched once before any agent starts: a plain GET (no credentials, no
 * cookies, no headers of ours but the user agent), with a size limit and a timeout. A failure names
 * the URL (without credentials or query) and the reason.
 */
import path from 'node:path';
import { errorText } from '../error-text.js';
import { AttachmentError } from './errors.js';
import { sizeText } from './limits.js';

/** Default limit of fetching one URL. */
export const URL_TIMEOUT_MS = 30_000;

/** Whether `value` is an http(s) URL (anything else is a path). */
export function isUrl(value: string): boolean {
  return /^https?:\/\//i.test(value);
}

/** The URL as shown in messages and events: no user name or password, the query elided. */
export function shownUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}${u.pathname}${u.search ? '?…' : ''}`;
  } catch {
    return url.replace(/\/\/[^/@]*@/, '//').replace(/\?.*$/, '?…');
  }
}

/** A fetched URL: its bytes, the file name its path gives and the media type the server declared. */
export interface FetchedUrl {
  data: Uint8Array;
  /** Last segment of the URL's path (`download` when it has none). */
  name: string;
  /** The extension of that name, or one from the declared type, lower case with the dot. */
  extension: string;
  contentType?: string;
}

const TYPE_EXTENSIONS: Record<string, string> = {
  'image/png': '.png',
  'image/jpeg': '.jpg',
  'image/gif': '.gif',
  'image/webp': '.webp',
  'application/pdf': '.pdf',
  'audio/wav': '.wav',
  'audio/x-wav': '.wav',
  'audio/wave': '.wav',
  'audio/mpeg': '.mp3',
  'audio/flac': '.flac',
  'audio/ogg': '.ogg',
  'audio/mp4': '.m4a',
  'video/mp4': '.mp4',
  'video/quicktime': '.mov',
  'video/webm': '.webm',
  'text/csv': '.csv',
  'text/plain': '.txt',
  'text/markdown': '.md',
  'application/json': '.json',
  'text/html': '.html',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': '.docx',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': '.xlsx',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': '.pptx',
};

export interface FetchOptions {
  maxBytes: number;
  timeoutMs?: number;
  signal?: AbortSignal;
  /** Where the URL was named (`agents[0].backend.upload_files[1]`), for error messages. */
  origin?: string;
}

/** GETs `url`; throws an AttachmentError on a failed request, a status other than 2xx, or a body over `maxBytes`. */
export async function fetchUrl(url: string, options: FetchOptions): Promise<FetchedUrl> {
  const shown = shownUrl(url);
  const timeoutMs = options.timeoutMs ?? URL_TIMEOUT_MS;
  const fail = (reason: string, fix?: string) => new AttachmentError(shown, reason, fix, options.origin);
  const parsed = new URL(url);
  if (parsed.username || parsed.password) {
    throw fail('a URL with a user name or password is not fetched', 'give a URL without credentials');
  }
  const timer = AbortSignal.timeout(timeoutMs);
  const signal = options.signal ? AbortSignal.any([options.signal, timer]) : timer;
  const tooLarge = (what: string) =>
    fail(`${what} is over the ${sizeText(options.maxBytes)} attachment limit`, 'give a smaller file');
  const timedOut = () =>
    fail(
      `no complete answer within ${timeoutMs / 1000}s`,
      'check the URL, or raise orchestrator.media_input.url_timeout_seconds',
    );
  let response: Response;
  try {
    response = await fetch(parsed, {
      signal,
      redirect: 'follow',
      credentials: 'omit',
      headers: { 'user-agent': 'massgen-ts' },
    });
  } catch (error) {
    if (timer.aborted) throw timedOut();
    if (options.signal?.aborted) throw error;
    throw fail(`the download failed (${errorText(error)})`, 'check the URL and the network');
  }
  if (!response.ok) {
    await response.body?.cancel().catch(() => {});
    throw fail(
      `the server answered ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`,
      'check the URL',
    );
  }
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > options.maxBytes) {
    await response.body?.cancel().catch(() => {});
    throw tooLarge(sizeText(declared));
  }
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for await (const chunk of response.body ?? []) {
      total += chunk.byteLength;
      if (total > options.maxBytes) {
        await response.body?.cancel().catch(() => {});
        throw tooLarge('the download');
      }
      chunks.push(chunk);
    }
  } catch (error) {
    if (error instanceof AttachmentError) throw error;
    if (timer.aborted) throw timedOut();
    if (options.signal?.aborted) throw error;
    throw fail(`the download failed (${errorText(error)})`, 'check the URL and the network');
  }
  const data = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    data.set(chunk, at);
    at += chunk.byteLength;
  }
  const contentType = response.headers.get('content-type')?.split(';')[0]?.trim().toLowerCase() || undefined;
  const last = parsed.pathname.split('/').filter(Boolean).at(-1) ?? '';
  let base = last;
  try {
    base = decodeURIComponent(last);
  } catch {}
  const name = base || 'download';
  const extension =
    path.extname(name).toLowerCase() || (contentType ? (TYPE_EXTENSIONS[contentType] ?? '') : '');
  return { data, name, extension, contentType };
}
