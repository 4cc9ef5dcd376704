/**
 * Puts OAuth in front of a remote server's transport: the provider its `oauth` setting asks for
 * (browser sign-in with a token file, or client credentials) behind the fetch of oauth-fetch.ts.
 */
import type { FetchLike } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { AuthorizationUrlHandler } from './oauth-browser.js';
import type { ResolvedOAuth } from './oauth-config.js';
import { crossAppAccessProvider } from './oauth-cross-app.js';
import { createOAuthFetch } from './oauth-fetch.js';
import { clientCredentialsProvider } from './oauth-machine.js';
import { AuthorizationCodeProvider } from './oauth-provider.js';
import { OAuthStore } from './oauth-store.js';

/** What a connection provides for OAuth. */
export interface OAuthContext {
  agentId: string;
  /** The MassGen folder holding `mcp-auth/` (default `~/.massgen`). */
  massgenDir: string;
  openUrl: AuthorizationUrlHandler;
  /** The connection's end: aborts a wait for the browser. */
  signal: AbortSignal;
  /** Told about each authorization in progress. */
  onAuthorizing?: (pending: Promise<void>) => void;
}

/** The fetch for server `name` at `url` with OAuth `oauth`. */
export async function oauthFetch(
  server: { name: string; url: string; oauth: ResolvedOAuth },
  context: OAuthContext,
): Promise<FetchLike> {
  const store = new OAuthStore(context.massgenDir, server.oauth.serverKey);
  const grant = server.oauth.grantType;
  const provider =
    grant === 'client_credentials'
      ? await clientCredentialsProvider(server.oauth)
      : grant === 'cross_app_access'
        ? crossAppAccessProvider(server.oauth, server.url)
        : new AuthorizationCodeProvider({
            oauth: server.oauth,
            server: { name: server.name, url: server.url },
            agentId: context.agentId,
            store,
            openUrl: context.openUrl,
          });
  return createOAuthFetch({
    provider,
    serverName: server.name,
    serverUrl: new URL(server.url),
    lockKey: store.file,
    signal: context.signal,
    onAuthorizing: context.onAuthorizing,
  });
}
