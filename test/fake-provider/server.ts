/**
 * Loopback fake LLM provider: one node:http server speaking OpenAI Chat Completions,
 * OpenAI Responses, Anthropic Messages and Gemini, answering from a {@link Scenario}.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { anthropicProtocol } from './anthropic-protocol.js';
import { chatProtocol } from './chat-protocol.js';
import {
  embeddingsReply,
  type FakeEmbeddingRequest,
  isEmbeddingsPath,
  parseEmbeddingRequest,
} from './embeddings-protocol.js';
import { geminiProtocol } from './gemini-protocol.js';
import type { FakeGenerationRequest } from './generation-protocol.js';
import { generationEndpoints } from './generation-routes.js';
import { readMedia } from './media-parts.js';
import { openaiError } from './openai-errors.js';
import {
  type ErrorReply,
  matchRoute,
  type NormalisedBody,
  type ProtocolHandler,
  type ProviderState,
  type RouteMatch,
} from './protocol.js';
import { responsesProtocol } from './responses-protocol.js';
import { consensus, type FakeError, type FakeRequest, type Protocol, type Scenario } from './scenario.js';
import { sleep, writeFrames, writeJson } from './sse.js';
import { withStreamError } from './stream-errors.js';
import {
  type FakeTranscriptionRequest,
  isTranscriptionPath,
  parseTranscriptionRequest,
  transcriptionReply,
} from './transcription-protocol.js';

/** A running fake provider. */
export interface FakeProvider {
  /** Base URL of the server, e.g. http://127.0.0.1:43121. */
  url: string;
  /** Base URLs to hand to the AI SDK providers: url+'/v1', url+'/v1', url+'/v1beta', url+'/v1'. */
  /** `xai`: the xAI routes (images, video), under `/xai/v1`. */
  baseUrls: { openai: string; anthropic: string; gemini: string; chat: string; xai: string };
  /** Every routed request with a JSON body, normalised, in arrival order. */
  requests: FakeRequest[];
  /** Every embeddings request (`POST …/embeddings`), in arrival order (not in `requests`). */
  embeddingRequests: FakeEmbeddingRequest[];
  /** Every transcription request (`POST …/audio/transcriptions`), in arrival order (not in `requests`). */
  transcriptionRequests: FakeTranscriptionRequest[];
  /** Every image, speech and video generation request, in arrival order (not in `requests`). */
  generationRequests: FakeGenerationRequest[];
  /** Every poll and download of a generated video (`GET` paths), in arrival order. */
  generationFetches: string[];
  /** Answers every later generation request with the provider's error for `fault` (undefined: normally). */
  failGenerations(fault: FakeError | undefined): void;
  /** Replaces the scenario for subsequent requests. */
  setScenario(scenario: Scenario): void;
  /** Resolves with the next request (that `match` accepts) to arrive after the call. */
  waitForRequest(match?: (req: FakeRequest) => boolean): Promise<FakeRequest>;
  /** Delays every later embeddings reply by `ms` (a slow embedding service). */
  setEmbeddingDelay(ms: number): void;
  /** Stops the server and destroys open sockets. */
  close(): Promise<void>;
}

/** Options of {@link createFakeProvider}. */
export interface FakeProviderOptions {
  /** Default `consensus()`. */
  scenario?: Scenario;
  /** Default '127.0.0.1'. */
  host?: string;
  /** Default 0 (a free port). */
  port?: number;
}

