/**
 * Who may use the server, over real HTTP: a token off loopback (refused without one), checked on
 * every API and SSE request; loopback Host names only without a token; no cross-origin writes and
 * no CORS; body size and JSON checks; no key of the environment or of a config in any reply.
 */
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/errors.js';
import { startServer } from '../../src/web/server.js';
import { consensus } from '../fake-provider/scenario.js';
import { createFakeProvider, type FakeProvider } from '../fake-provider/server.js';
import { tempHome, writeFile } from '../support/cli.js';
import { api, readSse, startTestServer, writeAgentsConfig } from '../support/web.js';

let fake: FakeProvider;
beforeAll(async () => {
  fake = await createFakeProvider();
});
afterAll(async () => {
  await fake.close();
});

/** A request with any Host and headers (fetch cannot set Host). */
function rawRequest(
  url: string,
  init: { method?: string; path: string; headers?: Record<string, string>; body?: string },
): Promise<{ status: number; body: string; headers: Record<string, unknown> }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request(
      { hostname, port, path: init.path, method: init.method ?? 'GET', headers: init.headers },
      (res) => {
        let body = '';
        res.on('data', (d) => {
          body += d;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
      },
    );
    req.on('error', reject);
    req.end(init.body);
  });
}

const TOKEN = 'web-token-0123456789';

