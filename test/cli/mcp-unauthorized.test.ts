import { readdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventOf } from '../../src/events/types.js';
import { createFakeProvider, type FakeProvider } from '../fake-provider/server.js';
import { runCli, tempHome, writeFile } from '../support/cli.js';
import { cliHelpers, events } from '../tools/cli-helpers.js';

let fake: FakeProvider;
let server: Server;
let url = '';
let requests = 0;

beforeAll(async () => {
  fake = await createFakeProvider();
  // A protected server: every request without a valid token gets 401 and a Bearer challenge.
  server = createServer((req, res) => {
    requests++;
    req.resume();
    res.writeHead(401, {
      'content-type': 'application/json',
      'www-authenticate': 'Bearer error="invalid_token", error_description="Missing Authorization header"',
    });
    res.end(JSON.stringify({ error: 'invalid_token', error_description: 'Missing Authorization header' }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/mcp`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await fake.close();
});

const { q, agent } = cliHelpers(() => fake);

describe('MCP server answering 401 without oauth (CLI)', () => {
  it('fails the server after one attempt, naming both fixes, and the run goes on without its tools', async () => {
    const home = tempHome();
    const file = writeFile(
      home,
      'locked.yaml',
      `agents:\n${agent('a', 'locked-model', ['mcp_servers:', '  - name: locked', `    url: ${q(url)}`])}\n`,
    );
    const r = await runCli(['--config', file, 'Hello'], { cwd: home });
    expect(r.code).toBe(0);
    expect(requests).toBe(1);
    const line = r.stdout.split('\n').find((l) => l.includes('MCP server "locked"'));
    expect(line).toContain('401 Unauthorized');
    expect(line).toContain('headers: { Authorization: "Bearer ${TOKEN}" }');
    expect(line).toContain('oauth: true');
    const root = path.join(home, '.massgen', 'massgen_logs');
    const [run] = readdirSync(root);
    const statuses = events(path.join(root, run!, 'turn_1')).filter(
      (e): e is EventOf<'tool-server-status'> => e.type === 'tool-server-status',
    );
    expect(statuses.map((e) => [e.status, e.attempt])).toEqual([
      ['starting', 1],
      ['failed', 1],
    ]);
    expect(statuses[1]!.error).toBe(
      'MCP server "locked" answered 401 Unauthorized. Fix: add `headers: { Authorization: "Bearer ${TOKEN}" }` to its mcp_servers entry, or `oauth: true` to sign in in the browser.',
    );
  });
});