const HANDLERS: Record<Protocol, ProtocolHandler> = {
  chat: chatProtocol,
  responses: responsesProtocol,
  anthropic: anthropicProtocol,
  gemini: geminiProtocol,
};

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function lowerCaseHeaders(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

function sendError(res: ServerResponse, reply: ErrorReply): void {
  writeJson(res, reply.status, reply.body, reply.headers);
}

function toFakeRequest(
  route: RouteMatch,
  path: string,
  normalised: NormalisedBody,
  body: unknown,
  req: IncomingMessage,
  index: number,
): FakeRequest {
  const { messages } = normalised;
  return {
    protocol: route.protocol,
    path,
    model: normalised.model,
    stream: normalised.stream,
    system: normalised.systemParts.join('\n\n'),
    messages,
    lastUserText: messages.findLast((message) => message.role === 'user')?.text ?? '',
    tools: normalised.tools,
    providerTools: normalised.providerTools,
    body,
    headers: lowerCaseHeaders(req),
    index,
  };
}

function hostForUrl(host: string): string {
  if (host === '0.0.0.0' || host === '::' || host === '') return '127.0.0.1';
  return host.includes(':') ? `[${host}]` : host;
}

/** Starts a fake provider on `host:port` (default 127.0.0.1, random port) answering from `scenario`. */
export async function createFakeProvider(options: FakeProviderOptions = {}): Promise<FakeProvider> {
  let scenario: Scenario = options.scenario ?? consensus();
  const requests: FakeRequest[] = [];
  const embeddingRequests: FakeEmbeddingRequest[] = [];
  const transcriptionRequests: FakeTranscriptionRequest[] = [];
  let serverUrl = '';
  const generation = generationEndpoints(() => serverUrl);
  let embeddingDelayMs = 0;
  const waiters = new Set<{ match: (req: FakeRequest) => boolean; resolve: (req: FakeRequest) => void }>();
  const sockets = new Set<Socket>();
  const closing = new AbortController();
  const state: ProviderState = { items: new Map(), conversations: new Map() };

  async function reply(req: FakeRequest, route: RouteMatch, handler: ProtocolHandler, res: ServerResponse) {
    const signal = AbortSignal.any([closing.signal, abortOnClose(res)]);
    let answer: Awaited<ReturnType<Scenario>>;
    try {
      answer = await scenario(req);
    } catch (error) {
      const message = `Fake provider scenario failed: ${error instanceof Error ? error.message : String(error)}`;
      return sendError(res, handler.error({ status: 500, message }, req));
    }
    await sleep(answer.firstByteDelayMs ?? 0, signal);
    if (signal.aborted) return;
    if (answer.error) {
      return sendError(res, handler.error(answer.error, req));
    }
    if (!req.stream) {
      return writeJson(res, 200, handler.json(req, answer, state), handler.replyHeaders(req, route));
    }
    const reply = handler.streamFrames(req, answer, state, route);
    const frames = answer.streamError
      ? withStreamError(req.protocol, reply, answer.streamError, route)
      : reply;
    await writeFrames(res, handler.replyHeaders(req, route), frames, {
      signal,
      ...(answer.chunkDelayMs === undefined ? {} : { chunkDelayMs: answer.chunkDelayMs }),
      ...(answer.cutAfterChunks === undefined ? {} : { cutAfterChunks: answer.cutAfterChunks }),
    });
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://fake.local');
    const route = req.method === 'POST' ? matchRoute(url.pathname, url.searchParams) : undefined;
    const raw = await readBody(req);
    const text = raw.toString('utf8');
    if (generation.handle(req, url, raw, res)) return;
    if (req.method === 'POST' && isTranscriptionPath(url.pathname)) {
      const parsed = parseTranscriptionRequest(raw, String(req.headers['content-type'] ?? ''));
      transcriptionRequests.push(parsed);
      return writeJson(res, 200, transcriptionReply(parsed));
    }
    if (req.method === 'POST' && isEmbeddingsPath(url.pathname)) {
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch {
        return sendError(
          res,
          openaiError({ status: 400, message: 'Could not parse the JSON body of your request.' }),
        );
      }
      const parsed = parseEmbeddingRequest(body);
      if (parsed) embeddingRequests.push(parsed);
      if (embeddingDelayMs > 0) await sleep(embeddingDelayMs);
      const reply = embeddingsReply(body);
      return writeJson(res, reply.status, reply.body, reply.headers);
    }
    if (route === undefined) {
      return sendError(
        res,
        openaiError({ status: 404, message: `Invalid URL (${req.method} ${url.pathname})` }),
      );
    }
    const handler = HANDLERS[route.protocol];
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      return sendError(
        res,
        handler.error({ status: 400, message: 'Could not parse the JSON body of your request.' }),
      );
    }
    const normalised = handler.normalise(body, route, state);
    const media = readMedia(route.protocol, body);
    if (media.problem) normalised.problem ??= media.problem;
    const fakeRequest = {
      ...toFakeRequest(route, url.pathname, normalised, body, req, requests.length),
      media: media.media,
    };
    requests.push(fakeRequest);
    for (const waiter of [...waiters]) {
      if (waiter.match(fakeRequest)) {
        waiters.delete(waiter);
        waiter.resolve(fakeRequest);
      }
    }
    if (normalised.problem) {
      return sendError(res, normalised.problem.reply ?? handler.error(normalised.problem, fakeRequest));
    }
    await reply(fakeRequest, route, handler, res);
  }

  const server = createServer({ noDelay: true }, (req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) sendError(res, openaiError({ status: 500, message: String(error) }));
      else res.destroy();
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const url = `http://${hostForUrl(host)}:${(server.address() as AddressInfo).port}`;
  serverUrl = url;
  return {
    url,
    baseUrls: {
      openai: `${url}/v1`,
      anthropic: `${url}/v1`,
      gemini: `${url}/v1beta`,
      chat: `${url}/v1`,
      xai: `${url}/xai/v1`,
    },
    requests,
    embeddingRequests,
    transcriptionRequests,
    generationRequests: generation.requests,
    generationFetches: generation.fetches,
    failGenerations: (fault) => generation.fail(fault),
    waitForRequest(match = () => true) {
      return new Promise((resolve) => {
        waiters.add({ match, resolve });
      });
    },
    setEmbeddingDelay(ms) {
      embeddingDelayMs = ms;
    },
    setScenario(next) {
      scenario = next;
    },
    close() {
      closing.abort();
      return new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
        server.closeAllConnections();
      });
    },
  };
}

function abortOnClose(res: ServerResponse): AbortSignal {
  const controller = new AbortController();
  res.on('close', () => controller.abort());
  return controller.signal;
}
