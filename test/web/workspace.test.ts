/**
 * Workspaces over the HTTP API: the snapshots each agent's answers took and the final workspace,
 * listed with sizes, their files served with their content type, nothing outside them.
 */
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consensus, scripted } from '../fake-provider/scenario.js';
import { createFakeProvider, type FakeProvider } from '../fake-provider/server.js';
import { writeFile } from '../support/cli.js';
import { api, readSse, startTestServer } from '../support/web.js';
import { cliHelpers } from '../tools/cli-helpers.js';

let fake: FakeProvider;
beforeAll(async () => {
  fake = await createFakeProvider();
});
afterAll(async () => {
  await fake.close();
});

/** A GET with the path sent exactly as written (no URL normalisation of `..`). */
function rawGet(url: string, pathname: string): Promise<{ status: number; body: string }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request({ hostname, port, path: pathname, method: 'GET' }, (res) => {
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

describe('workspaces over the HTTP API', () => {
  it('lists every snapshot and the final workspace, serves their files, and refuses paths out of them', async () => {
    const call = (id: string, name: string, args: Record<string, unknown>) => ({ id, name, args });
    fake.setScenario(
      scripted(
        {
          'ws-a': [
            {
              toolCalls: [call('a1', 'write_file', { path: 'hello.py', content: 'print("hello from A")\n' })],
            },
            { toolCalls: [call('a2', 'write_file', { path: 'page.html', content: '<h1>A</h1>' })] },
            { toolCalls: [call('a3', 'new_answer', { content: 'A wrote hello.py' })] },
          ],
          'ws-b': [
            { toolCalls: [call('b1', 'write_file', { path: 'notes/b.txt', content: 'from B' })] },
            { toolCalls: [call('b2', 'new_answer', { content: 'B wrote notes/b.txt' })] },
          ],
        },
        consensus(),
      ),
    );
    const server = await startTestServer();
    try {
      const { agent } = cliHelpers(() => fake);
      const config = writeFile(
        server.home,
        'ws.yaml',
        `agents:\n${agent('a', 'ws-a', ['cwd: ws'])}\n${agent('b', 'ws-b', ['cwd: ws'])}\n`,
      );
      writeFile(server.home, 'outside.txt', 'not yours');
      const { body } = await api(server, '/api/runs', {
        body: { configPath: config, question: 'Write code.' },
      });
      await readSse(`${server.url}api/runs/${body.id}/events`);
      const listing = await api(server, `/api/runs/${body.id}/workspace`);
      expect(listing.status).toBe(200);
      const [a, b] = listing.body.agents;
      expect(a.agentId).toBe('a');
      expect(a.snapshots).toHaveLength(1);
      expect(a.snapshots[0].name).toMatch(/^\d{8}_\d{6}_\d{6}$/);
      expect(a.snapshots[0].files).toEqual([
        { path: 'hello.py', size: 22 },
        { path: 'page.html', size: 10 },
      ]);
      expect(b.snapshots[0].files).toEqual([{ path: 'notes/b.txt', size: 6 }]);
      expect(listing.body.final.files).toEqual([
        { path: 'hello.py', size: 22 },
        { path: 'page.html', size: 10 },
      ]);

      const base = `/api/runs/${body.id}/workspace`;
      const code = await fetch(new URL(`${base}/a/${a.snapshots[0].name}/hello.py`, server.url));
      expect(code.status).toBe(200);
      expect(code.headers.get('content-type')).toBe('text/plain; charset=utf-8');
      expect(await code.text()).toBe('print("hello from A")\n');
      const page = await fetch(new URL(`${base}/final/page.html`, server.url));
      expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(page.headers.get('content-security-policy')).toBe('sandbox');
      expect(await page.text()).toBe('<h1>A</h1>');
      const nested = await fetch(new URL(`${base}/b/${b.snapshots[0].name}/notes/b.txt`, server.url));
      expect(await nested.text()).toBe('from B');

      const escapes = [
        `${base}/final/../../../../outside.txt`,
        `${base}/final/%2e%2e/%2e%2e/%2e%2e/%2e%2e/outside.txt`,
        `${base}/final/..%2f..%2f..%2f..%2foutside.txt`,
        `${base}/a/${a.snapshots[0].name}/../../../../../outside.txt`,
        `${base}/a/..%2F..%2F../outside.txt`,
        `${base}/nobody/x/hello.py`,
        `${base}/final/`,
      ];
      for (const p of escapes) {
        const r = await rawGet(server.url, p);
        expect([p, r.status, r.body.includes('not yours')]).toEqual([p, 404, false]);
      }
    } finally {
      await server.close();
    }
  });
});
