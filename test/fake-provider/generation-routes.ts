/**
 * The fake provider's generation endpoints over HTTP (see generation-protocol.ts for what each
 * answers): records each create request, keeps the video operations, checks the key of a Google
 * file download (`?key=` or `x-goog-api-key`, 403 `PERMISSION_DENIED` without it), and answers with
 * the fault set by `failGenerations` when there is one.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { geminiError } from './error-replies.js';
import {
  createReply,
  type FakeGenerationRequest,
  FakeVideoOperations,
  fakeMp4,
  type GenerationReply,
  generationError,
  generationReplyOf,
  matchGenerationRoute,
  parseGenerationRequest,
  pollReply,
} from './generation-protocol.js';
import type { FakeError } from './scenario.js';
import { writeJson } from './sse.js';

export interface GenerationEndpoints {
  /** Every create request (images, speech, video), in arrival order. */
  requests: FakeGenerationRequest[];
  /** Every poll and download of a video (`GET` paths), in arrival order. */
  fetches: string[];
  /** Answers every later create request with this fault (undefined: answer normally). */
  fail(fault: FakeError | undefined): void;
  /** Answers the request when it is a generation endpoint; false when it is not one. */
  handle(req: IncomingMessage, url: URL, raw: Buffer, res: ServerResponse): boolean;
}

function send(res: ServerResponse, reply: GenerationReply): void {
  if ('json' in reply) {
    writeJson(res, reply.status, reply.json, reply.headers);
    return;
  }
  res.writeHead(reply.status, { 'content-type': reply.type, 'content-length': reply.bytes.length });
  res.end(reply.bytes);
}

/** The generation endpoints of a fake provider listening at `baseUrl` (`http://host:port`). */
export function generationEndpoints(baseUrl: () => string): GenerationEndpoints {
  const requests: FakeGenerationRequest[] = [];
  const fetches: string[] = [];
  const operations = new FakeVideoOperations();
  let fault: FakeError | undefined;
  return {
    requests,
    fetches,
    fail(next) {
      fault = next;
    },
    handle(req, url, raw, res) {
      const route = matchGenerationRoute(req.method ?? 'GET', url.pathname);
      if (!route) return false;
      if (route.op === 'create') {
        let body: unknown;
        try {
          body = JSON.parse(raw.toString('utf8') || '{}');
        } catch {
          send(
            res,
            generationReplyOf(
              generationError(route.provider, { status: 400, message: 'Could not parse the JSON body.' }),
            ),
          );
          return true;
        }
        const parsed = parseGenerationRequest(route, body);
        requests.push(parsed);
        send(
          res,
          fault ? generationReplyOf(generationError(route.provider, fault)) : createReply(parsed, operations),
        );
        return true;
      }
      fetches.push(url.pathname);
      if (route.op === 'download') {
        const key = url.searchParams.get('key') ?? req.headers['x-goog-api-key'];
        if (route.provider === 'google' && !key) {
          send(res, generationReplyOf(geminiError({ status: 403, type: 'PERMISSION_DENIED' })));
          return true;
        }
        send(res, { status: 200, bytes: fakeMp4(), type: 'video/mp4' });
        return true;
      }
      send(res, pollReply(route, operations, baseUrl()));
      return true;
    },
  };
}
