/**
 * Generated files over the HTTP API, against the fake provider's image and speech endpoints: the
 * run's view lists the presenter's (live and after a restart of the server, from the log), the
 * final workspace serves their bytes with their content type and byte ranges, the token is needed,
 * and nothing outside the workspace is served.
 */
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FAKE_SPEECH, fakePng } from '../fake-provider/generation-protocol.js';
import { createFakeProvider, type FakeProvider } from '../fake-provider/server.js';
import { writeFile } from '../support/cli.js';
import { api, readSse, startTestServer } from '../support/web.js';
import { makerConfig, makerScript } from './media-run.js';

const TOKEN = 'media-token-0123456789';
const AUTH = { authorization: `Bearer ${TOKEN}` };

let fake: FakeProvider;
beforeAll(async () => {
  fake = await createFakeProvider();
});
afterAll(() => fake.close());

/** A GET with the path sent exactly as written (no URL normalisation of `..`). */
function rawGet(url: string, pathname: string): Promise<{ status: number; body: string }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request({ hostname, port, path: pathname, method: 'GET', headers: AUTH }, (res) => {
      let body = '';
      res.on('data', (d) => {
        body += d;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('generated files over the HTTP API', () => {
  it('the run lists them; the final workspace serves them (type, ranges, token); nothing outside it', async () => {
    const model = 'media-api';
    fake.setScenario(makerScript(model));
    const server = await startTestServer({ token: TOKEN });
    try {
      const config = makerConfig(fake, server.home, model);
      writeFile(server.home, 'outside.txt', 'not yours');
      const started = await api(server, '/api/runs', {
        body: { configPath: config, question: 'Make a logo and an intro.' },
        headers: AUTH,
      });
      expect(started.status).toBe(201);
      const id: string = started.body.id;
      await readSse(`${server.url}api/runs/${id}/events?token=${TOKEN}`);
      const expected = [
        {
          agentId: 'maker',
          path: 'logo.png',
          mode: 'image',
          mediaType: 'image/png',
          bytes: fakePng().length,
          url: `/api/runs/${id}/workspace/final/logo.png`,
        },
        {
          agentId: 'maker',
          path: 'intro.mp3',
          mode: 'audio',
          mediaType: 'audio/mpeg',
          bytes: FAKE_SPEECH.length,
          url: `/api/runs/${id}/workspace/final/intro.mp3`,
        },
      ];
      const live = await api(server, `/api/runs/${id}`, { headers: AUTH });
      expect([live.body.status, live.body.generatedFiles]).toEqual(['completed', expected]);

      const image = await fetch(new URL(expected[0]!.url, server.url), { headers: AUTH });
      expect([
        image.status,
        image.headers.get('content-type'),
        image.headers.get('accept-ranges'),
        image.headers.get('content-length'),
      ]).toEqual([200, 'image/png', 'bytes', String(fakePng().length)]);
      expect(Buffer.from(await image.arrayBuffer())).toEqual(fakePng());
      const byQuery = await fetch(new URL(`${expected[1]!.url}?token=${TOKEN}`, server.url));
      expect([byQuery.status, byQuery.headers.get('content-type')]).toEqual([200, 'audio/mpeg']);
      expect(Buffer.from(await byQuery.arrayBuffer())).toEqual(FAKE_SPEECH);

      const part = await fetch(new URL(expected[1]!.url, server.url), {
        headers: { ...AUTH, range: 'bytes=0-3' },
      });
      expect([part.status, part.headers.get('content-range'), part.headers.get('content-type')]).toEqual([
        206,
        `bytes 0-3/${FAKE_SPEECH.length}`,
        'audio/mpeg',
      ]);
      expect(Buffer.from(await part.arrayBuffer())).toEqual(FAKE_SPEECH.subarray(0, 4));
      const tail = await fetch(new URL(expected[1]!.url, server.url), {
        headers: { ...AUTH, range: 'bytes=-10' },
      });
      expect([tail.status, tail.headers.get('content-range')]).toEqual([
        206,
        `bytes ${FAKE_SPEECH.length - 10}-${FAKE_SPEECH.length - 1}/${FAKE_SPEECH.length}`,
      ]);
      expect(Buffer.from(await tail.arrayBuffer())).toEqual(FAKE_SPEECH.subarray(-10));
      const past = await fetch(new URL(expected[1]!.url, server.url), {
        headers: { ...AUTH, range: `bytes=${FAKE_SPEECH.length}-` },
      });
      expect([past.status, past.headers.get('content-range')]).toEqual([
        416,
        `bytes */${FAKE_SPEECH.length}`,
      ]);

      for (const headers of [{}, { authorization: 'Bearer wrong' }] as Record<string, string>[]) {
        const refused = await fetch(new URL(expected[0]!.url, server.url), { headers });
        expect(refused.status).toBe(401);
      }
      const base = `/api/runs/${id}/workspace/final`;
      for (const p of [
        `${base}/../../../../outside.txt`,
        `${base}/%2e%2e/%2e%2e/%2e%2e/%2e%2e/outside.txt`,
        `${base}/..%2f..%2f..%2f..%2foutside.txt`,
        `${base}/missing.png`,
      ]) {
        const r = await rawGet(server.url, p);
        expect([p, r.status, r.body.includes('not yours')]).toEqual([p, 404, false]);
      }
    } finally {
      await server.close();
    }
    // A server started later reads the same list from the run's log.
    const again = await startTestServer({ cwd: server.home, token: TOKEN });
    try {
      const runs = await api(again, '/api/runs', { headers: AUTH });
      expect(runs.body.runs.map((r: { live: boolean }) => r.live)).toEqual([false]);
      const detail = await api(again, `/api/runs/${runs.body.runs[0].id}`, { headers: AUTH });
      expect(detail.body.generatedFiles.map((f: { path: string; url: string }) => [f.path, f.url])).toEqual([
        ['logo.png', `/api/runs/${runs.body.runs[0].id}/workspace/final/logo.png`],
        ['intro.mp3', `/api/runs/${runs.body.runs[0].id}/workspace/final/intro.mp3`],
      ]);
      const image = await fetch(new URL(detail.body.generatedFiles[0].url, again.url), { headers: AUTH });
      expect(Buffer.from(await image.arrayBuffer())).toEqual(fakePng());
    } finally {
      await again.close();
    }
  });
});
