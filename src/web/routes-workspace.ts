/**
 * `/api/runs/:id/workspace`: the run's workspace snapshots and final workspace, and their files
 * (active content such as HTML is sandboxed: it runs without this server's origin); a `Range`
 * request gets its bytes (206), as `<audio>` and `<video>` ask to seek.
 */
import { open } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { Hono } from 'hono';
import { fail } from './api-error.js';
import { byteRangeOf } from './byte-range.js';
import { contentTypeOf } from './content-type.js';
import type { ServerDeps } from './deps.js';
import { listWorkspaces, workspaceFile } from './workspace-files.js';

const ACTIVE = /^(text\/html|image\/svg\+xml|application\/xml)/;

export function workspaceRoutes(deps: ServerDeps): Hono {
  const app = new Hono();

  /** The run's turn folder and agents, or a 404. */
  const runOf = async (id: string) => {
    const live = deps.registry.get(id);
    if (live)
      return live.turnDir
        ? { turnDir: live.turnDir, agents: live.detail.agents.map((a) => a.id) }
        : undefined;
    const past = await deps.history.get(id);
    return past && { turnDir: past.turnDir, agents: past.detail.agents.map((a) => a.id) };
  };

  app.get('/:id/workspace', async (c) => {
    const run = await runOf(c.req.param('id'));
    if (!run)
      fail(
        c,
        404,
        'not_found',
        `No run "${c.req.param('id')}" with a log folder: GET /api/runs lists the runs.`,
      );
    return c.json(await listWorkspaces(run.turnDir, run.agents));
  });

  app.get('/:id/workspace/*', async (c) => {
    const id = c.req.param('id');
    const run = await runOf(id);
    if (!run) fail(c, 404, 'not_found', `No run "${id}" with a log folder: GET /api/runs lists the runs.`);
    const prefix = `/api/runs/${id}/workspace/`;
    const raw = c.req.path.startsWith(prefix) ? c.req.path.slice(prefix.length) : '';
    let rest: string;
    try {
      rest = raw.split('/').map(decodeURIComponent).join('/');
    } catch {
      rest = '';
    }
    const file = await workspaceFile(run.turnDir, run.agents, rest);
    if (!file) {
      fail(
        c,
        404,
        'not_found',
        `No workspace file "${rest}" in run "${id}": GET /api/runs/${id}/workspace lists them.`,
      );
    }
    const type = contentTypeOf(file);
    const headers: Record<string, string> = {
      'Content-Type': type,
      'Cache-Control': 'no-cache',
      'Accept-Ranges': 'bytes',
    };
    if (ACTIVE.test(type)) headers['Content-Security-Policy'] = 'sandbox';
    const handle = await open(file, 'r');
    let streaming = false;
    try {
      const { size } = await handle.stat();
      const range = byteRangeOf(c.req.header('range'), size);
      if (range === 'unsatisfiable')
        return c.body(null, 416, { ...headers, 'Content-Range': `bytes */${size}` });
      if (range === undefined) {
        // Streamed from the handle that was checked (a large video is never held in memory);
        // the stream closes the handle when it ends or the client goes away.
        streaming = true;
        const body = Readable.toWeb(handle.createReadStream()) as ReadableStream<Uint8Array>;
        return c.body(body, 200, { ...headers, 'Content-Length': String(size) });
      }
      const bytes = new Uint8Array(range.end - range.start + 1);
      await handle.read(bytes, 0, bytes.length, range.start);
      headers['Content-Range'] = `bytes ${range.start}-${range.end}/${size}`;
      return c.body(bytes, 206, headers);
    } finally {
      if (!streaming) await handle.close();
    }
  });

  return app;
}
