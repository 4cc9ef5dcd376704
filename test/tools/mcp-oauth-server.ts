/**
 * An OAuth-protected MCP server for tests, on 127.0.0.1, made of the MCP SDK's server-side pieces:
 * `mcpAuthRouter` (authorization server metadata, protected resource metadata, dynamic client
 * registration, authorize, token with PKCE and refresh) over an in-memory provider that approves
 * every authorization at once (it redirects straight back, as the conformance suite's does), and
 * `requireBearerAuth` in front of a stateless MCP endpoint with one tool, `whoami`.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { requireBearerAuth } from '@modelcontextprotocol/sdk/server/auth/middleware/bearerAuth.js';
import type {
  AuthorizationParams,
  OAuthServerProvider,
} from '@modelcontextprotocol/sdk/server/auth/provider.js';
import { mcpAuthRouter } from '@modelcontextprotocol/sdk/server/auth/router.js';
import type { AuthInfo } from '@modelcontextprotocol/sdk/server/auth/types.js';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import type { OAuthClientInformationFull, OAuthTokens } from '@modelcontextprotocol/sdk/shared/auth.js';

// Express (the SDK's server-side auth is built on it) ships no type declarations here: the few
// members used are typed locally.
type Req = IncomingMessage & { body?: unknown };
type Res = ServerResponse & { status(code: number): Res };
type Handler = (req: Req, res: Res, next: (error?: unknown) => void) => void;
interface ExpressApp {
  use(handler: Handler): void;
  post(path: string, ...handlers: Handler[]): void;
  get(path: string, handler: Handler): void;
  listen(port: number, host: string, ready: () => void): Server;
}
const express = createRequire(import.meta.url)('express') as (() => ExpressApp) & { json(): Handler };
type Response = Parameters<OAuthServerProvider['authorize']>[2];

/** What the server saw. */
export interface OAuthServerLog {
  registrations: number;
  authorizations: number;
  /** Token requests by grant: authorization codes exchanged, refresh tokens used. */
  codeExchanges: number;
  refreshes: number;
  /** MCP requests (POST /mcp), with or without a valid token. */
  mcpRequests: number;
  /** Calls refused with 403 `insufficient_scope`. */
  insufficientScope: number;
  /** The `scope` of each authorization request, in order. */
  authorizedScopes: string[];
  /** Tokens issued, in order. */
  issued: string[];
}

export interface TestOAuthServer {
  /** The MCP endpoint, `http://127.0.0.1:<port>/mcp`. */
  url: string;
  log: OAuthServerLog;
  /** Makes every issued access token expire now (the server then answers 401 for it). */
  expireTokens(): void;
  close(): Promise<void>;
}

interface Grant {
  clientId: string;
  challenge: string;
  redirectUri: string;
  scopes: string[];
}

export interface OAuthServerOptions {
  /**
   * Scope a `tools/call` needs beyond the granted ones: without it the call gets 403
   * `insufficient_scope` naming it (step-up authorization).
   */
  callScope?: string;
  /** Refuse every `tools/call` with that 403, whatever the token's scopes. */
  refuseCalls?: boolean;
}

