import { describe, expect, it } from 'vitest';
import { validateConfigObject } from '../../src/config/validate.js';
import { createRedactor } from '../../src/events/redaction.js';
import { oauthServerKey, resolveOAuth } from '../../src/tools/mcp/oauth-config.js';
import { resolveServer } from '../../src/tools/mcp/server-config.js';

const check = (server: Record<string, unknown>) =>
  validateConfigObject(
    {
      agents: [
        { id: 'a', backend: { type: 'openai', model: 'gpt-5', mcp_servers: [{ name: 's', ...server }] } },
      ],
    },
    'c.yaml',
  );

describe('the oauth setting of an MCP server', () => {
  it('accepts `oauth: true` and the option object on remote servers', () => {
    expect(check({ url: 'https://x.example/mcp', oauth: true }).errors).toEqual([]);
    expect(
      check({
        url: 'https://x.example/mcp',
        oauth: { client_id: '${ID}', client_secret: '${SECRET}', scope: 'read', callback_port: 8976 },
      }).errors,
    ).toEqual([]);
    expect(
      check({
        url: 'https://x.example/mcp',
        oauth: { grant_type: 'client_credentials', client_id: 'c', private_key: 'k' },
      }).errors,
    ).toEqual([]);
  });

  it('refuses it on a stdio server, and machine grants without their credentials', () => {
    const stdio = check({ command: 'npx', oauth: true }).errors;
    expect(stdio).toHaveLength(1);
    expect(stdio[0]).toMatchObject({ path: 'agents[0].backend.mcp_servers[0].oauth' });
    expect(stdio[0]!.message).toContain('cannot use `oauth`');
    const machine = check({
      url: 'https://x.example/mcp',
      oauth: { grant_type: 'client_credentials', client_id: 'c' },
    }).errors;
    expect(machine).toHaveLength(1);
    expect(machine[0]!.message).toContain('needs `client_id` and `client_secret`');
    const unknown = check({ url: 'https://x.example/mcp', oauth: { client: 'c' } }).errors;
    expect(unknown).toHaveLength(1);
    expect(unknown[0]!.path).toBe('agents[0].backend.mcp_servers[0].oauth.client');
  });

  it('resolves ${VAR} in its values and names the token file after the server and its URL', () => {
    const server = resolveServer(
      {
        name: 'my server',
        url: 'https://x.example/mcp',
        oauth: { client_id: '${ID}', client_secret: '${SECRET}' },
      },
      { ID: 'abc', SECRET: 's3' },
      '/',
    );
    expect(server.type === 'stdio' ? undefined : server.oauth).toMatchObject({
      grantType: 'authorization_code',
      clientId: 'abc',
      clientSecret: 's3',
      clientName: 'MassGen',
      serverKey: oauthServerKey('my server', 'https://x.example/mcp'),
    });
    expect(oauthServerKey('my server', 'https://x.example/mcp')).toMatch(/^my_server-[0-9a-f]{10}$/);
    expect(oauthServerKey('my server', 'https://y.example/mcp')).not.toBe(
      oauthServerKey('my server', 'https://x.example/mcp'),
    );
    expect(() => resolveOAuth({ client_secret: '${NOPE}' }, 's', 'https://x.example/mcp', {})).toThrow(
      'environment variable NOPE (used in mcp_servers "s" oauth.client_secret) is not set',
    );
  });

  it('keeps its secrets (and a server’s Authorization header) out of the log folder', () => {
    const server = {
      url: 'https://x.example/mcp',
      headers: { Authorization: 'Bearer tok' },
      oauth: {
        client_id: 'c',
        client_secret: 's',
        private_key: 'pem',
        id_token: 'jwt',
        idp_client_secret: 'i',
      },
    };
    expect(createRedactor({ env: {} }).redact(server)).toEqual({
      url: 'https://x.example/mcp',
      headers: { Authorization: '***' },
      oauth: {
        client_id: 'c',
        client_secret: '***',
        private_key: '***',
        id_token: '***',
        idp_client_secret: '***',
      },
    });
  });
});
