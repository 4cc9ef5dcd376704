/**
 * The contract each wire-protocol module implements, and routing of a URL path to a protocol.
 */
import type { FakeError, FakeMessage, FakeReply, FakeRequest, Protocol } from './scenario.js';

/** What the URL says about a request, before the body is read. */
export interface RouteMatch {
  protocol: Protocol;
  /** Model named in the path (Gemini, Azure deployments). */
  pathModel?: string;
  /** Streaming decided by the path (Gemini). */
  pathStream?: boolean;
  /** Gemini streamGenerateContent without `alt=sse` streams a JSON array instead of SSE. */
  jsonArrayStream?: boolean;
}

/** The protocol-specific part of a {@link FakeRequest}. */
export interface NormalisedBody {
  model: string;
  stream: boolean;
  systemParts: string[];
  messages: FakeMessage[];
  tools: FakeRequest['tools'];
  providerTools: unknown[];
  /**
   * A request the real API would reject (e.g. an unknown item reference). `reply` is the
   * provider's exact error reply when it is not the generic one for `status` (a `param`, a `code`).
   */
  problem?: { status: number; message: string; reply?: ErrorReply };
}

/** Server-lifetime state shared by requests (the Responses API's stored items and responses). */
export interface ProviderState {
  /** Output items by id, for `item_reference` inputs. */
  items: Map<string, unknown>;
  /** Full conversation of each response by id, for `previous_response_id`. */
  conversations: Map<string, FakeMessage[]>;
}

/** An HTTP error reply in the provider's own shape. */
export interface ErrorReply {
  status: number;
  body: unknown;
  headers: Record<string, string>;
}

/** One wire protocol: request normalisation, streamed and whole replies, error bodies. */
export interface ProtocolHandler {
  // biome-ignore lint/suspicious/noExplicitAny: raw JSON body
  normalise(body: any, route: RouteMatch, state: ProviderState): NormalisedBody;
  /** Response headers of a successful reply, streamed or whole (including content-type). */
  replyHeaders(req: FakeRequest, route: RouteMatch): Record<string, string>;
  /** The streamed reply as ready-to-write frames; the last frame is the terminal one. */
  streamFrames(req: FakeRequest, reply: FakeReply, state: ProviderState, route: RouteMatch): string[];
  /** The non-streamed reply body. */
  json(req: FakeRequest, reply: FakeReply, state: ProviderState): unknown;
  /** The provider's error reply for a fault (`req`: the request it answers, when there is one). */
  error(fault: FakeError, req?: FakeRequest): ErrorReply;
}

/** Matches a URL path (query string removed) by suffix, so any prefix works (Azure, proxies). */
export function matchRoute(path: string, query: URLSearchParams): RouteMatch | undefined {
  const deployment = /\/deployments\/([^/]+)\//.exec(path)?.[1];
  const withDeployment = (match: RouteMatch): RouteMatch =>
    deployment === undefined ? match : { ...match, pathModel: decodeURIComponent(deployment) };
  if (path.endsWith('/chat/completions')) return withDeployment({ protocol: 'chat' });
  if (path.endsWith('/responses')) return withDeployment({ protocol: 'responses' });
  if (path.endsWith('/messages')) return { protocol: 'anthropic' };
  const gemini = /\/models\/([^/]+):(streamGenerateContent|generateContent)$/.exec(path);
  if (gemini?.[1] !== undefined) {
    const stream = gemini[2] === 'streamGenerateContent';
    return {
      protocol: 'gemini',
      pathModel: decodeURIComponent(gemini[1]),
      pathStream: stream,
      jsonArrayStream: stream && query.get('alt') !== 'sse',
    };
  }
  return undefined;
}

/** Joins text parts of a content value that is either a string or an array of `{text}` parts. */
export function contentText(content: unknown, separator = '\n'): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content
    .map((part) => (typeof part === 'string' ? part : typeof part?.text === 'string' ? part.text : ''))
    .filter((text) => text.length > 0)
    .join(separator);
}

/** Standard default message for an HTTP error status. */
export function defaultErrorMessage(status: number): string {
  if (status === 429) return 'Rate limit reached. Please try again later.';
  if (status === 401) return 'Invalid authentication credentials.';
  if (status === 403) return 'Permission denied.';
  if (status === 404) return 'Not found.';
  if (status === 529 || status === 503) return 'The model is overloaded. Please try again later.';
  if (status >= 500) return 'The server had an error while processing your request.';
  return 'Invalid request.';
}

/** content-type (and cache-control for event streams) of a successful reply. */
export function contentHeaders(stream: boolean): Record<string, string> {
  return stream
    ? { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache' }
    : { 'content-type': 'application/json' };
}

/** `retry-after` header when the scenario asked for one. */
export function retryAfterHeader(retryAfterSeconds?: number): Record<string, string> {
  return retryAfterSeconds === undefined ? {} : { 'retry-after': String(retryAfterSeconds) };
}