describe('web server security', () => {
  it('off loopback it will not start without a token', async () => {
    const start = startServer({ host: '0.0.0.0', port: 0, cwd: tempHome() });
    await expect(start).rejects.toSatisfy(
      (e) => ConfigError.isInstance(e) && /--token TOKEN/.test((e as Error).message),
    );
  });

  it('on 0.0.0.0 with a token: 401 without it or with a wrong one, 200 with it (header, or ?token= on a GET and for SSE)', async () => {
    fake.setScenario(consensus());
    const server = await startTestServer({ host: '0.0.0.0', token: TOKEN });
    try {
      expect(server.url).toMatch(/^http:\/\/0\.0\.0\.0:\d+\/$/);
      const local = { url: `http://127.0.0.1:${server.port}/` };
      const none = await api(local, '/api/runs');
      expect(none.status).toBe(401);
      expect(none.body).toEqual({
        error: {
          code: 'unauthorized',
          message:
            'This server needs its token: send Authorization: Bearer <token> (or ?token=<token> on a GET).',
        },
      });
      const wrong = await api(local, '/api/runs', { headers: { authorization: 'Bearer wrong-token' } });
      expect(wrong.status).toBe(401);
      expect(wrong.body.error.message).toMatch(/^The token is wrong/);
      const auth = { authorization: `Bearer ${TOKEN}` };
      expect((await api(local, '/api/runs', { headers: auth })).status).toBe(200);
      expect((await api(local, `/api/runs?token=${TOKEN}`)).status).toBe(200);
      expect((await api(local, '/api/configs?token=nope')).status).toBe(401);
      expect((await api(local, '/v1/models')).status).toBe(401);
      // A write must carry the header: ?token= is for GETs only.
      const config = writeAgentsConfig(fake, server.home, ['a']);
      const body = { configPath: config, question: 'Guarded?' };
      expect((await api(local, `/api/runs?token=${TOKEN}`, { body })).status).toBe(401);
      const started = await api(local, '/api/runs', { body, headers: auth });
      expect(started.status).toBe(201);
      await expect(readSse(`${local.url}api/runs/${started.body.id}/events`)).rejects.toThrow(/HTTP 401/);
      const events = await readSse(`${local.url}api/runs/${started.body.id}/events?token=${TOKEN}`);
      expect(events.at(-1)).toEqual({ event: 'end', data: '{}' });
      // The page itself loads without the token (it reads it from its own URL).
      expect((await fetch(local.url)).status).not.toBe(401);
    } finally {
      await server.close();
    }
  });

  it('without a token only loopback Host names are answered; cross-origin writes are refused; no CORS headers', async () => {
    const server = await startTestServer();
    try {
      const port = server.port;
      const rebound = await rawRequest(server.url, {
        path: '/api/runs',
        headers: { host: `evil.example:${port}` },
      });
      expect(rebound.status).toBe(403);
      expect(JSON.parse(rebound.body).error.code).toBe('forbidden');
      for (const host of [`127.0.0.1:${port}`, `localhost:${port}`]) {
        expect((await rawRequest(server.url, { path: '/api/runs', headers: { host } })).status).toBe(200);
      }
      const cross = await rawRequest(server.url, {
        method: 'POST',
        path: '/api/runs',
        headers: {
          host: `127.0.0.1:${port}`,
          origin: 'http://evil.example',
          'content-type': 'application/json',
        },
        body: JSON.stringify({ example: 'x', question: 'q' }),
      });
      expect(cross.status).toBe(403);
      expect(JSON.parse(cross.body).error.message).toMatch(/^Cross-origin requests are refused/);
      const sandboxed = await rawRequest(server.url, {
        method: 'POST',
        path: '/api/approvals/apr_1',
        headers: { host: `127.0.0.1:${port}`, origin: 'null', 'content-type': 'application/json' },
        body: '{"approved":true}',
      });
      expect(sandboxed.status).toBe(403);
      const preflight = await rawRequest(server.url, {
        method: 'OPTIONS',
        path: '/api/runs',
        headers: {
          host: `127.0.0.1:${port}`,
          origin: 'http://evil.example',
          'access-control-request-method': 'POST',
        },
      });
      expect(Object.keys(preflight.headers).filter((h) => h.startsWith('access-control-'))).toEqual([]);
      const plain = await api(server, '/api/runs');
      expect([...plain.headers.keys()].filter((h) => h.startsWith('access-control-'))).toEqual([]);
    } finally {
      await server.close();
    }
  });

  it('bodies: 413 over 1 MiB, 415 when not JSON, 400 for bad JSON and for a wrong shape, each naming the problem', async () => {
    const server = await startTestServer();
    try {
      const big = await rawRequest(server.url, {
        method: 'POST',
        path: '/api/runs',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ question: 'x'.repeat(1024 * 1024 + 1) }),
      });
      expect(big.status).toBe(413);
      expect(JSON.parse(big.body).error).toEqual({
        code: 'too_large',
        message:
          'The request body is larger than 1048576 bytes; send a smaller one (a config file can be named by configPath instead).',
      });
      const text = await api(server, '/api/runs', { body: '{}', headers: { 'content-type': 'text/plain' } });
      expect(text.status).toBe(415);
      expect(text.body.error.message).toBe(
        'The request body must be JSON: send it with Content-Type: application/json (got "text/plain").',
      );
      const broken = await api(server, '/api/runs', { body: '{"question": ' });
      expect(broken.status).toBe(400);
      expect(broken.body.error.message).toMatch(
        /^The request body is not valid JSON \(.+\); send a JSON object\.$/,
      );
      const shape = await api(server, '/api/runs', { body: { question: '', example: 'x', colour: 'red' } });
      expect(shape.status).toBe(400);
      expect(shape.body.error.issues.map((i: { path: string }) => i.path).sort()).toEqual([
        'body',
        'body.question',
      ]);
      expect(shape.body.error.message).toContain('colour');
      const unknown = await api(server, '/api/nothing');
      expect(unknown.status).toBe(404);
      expect(unknown.body.error.message).toBe(
        'No API route GET /api/nothing: GET /api/openapi.json lists them.',
      );
    } finally {
      await server.close();
    }
  });

  it('no key of the environment or of the config reaches any reply, also when a model repeats them', async () => {
    const ENV_KEY = 'sk-env-secret-abcdef0123456789';
    const CONFIG_KEY = 'sk-config-secret-0123456789abcdef';
    fake.setScenario(
      consensus({
        answer: () => `The keys are ${ENV_KEY} and ${CONFIG_KEY}.`,
        present: () => `Final: ${ENV_KEY} / ${CONFIG_KEY}`,
      }),
    );
    const home = tempHome();
    const server = await startTestServer({
      cwd: home,
      env: { PATH: process.env.PATH ?? '', HOME: home, MASSGEN_RETRY_BASE_MS: '20', OPENAI_API_KEY: ENV_KEY },
    });
    try {
      const yaml = [
        'agents:',
        '  - id: a',
        '    backend:',
        '      type: chatcompletion',
        '      model: leaky',
        `      base_url: ${JSON.stringify(fake.baseUrls.chat)}`,
        `      api_key: ${CONFIG_KEY}`,
        '      permissions: false',
        '',
      ].join('\n');
      const file = writeFile(home, 'leaky.yaml', yaml);
      const replies: string[] = [];
      const started = await api(server, '/api/runs', {
        body: { configPath: file, question: `Repeat ${CONFIG_KEY}` },
      });
      replies.push(started.text);
      const live = await fetch(`${server.url}api/runs/${started.body.id}/events`);
      replies.push(await live.text());
      const inline = await api(server, '/api/runs', {
        body: {
          config: {
            agents: [
              {
                id: 'b',
                backend: {
                  type: 'chatcompletion',
                  model: 'leaky',
                  base_url: fake.baseUrls.chat,
                  api_key: CONFIG_KEY,
                },
              },
            ],
          },
          question: 'again',
        },
      });
      replies.push(inline.text);
      replies.push(await (await fetch(`${server.url}api/runs/${inline.body.id}/events`)).text());
      for (const p of [
        '/api/runs',
        `/api/runs/${started.body.id}`,
        `/api/runs/${inline.body.id}`,
        '/api/configs',
        `/api/runs/${started.body.id}/workspace`,
      ]) {
        replies.push((await api(server, p)).text);
      }
      replies.push(
        (await fetch(`${server.url}api/runs/${started.body.id}/events`)).headers.get('content-type') ?? '',
      );
      replies.push(await (await fetch(`${server.url}api/runs/${started.body.id}/events`)).text());
      replies.push(
        (await api(server, '/api/configs/validate', { body: { yaml: `${yaml}      bogus: ${ENV_KEY}\n` } }))
          .text,
      );
      replies.push((await api(server, '/api/configs/validate', { body: { configPath: file } })).text);
      const served = await startTestServer({
        cwd: home,
        configs: [file],
        env: { PATH: process.env.PATH ?? '', HOME: home, OPENAI_API_KEY: ENV_KEY },
      });
      try {
        const chat = { model: 'leaky', messages: [{ role: 'user', content: `Say ${ENV_KEY}` }] };
        replies.push((await api(served, '/v1/chat/completions', { body: chat })).text);
        replies.push((await api(served, '/v1/chat/completions', { body: { ...chat, stream: true } })).text);
        replies.push((await api(served, '/v1/models')).text);
      } finally {
        await served.close();
      }
      const all = replies.join('\n');
      expect(all).toContain('The keys are *** and ***.');
      expect(all).toContain('Final: *** / ***');
      expect(all.includes(ENV_KEY)).toBe(false);
      expect(all.includes(CONFIG_KEY)).toBe(false);
    } finally {
      await server.close();
    }
  });
});