export async function startOAuthServer(options: OAuthServerOptions = {}): Promise<TestOAuthServer> {
  const log: OAuthServerLog = {
    registrations: 0,
    authorizations: 0,
    codeExchanges: 0,
    refreshes: 0,
    mcpRequests: 0,
    insufficientScope: 0,
    authorizedScopes: [],
    issued: [],
  };
  const clients = new Map<string, OAuthClientInformationFull>();
  const codes = new Map<string, Grant>();
  const access = new Map<string, AuthInfo>();
  const refreshTokens = new Map<string, { clientId: string; scopes: string[] }>();

  const issue = (clientId: string, scopes: string[], resource?: URL): OAuthTokens => {
    const token = `at-${randomUUID()}`;
    const refresh = `rt-${randomUUID()}`;
    access.set(token, { token, clientId, scopes, expiresAt: Math.floor(Date.now() / 1000) + 3600, resource });
    refreshTokens.set(refresh, { clientId, scopes });
    log.issued.push(token);
    return {
      access_token: token,
      token_type: 'Bearer',
      expires_in: 3600,
      refresh_token: refresh,
      scope: scopes.join(' '),
    };
  };

  const provider: OAuthServerProvider = {
    clientsStore: {
      getClient: (id) => clients.get(id),
      registerClient: (client) => {
        log.registrations++;
        const full = {
          ...client,
          client_id: `client-${randomUUID()}`,
          client_id_issued_at: Date.now() / 1000,
        };
        clients.set(full.client_id, full);
        return full;
      },
    },
    async authorize(client, params: AuthorizationParams, res: Response) {
      log.authorizations++;
      log.authorizedScopes.push((params.scopes ?? []).join(' '));
      const code = `code-${randomUUID()}`;
      codes.set(code, {
        clientId: client.client_id,
        challenge: params.codeChallenge,
        redirectUri: params.redirectUri,
        scopes: params.scopes ?? [],
      });
      const target = new URL(params.redirectUri);
      target.searchParams.set('code', code);
      if (params.state) target.searchParams.set('state', params.state);
      res.redirect(target.toString());
    },
    async challengeForAuthorizationCode(_client, code) {
      const grant = codes.get(code);
      if (!grant) throw new Error('unknown authorization code');
      return grant.challenge;
    },
    async exchangeAuthorizationCode(client, code, _verifier, _redirectUri, resource) {
      const grant = codes.get(code);
      if (!grant || grant.clientId !== client.client_id) throw new Error('invalid authorization code');
      codes.delete(code);
      log.codeExchanges++;
      return issue(client.client_id, grant.scopes, resource);
    },
    async exchangeRefreshToken(client, refreshToken, _scopes, resource) {
      const known = refreshTokens.get(refreshToken);
      if (!known || known.clientId !== client.client_id) throw new Error('invalid refresh token');
      refreshTokens.delete(refreshToken);
      log.refreshes++;
      return issue(client.client_id, known.scopes, resource);
    },
    async verifyAccessToken(token) {
      const info = access.get(token);
      if (!info) throw new Error('unknown token');
      return info;
    },
  };

  const app = express();
  let base = '';
  let router: Handler | undefined;
  app.use((req, res, next) => {
    router ??= mcpAuthRouter({
      provider,
      issuerUrl: new URL(base),
      resourceServerUrl: new URL(`${base}/mcp`),
      scopesSupported: ['mcp:tools'],
      authorizationOptions: { rateLimit: false },
      tokenOptions: { rateLimit: false },
      clientRegistrationOptions: { rateLimit: false },
      revocationOptions: { rateLimit: false },
    }) as unknown as Handler;
    router(req, res, next);
  });
  app.post(
    '/mcp',
    (_req, _res, next) => {
      log.mcpRequests++;
      next();
    },
    (req, res, next) =>
      (
        requireBearerAuth({
          verifier: provider,
          resourceMetadataUrl: `${base}/.well-known/oauth-protected-resource/mcp`,
        }) as unknown as Handler
      )(req, res, next),
    express.json(),
    (req, res, next) => {
      const call = (req.body as { method?: string } | undefined)?.method === 'tools/call';
      const scopes = (req as Req & { auth?: AuthInfo }).auth?.scopes ?? [];
      const enough = !options.callScope || (scopes.includes(options.callScope) && !options.refuseCalls);
      if (!call || enough) return next();
      log.insufficientScope++;
      res.statusCode = 403;
      res.setHeader(
        'WWW-Authenticate',
        `Bearer error="insufficient_scope", scope="mcp:tools ${options.callScope}", resource_metadata="${base}/.well-known/oauth-protected-resource/mcp"`,
      );
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ error: 'insufficient_scope' }));
    },
    async (req, res) => {
      const server = new McpServer({ name: 'oauth-test-server', version: '1.0.0' });
      server.registerTool('whoami', { description: 'Who the token belongs to' }, async (extra) => ({
        content: [{ type: 'text', text: `signed in as ${extra.authInfo?.clientId ?? 'nobody'}` }],
      }));
      const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
      res.on('close', () => {
        void transport.close();
        void server.close();
      });
      await server.connect(transport);
      await transport.handleRequest(req as Parameters<typeof transport.handleRequest>[0], res, req.body);
    },
  );
  app.get('/mcp', (_req, res) => {
    res.status(405).end();
  });

  const http: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  base = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  return {
    url: `${base}/mcp`,
    log,
    expireTokens() {
      for (const info of access.values()) info.expiresAt = Math.floor(Date.now() / 1000) - 10;
    },
    close: () =>
      new Promise((resolve) => {
        http.close(() => resolve());
        http.closeAllConnections();
      }),
  };
}
