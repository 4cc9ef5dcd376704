import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventInput } from '../../src/events/types.js';
import { McpServerConnection } from '../../src/tools/mcp/server-connection.js';
import { ToolRegistry } from '../../src/tools/registry.js';
import { ROOT } from '../support/cli.js';
import { startOAuthServer, type TestOAuthServer } from './mcp-oauth-server.js';

let server: TestOAuthServer;
beforeAll(async () => {
  server = await startOAuthServer();
});
afterAll(async () => {
  await server.close();
});

const LIMIT_MS = 1000;

describe('an OAuth MCP server connection', () => {
  it('keeps the agent waiting past the connect limit while the user signs in, then has the tools', async () => {
    const registry = new ToolRegistry({ agentId: 'a' });
    const events: EventInput[] = [];
    const shown: string[] = [];
    const connection = new McpServerConnection({
      agentId: 'a',
      config: { name: 'secure', url: server.url, oauth: true },
      registry,
      emit: (e) => events.push(e),
      env: {},
      baseDir: ROOT,
      toolTimeoutMs: 5000,
      retryBaseMs: 5,
      connectTimeoutMs: LIMIT_MS,
      oauth: {
        massgenDir: mkdtempSync(path.join(os.tmpdir(), 'massgen-oauth-')),
        openUrl: ({ url, server: name, agentId }) => {
          shown.push(`${agentId}/${name}`);
          // The user finishes in the browser only after the connect limit (timers run in order
          // of their due time, and the limit's timer was set before this one).
          setTimeout(() => void fetch(url).then((r) => r.text()), LIMIT_MS * 2);
        },
      },
    });
    try {
      await connection.start();
      expect(shown).toEqual(['a/secure']);
      expect(connection.toolNames).toEqual(['mcp__secure__whoami']);
      expect(server.log).toMatchObject({ registrations: 1, authorizations: 1, codeExchanges: 1 });
      expect(events.map((e) => (e.type === 'tool-server-status' ? e.status : e.type))).toEqual([
        'starting',
        'ready',
      ]);
    } finally {
      await connection.close();
    }
  });
});
