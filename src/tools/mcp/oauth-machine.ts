/**
 * `grant_type: client_credentials`: the SDK's machine-to-machine providers (`client_secret_basic` or
 * `private_key_jwt`), adapted to {@link SessionOAuthProvider}. No browser, nothing stored: a token
 * is fetched when the server asks for one.
 */
import type { OAuthClientProvider } from '@modelcontextprotocol/sdk/client/auth.js';
import type { ResolvedOAuth } from './oauth-config.js';
import type { SessionOAuthProvider } from './oauth-provider.js';

/** Creates the provider (loads the SDK's auth extensions on first use). */
export async function clientCredentialsProvider(oauth: ResolvedOAuth): Promise<SessionOAuthProvider> {
  const { ClientCredentialsProvider, PrivateKeyJwtProvider } = await import(
    '@modelcontextprotocol/sdk/client/auth-extensions.js'
  );
  const clientId = oauth.clientId ?? '';
  const inner: OAuthClientProvider = oauth.privateKey
    ? new PrivateKeyJwtProvider({
        clientId,
        privateKey: oauth.privateKey,
        algorithm: oauth.signingAlgorithm ?? 'RS256',
        clientName: oauth.clientName,
        scope: oauth.scope,
      })
    : new ClientCredentialsProvider({
        clientId,
        clientSecret: oauth.clientSecret ?? '',
        clientName: oauth.clientName,
        scope: oauth.scope,
      });
  return machineProvider(inner);
}

function machineProvider(inner: OAuthClientProvider): SessionOAuthProvider {
  let hidden = false;
  let expiresAt: number | undefined;
  const provider: SessionOAuthProvider = {
    interactive: false,
    authorizations: 0,
    get redirectUrl() {
      return undefined;
    },
    get clientMetadata() {
      return inner.clientMetadata;
    },
    clientInformation: () => inner.clientInformation(),
    saveClientInformation: (info) => inner.saveClientInformation?.(info),
    tokens: () => (hidden ? undefined : inner.tokens()),
    saveTokens: (tokens) => {
      expiresAt = typeof tokens.expires_in === 'number' ? Date.now() + tokens.expires_in * 1000 : undefined;
      return inner.saveTokens(tokens);
    },
    redirectToAuthorization: (url) => inner.redirectToAuthorization(url),
    saveCodeVerifier: (verifier) => inner.saveCodeVerifier(verifier),
    codeVerifier: () => inner.codeVerifier(),
    addClientAuthentication: inner.addClientAuthentication,
    prepareTokenRequest: inner.prepareTokenRequest?.bind(inner),
    reload: async () => {},
    expiresAt: () => expiresAt,
    grantedScope: () => undefined,
    setTokensHidden: (value) => {
      hidden = value;
    },
    openCallback: async () => {},
    waitForCode: () => Promise.reject(new Error('client_credentials needs no browser')),
    closeCallback: async () => {},
  };
  return provider;
}
