/**
 * The HTTP server's Hono app (no listening here): access checks, the body size limit, the JSON
 * API, the OpenAI-compatible endpoint and the web app's files.
 */
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { errorResponse } from './api-error.js';
import type { ServerDeps } from './deps.js';
import { errorReply } from './error-reply.js';
import { OPENAPI_DOCUMENT } from './openapi.js';
import { approvalRoutes } from './routes-approvals.js';
import { configRoutes } from './routes-configs.js';
import { openaiRoutes } from './routes-openai.js';
import { runRoutes } from './routes-runs.js';
import { workspaceRoutes } from './routes-workspace.js';
import { accessControl } from './security.js';
import { staticRoutes } from './static-files.js';

/** An idle event stream gets a comment line every 15 s (proxies keep it, dead clients are noticed). */
export const KEEP_ALIVE_MS = 15_000;

/** Largest request body accepted: 1 MiB. */
export const MAX_BODY_BYTES = 1024 * 1024;

/** Options of {@link createApp}. */
export interface AppOptions {
  /** Required of every `/api` and `/v1` request when set. */
  token?: string;
  /** The built web app's folder (`dist/web`). */
  webRoot: string;
  /** Default {@link MAX_BODY_BYTES}. */
  maxBodyBytes?: number;
  /** A comment on an idle event stream this often, in ms; default {@link KEEP_ALIVE_MS}. */
  keepAliveMs?: number;
}

export function createApp(deps: ServerDeps, options: AppOptions): Hono {
  const app = new Hono();
  app.use('*', accessControl(options.token));
  const maxSize = options.maxBodyBytes ?? MAX_BODY_BYTES;
  app.use(
    '*',
    bodyLimit({
      maxSize,
      onError: (c) =>
        errorResponse(
          c,
          413,
          'too_large',
          `The request body is larger than ${maxSize} bytes; send a smaller one (a config file can be named by configPath instead).`,
        ),
    }),
  );
  app.route('/api/runs', runRoutes(deps, options.keepAliveMs ?? KEEP_ALIVE_MS));
  app.route('/api/runs', workspaceRoutes(deps));
  app.route('/api/configs', configRoutes(deps));
  app.route('/api/approvals', approvalRoutes(deps));
  app.route('/v1', openaiRoutes(deps));
  app.get('/api/openapi.json', (c) => c.json(OPENAPI_DOCUMENT));
  app.all('/api/*', (c) =>
    errorResponse(
      c,
      404,
      'not_found',
      `No API route ${c.req.method} ${c.req.path}: GET /api/openapi.json lists them.`,
    ),
  );
  app.all('/v1/*', (c) =>
    errorResponse(
      c,
      404,
      'not_found',
      `No API route ${c.req.method} ${c.req.path}: GET /api/openapi.json lists them.`,
    ),
  );
  staticRoutes(app, options.webRoot);
  app.notFound((c) => errorResponse(c, 404, 'not_found', `Nothing at ${c.req.method} ${c.req.path}.`));
  app.onError((error, c) => errorReply(c, error, deps.redactor));
  return app;
}
