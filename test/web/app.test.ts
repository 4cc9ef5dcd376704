/**
 * The server's document and page: /api/openapi.json documents every route the app has (and no
 * other), the built page is served with index.html for the app's own paths, and without a build a
 * short page says how to build it.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/web/app.js';
import { tempHome, writeFile } from '../support/cli.js';
import { api, startTestServer } from '../support/web.js';

describe('web server document and page', () => {
  it('GET /api/openapi.json is an OpenAPI 3.1 document of exactly the routes the app serves', async () => {
    const server = await startTestServer();
    try {
      const { body } = await api(server, '/api/openapi.json');
      expect(body.openapi).toBe('3.1.0');
      const documented = Object.entries(body.paths as Record<string, Record<string, unknown>>).flatMap(
        ([p, ops]) => Object.keys(ops).map((method) => `${method.toUpperCase()} ${p}`),
      );
      const app = createApp(server.deps, { webRoot: server.home });
      const served = app.routes
        .filter((r) => r.method !== 'ALL' && /^\/(api|v1)\//.test(r.path))
        .map((r) => `${r.method} ${r.path}`);
      const pattern = (route: string) =>
        new RegExp(`^${route.replace(/:\w+/g, '\\{\\w+\\}').replace(/\/\*$/, '(/[^/]+)+')}$`);
      for (const route of served) {
        expect(documented.filter((d) => pattern(route).test(d)).length, route).toBeGreaterThan(0);
      }
      for (const doc of documented) {
        expect(served.filter((route) => pattern(route).test(doc)).length, doc).toBeGreaterThan(0);
      }
      expect(documented).toHaveLength(15);
    } finally {
      await server.close();
    }
  });

  it('serves the built page: its files with their types, index.html for every other path outside /api and /v1', async () => {
    const web = tempHome();
    writeFile(web, 'index.html', '<!doctype html><div id="root"></div>');
    mkdirSync(path.join(web, 'assets'));
    writeFile(path.join(web, 'assets'), 'app-1234.js', 'console.log(1);');
    const server = await startTestServer({ webRoot: web });
    try {
      for (const p of ['', 'runs/log_20260101_000000_000000', 'history', 'missing.js']) {
        const r = await fetch(`${server.url}${p}`);
        expect([p, r.status, r.headers.get('content-type'), await r.text()]).toEqual([
          p,
          200,
          'text/html; charset=utf-8',
          '<!doctype html><div id="root"></div>',
        ]);
      }
      const js = await fetch(`${server.url}assets/app-1234.js`);
      expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
      expect(js.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      expect(await js.text()).toBe('console.log(1);');
      const apiMiss = await api(server, '/api/runs/x/nothing/here');
      expect(apiMiss.status).toBe(404);
      expect(apiMiss.body.error.code).toBe('not_found');
    } finally {
      await server.close();
    }
    const bare = await startTestServer({ webRoot: path.join(web, 'nothing-built') });
    try {
      const r = await fetch(bare.url);
      expect(r.status).toBe(503);
      expect(await r.text()).toContain('The web app is not built. Run <code>npm run build</code>');
    } finally {
      await bare.close();
    }
  });
});
