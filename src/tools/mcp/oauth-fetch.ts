/**
 * The fetch an OAuth-protected MCP server's transport uses: every request carries the server's
 * access token; a 401 (or a 403 `insufficient_scope` asking for more scope) runs the SDK's `auth()`
 * — discovery, registration, refresh, or a new authorization in the browser whose code comes back to
 * the loopback callback — and the request is sent once more. An expired token is refreshed before it
 * is used. Authorizations of one server are serialised across the run's agents (they share its token
 * file), and a scope the server has already been granted is not asked for again, so a server that
 * keeps refusing ends in an error instead of a loop.
 */
import {
  auth,
  extractWWWAuthenticateParams,
  UnauthorizedError,
} from '@modelcontextprotocol/sdk/client/auth.js';
import type { FetchLike } from '@modelcontextprotocol/sdk/shared/transport.js';
import { errorText } from '../../error-text.js';
import { McpAuthError } from './auth-errors.js';
import type { SessionOAuthProvider } from './oauth-provider.js';

/** How long the user has to complete an authorization in the browser (5 minutes). */
export const AUTHORIZATION_TIMEOUT_MS = 300_000;

/** At most this many browser authorizations per server connection. */
const MAX_AUTHORIZATIONS = 3;

/** Refresh this long before the token expires. */
const EXPIRY_SKEW_MS = 30_000;

export interface OAuthFetchOptions {
  provider: SessionOAuthProvider;
  /** The server's `name`, for messages. */
  serverName: string;
  /** The server's URL (what the token is for). */
  serverUrl: URL;
  /** The token file, shared by every agent that uses the server: authorizations on it are serialised. */
  lockKey: string;
  /** Aborts a wait for the browser (the connection was closed). */
  signal: AbortSignal;
  authorizationTimeoutMs?: number;
  /** Told when an authorization starts and ends (so connect limits can wait for the user). */
  onAuthorizing?: (pending: Promise<void>) => void;
  /** The network fetch; default `globalThis.fetch`. */
  fetch?: FetchLike;
  now?: () => number;
}

const locks = new Map<string, Promise<unknown>>();

/** Runs `task` after every earlier task of `key` has ended. */
function withLock<T>(key: string, task: () => Promise<T>): Promise<T> {
  const previous = locks.get(key) ?? Promise.resolve();
  const run = previous.then(task, task);
  const tail = run.catch(() => {});
  locks.set(key, tail);
  void tail.then(() => {
    if (locks.get(key) === tail) locks.delete(key);
  });
  return run;
}

const scopes = (scope: string | undefined) => new Set((scope ?? '').split(' ').filter(Boolean));

/** A fetch for the server's transport (see the module comment). */
export function createOAuthFetch(options: OAuthFetchOptions): FetchLike {
  const { provider, serverUrl } = options;
  const baseFetch: FetchLike = options.fetch ?? ((url, init) => fetch(url, init));
  const now = options.now ?? Date.now;
  let loaded = false;
  /** Scopes asked for in this connection's authorizations. */
  let requested = new Set<string>();

  const bearer = async (init: RequestInit | undefined): Promise<{ init: RequestInit; token?: string }> => {
    const headers = new Headers(init?.headers);
    const token = (await provider.tokens())?.access_token;
    if (token) headers.set('Authorization', `Bearer ${token}`);
    return { init: { ...init, headers }, token };
  };

  /** Runs `auth()` to the end: with a browser round trip when it redirects. */
  const authorize = (params: { resourceMetadataUrl?: URL; scope?: string; stepUp?: boolean }) => {
    const task = (async () => {
      const scope = params.scope ?? provider.grantedScope();
      const base = { serverUrl, resourceMetadataUrl: params.resourceMetadataUrl, scope, fetchFn: baseFetch };
      if (provider.interactive) await provider.openCallback();
      provider.setTokensHidden(params.stepUp === true);
      try {
        let result = await auth(provider, base);
        if (result === 'REDIRECT') {
          provider.setTokensHidden(false);
          for (const s of scopes(scope)) requested.add(s);
          const code = await provider.waitForCode(
            options.signal,
            options.authorizationTimeoutMs ?? AUTHORIZATION_TIMEOUT_MS,
          );
          result = await auth(provider, { ...base, authorizationCode: code });
        }
        if (result !== 'AUTHORIZED') throw new UnauthorizedError('the authorization did not complete');
      } finally {
        provider.setTokensHidden(false);
        await provider.closeCallback();
      }
    })();
    options.onAuthorizing?.(
      task.then(
        () => {},
        () => {},
      ),
    );
    return task;
  };

  /** Authorizes unless another request (or agent) already did while this one waited. */
  const reauthorize = (
    usedToken: string | undefined,
    params: { resourceMetadataUrl?: URL; scope?: string; stepUp?: boolean },
  ) =>
    withLock(options.lockKey, async () => {
      await provider.reload();
      const current = (await provider.tokens())?.access_token;
      if (current !== undefined && current !== usedToken && !params.stepUp) return;
      if (provider.interactive && provider.authorizations >= MAX_AUTHORIZATIONS) {
        throw new McpAuthError(
          `MCP server "${options.serverName}" still refuses after ${MAX_AUTHORIZATIONS} authorizations; giving up.`,
        );
      }
      await authorize(params);
    }).catch((error: unknown) => {
      if (McpAuthError.isInstance(error) || options.signal.aborted) throw error;
      throw new McpAuthError(
        `signing in to MCP server "${options.serverName}" failed: ${errorText(error)}. Check its \`oauth\` setting and try again.`,
        { cause: error },
      );
    });

  /** Refreshes an expired token before it is sent. */
  const ensureFresh = async () => {
    if (!loaded) {
      loaded = true;
      await provider.reload();
    }
    const expiresAt = provider.expiresAt();
    if (expiresAt === undefined || expiresAt - EXPIRY_SKEW_MS > now()) return;
    const tokens = await provider.tokens();
    if (!tokens?.refresh_token && provider.interactive) return;
    await reauthorize(tokens?.access_token, {});
  };

  return async (input, init) => {
    await ensureFresh();
    let sent = await bearer(init);
    let response = await baseFetch(input, sent.init);
    const challenge =
      response.status === 401 || response.status === 403 ? extractWWWAuthenticateParams(response) : {};
    if (response.status === 401) {
      await response.body?.cancel().catch(() => {});
      await reauthorize(sent.token, challenge);
    } else if (response.status === 403 && challenge.error === 'insufficient_scope') {
      const wanted = scopes(challenge.scope);
      const granted = new Set([...scopes(provider.grantedScope()), ...requested]);
      // Asking again for scopes already granted cannot help: the refusal stands.
      if (wanted.size === 0 || [...wanted].every((s) => granted.has(s))) return response;
      await response.body?.cancel().catch(() => {});
      const union = [...new Set([...granted, ...wanted])].join(' ');
      await reauthorize(sent.token, { ...challenge, scope: union, stepUp: true });
      requested = new Set([...requested, ...wanted]);
    } else {
      return response;
    }
    sent = await bearer(init);
    response = await baseFetch(input, sent.init);
    return response;
  };
}
