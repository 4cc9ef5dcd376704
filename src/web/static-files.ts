/**
 * The web app: files of the built page folder (`dist/web`), and `index.html` for every other GET
 * outside `/api` and `/v1` (so `/runs/:id` loads the app, which routes itself). Without a built page
 * a short page says how to build it.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Context, Hono } from 'hono';
import { findPackageRoot } from '../config/examples.js';
import { confinedFile } from './confined-file.js';
import { contentTypeOf } from './content-type.js';

/** The built page's folder of this package: `dist/web`. */
export function defaultWebRoot(): string {
  return path.join(findPackageRoot(), 'dist', 'web');
}

const NOT_BUILT = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>MassGen</title></head>
<body><h1>MassGen web UI</h1><p>The web app is not built. Run <code>npm run build</code> in the
massgen folder, then reload this page. The HTTP API is available at <code>/api</code>.</p></body></html>
`;

async function send(c: Context, file: string, cache: string): Promise<Response> {
  const body = await readFile(file);
  return c.body(new Uint8Array(body), 200, { 'Content-Type': contentTypeOf(file), 'Cache-Control': cache });
}

/** Adds the page's routes (after the API's). */
export function staticRoutes(app: Hono, webRoot: string): void {
  app.get('*', async (c) => {
    const p = c.req.path;
    if (p === '/api' || p.startsWith('/api/') || p === '/v1' || p.startsWith('/v1/')) {
      return c.notFound();
    }
    let relative: string;
    try {
      relative = decodeURIComponent(p).replace(/^\/+/, '');
    } catch {
      relative = '';
    }
    const file = relative ? await confinedFile(webRoot, relative) : undefined;
    if (file && path.basename(file) !== 'index.html') {
      const hashed = relative.startsWith('assets/');
      return send(c, file, hashed ? 'public, max-age=31536000, immutable' : 'no-cache');
    }
    const index = path.join(webRoot, 'index.html');
    if (!existsSync(index)) return c.html(NOT_BUILT, 503);
    return send(c, index, 'no-cache');
  });
}
