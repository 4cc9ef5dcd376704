/**
 * `/api/runs`: start a run, list the runs (under way and recorded), one run's view, cancel it, and
 * its events as Server-Sent Events (replayed from the start or from `Last-Event-ID`, then live).
 */
import { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import { z } from 'zod';
import { serializeEvent } from '../events/event-log.js';
import { createRedactor } from '../events/redaction.js';
import { streamEventLog } from '../events/replay.js';
import { fail } from './api-error.js';
import { resolveRunConfig } from './configs.js';
import type { ServerDeps } from './deps.js';
import { errorReply } from './error-reply.js';
import { readJson } from './request-body.js';
import { type RunDetail, type RunSummary, summaryOf } from './run-view.js';
import { saveUploads, uploadProblem } from './uploads.js';

const startBody = z
  .object({
    config: z.record(z.string(), z.unknown()).optional(),
    configPath: z.string().min(1).optional(),
    example: z.string().min(1).optional(),
    question: z.string().trim().min(1, 'give the question to answer'),
    sessionId: z.string().min(1).optional(),
    /** Files for every agent (see uploads.ts), within the request's size limit. */
    attachments: z
      .array(z.object({ name: z.string().min(1).max(255), data: z.string() }).strict())
      .max(20)
      .optional(),
  })
  .strict();

/** `Last-Event-ID` (header, or `?lastEventId=`): the events after it are sent; 0 for all. */
function lastEventId(header: string | undefined, query: string | undefined): number {
  const value = header ?? query;
  const n = value === undefined ? 0 : Number(value);
  return Number.isInteger(n) && n > 0 ? n : 0;
}

/** The pieces of `frames`, with `idle` in between whenever none came for `ms`. */
async function* withKeepAlive(
  frames: AsyncIterable<string>,
  ms: number,
  idle: string,
): AsyncGenerator<string> {
  const it = frames[Symbol.asyncIterator]();
  let pending = it.next();
  for (;;) {
    let timer: NodeJS.Timeout | undefined;
    const tick = new Promise<'tick'>((resolve) => {
      timer = setTimeout(() => resolve('tick'), ms);
    });
    const result = await Promise.race([pending, tick]);
    clearTimeout(timer);
    if (result === 'tick') {
      yield idle;
      continue;
    }
    if (result.done) return;
    yield result.value;
    pending = it.next();
  }
}

export function runRoutes(deps: ServerDeps, keepAliveMs: number): Hono {
  const app = new Hono();
  const { registry, history } = deps;

  const detailOf = async (id: string): Promise<RunDetail | undefined> =>
    registry.get(id)?.detail ?? (await history.get(id))?.detail;

  app.post('/', async (c) => {
    const body = await readJson(c, startBody);
    const problem = body.attachments?.map(uploadProblem).find((p) => p !== undefined);
    if (problem) fail(c, 400, 'bad_request', `The request body is not right: ${problem}.`);
    let raw: unknown;
    try {
      const { attachments: uploads, ...choice } = body;
      const resolved = await resolveRunConfig(choice, deps.places);
      raw = resolved.raw;
      const attachments = uploads?.length ? await saveUploads(deps.places.cwd, uploads) : undefined;
      const { run, sessionId } = await registry.start({
        resolved,
        question: body.question,
        sessionId: body.sessionId,
        ...(attachments ? { attachments } : {}),
      });
      return c.json({ id: run.id, ...(sessionId ? { sessionId } : {}) }, 201);
    } catch (error) {
      // The config's own secrets are hidden too (a message may quote a value of it).
      const redactor = createRedactor({ env: deps.places.env, config: [body.config, raw] });
      return errorReply(c, error, redactor);
    }
  });

  app.get('/', async (c) => {
    const q = c.req.query('q')?.trim().toLowerCase();
    const live = registry.list().map((r) => summaryOf(r.detail, !r.isEnded));
    const seen = new Set(live.map((r) => r.id));
    const past = (await history.list()).filter((r) => !seen.has(r.id)).map((r) => summaryOf(r.detail, false));
    const runs: RunSummary[] = [...live, ...past]
      .filter((r) => !q || r.question.toLowerCase().includes(q))
      .sort((a, b) => (a.startedAt < b.startedAt ? 1 : a.startedAt > b.startedAt ? -1 : 0));
    return c.json({ runs });
  });

  app.get('/:id', async (c) => {
    const detail = await detailOf(c.req.param('id'));
    if (!detail) fail(c, 404, 'not_found', `No run "${c.req.param('id')}": GET /api/runs lists the runs.`);
    return c.json(detail);
  });

  app.post('/:id/cancel', async (c) => {
    const id = c.req.param('id');
    const run = registry.get(id);
    if (!run || run.isEnded) {
      if (run || (await history.get(id))) {
        fail(c, 409, 'conflict', `Run "${id}" is not running: it has ended already.`);
      }
      fail(c, 404, 'not_found', `No run "${id}": GET /api/runs lists the runs.`);
    }
    run.cancel();
    return c.json({ id, status: 'interrupted' }, 202);
  });

  app.get('/:id/events', async (c) => {
    const id = c.req.param('id');
    const after = lastEventId(c.req.header('last-event-id'), c.req.query('lastEventId'));
    const run = registry.get(id);
    const file = run ? undefined : history.eventFile(id);
    if (!run && !file) fail(c, 404, 'not_found', `No run "${id}": GET /api/runs lists the runs.`);
    return streamSSE(c, async (stream) => {
      const stop = new AbortController();
      stream.onAbort(() => stop.abort());
      try {
        if (run) {
          const frames = withKeepAlive(run.framesAfter(after, stop.signal), keepAliveMs, ': keep-alive\n\n');
          for await (const text of frames) await stream.write(text);
        } else {
          for await (const event of streamEventLog(file!)) {
            if (stop.signal.aborted) break;
            if (event.seq > after)
              await stream.writeSSE({ id: String(event.seq), data: serializeEvent(event) });
          }
        }
      } catch {
        // A recording that cannot be read further ends the stream like its end does.
      }
      if (!stop.signal.aborted) await stream.writeSSE({ event: 'end', data: '{}' });
    });
  });

  return app;
}
