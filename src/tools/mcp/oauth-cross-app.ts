/**
 * `grant_type: cross_app_access` (MCP's enterprise-managed authorization, SEP-990): the user's ID
 * token from the company's identity provider is exchanged there for an identity assertion grant
 * (ID-JAG, RFC 8693 token exchange, audience = the MCP authorization server, resource = the MCP
 * server), which the MCP authorization server turns into an access token (RFC 7523 JWT bearer
 * grant, the client authenticated with its own credentials). No browser, nothing stored.
 */
import type { OAuthDiscoveryState } from '@modelcontextprotocol/sdk/client/auth.js';
import type { OAuthClientInformationMixed, OAuthTokens } from '@modelcontextprotocol/sdk/shared/auth.js';
import type { ResolvedOAuth } from './oauth-config.js';
import type { SessionOAuthProvider } from './oauth-provider.js';

const TOKEN_EXCHANGE = 'urn:ietf:params:oauth:grant-type:token-exchange';
const JWT_BEARER = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
const ID_TOKEN_TYPE = 'urn:ietf:params:oauth:token-type:id_token';
const ID_JAG_TYPE = 'urn:ietf:params:oauth:token-type:id-jag';

/** The provider for `server` (its URL is the resource when its metadata names none). */
export function crossAppAccessProvider(
  oauth: ResolvedOAuth,
  serverUrl: string,
  fetchFn: typeof fetch = fetch,
): SessionOAuthProvider {
  let client: OAuthClientInformationMixed = {
    client_id: oauth.clientId ?? '',
    ...(oauth.clientSecret ? { client_secret: oauth.clientSecret } : {}),
  };
  let tokens: OAuthTokens | undefined;
  let expiresAt: number | undefined;
  let discovery: OAuthDiscoveryState | undefined;
  let hidden = false;

  /** Step 1, at the identity provider: the ID token for an ID-JAG. */
  const exchange = async (): Promise<string> => {
    const audience = discovery?.authorizationServerMetadata?.issuer ?? discovery?.authorizationServerUrl;
    const resource = discovery?.resourceMetadata?.resource ?? serverUrl;
    const body = new URLSearchParams({
      grant_type: TOKEN_EXCHANGE,
      requested_token_type: ID_JAG_TYPE,
      subject_token: oauth.idToken ?? '',
      subject_token_type: ID_TOKEN_TYPE,
      resource,
      ...(audience ? { audience } : {}),
      ...(oauth.idpClientId ? { client_id: oauth.idpClientId } : {}),
      ...(oauth.idpClientSecret ? { client_secret: oauth.idpClientSecret } : {}),
    });
    const response = await fetchFn(oauth.idpTokenEndpoint ?? '', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body,
    });
    const text = await response.text();
    let json: { access_token?: unknown; error?: unknown; error_description?: unknown } = {};
    try {
      json = JSON.parse(text);
    } catch {
      // reported below
    }
    if (!response.ok || typeof json.access_token !== 'string') {
      const why =
        typeof json.error === 'string'
          ? `${json.error} ${json.error_description ?? ''}`.trim()
          : `HTTP ${response.status}`;
      throw new Error(`the identity provider refused the token exchange (${why})`);
    }
    return json.access_token;
  };

  return {
    interactive: false,
    authorizations: 0,
    get redirectUrl() {
      return undefined;
    },
    get clientMetadata() {
      return {
        client_name: oauth.clientName,
        redirect_uris: [],
        grant_types: [JWT_BEARER],
        ...(oauth.scope ? { scope: oauth.scope } : {}),
      };
    },
    clientInformation: () => client,
    saveClientInformation: (info) => {
      client = info;
    },
    tokens: () => (hidden ? undefined : tokens),
    saveTokens: (next) => {
      tokens = next;
      expiresAt = typeof next.expires_in === 'number' ? Date.now() + next.expires_in * 1000 : undefined;
    },
    redirectToAuthorization: () => {
      throw new Error('cross-app access needs no browser');
    },
    saveCodeVerifier: () => {},
    codeVerifier: () => {
      throw new Error('cross-app access uses no PKCE verifier');
    },
    saveDiscoveryState: (state) => {
      discovery = state;
    },
    discoveryState: () => discovery,
    /** Step 2, at the MCP authorization server: the ID-JAG as a JWT bearer grant. */
    prepareTokenRequest: async (scope) =>
      new URLSearchParams({
        grant_type: JWT_BEARER,
        assertion: await exchange(),
        ...(scope ? { scope } : {}),
      }),
    reload: async () => {},
    expiresAt: () => expiresAt,
    grantedScope: () => tokens?.scope,
    setTokensHidden: (value) => {
      hidden = value;
    },
    openCallback: async () => {},
    waitForCode: () => Promise.reject(new Error('cross-app access needs no browser')),
    closeCallback: async () => {},
  };
}
