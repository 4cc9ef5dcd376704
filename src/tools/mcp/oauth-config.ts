/**
 * The `oauth` setting of a remote MCP server entry, and the same setting resolved for connecting
 * (`${VAR}` substituted, defaults filled in, the key of its token file).
 *
 * ```yaml
 * oauth: true                       # authorization code + PKCE in the browser, dynamic registration
 * oauth:
 *   client_id: "${CLIENT_ID}"       # a pre-registered client (no dynamic registration)
 *   client_secret: "${SECRET}"
 *   scope: "files:read"             # asked for when neither the server's 401 nor its metadata names scopes
 *   callback_port: 8976             # loopback port of the redirect URI (default: any free port)
 *   client_metadata_url: https://example.com/massgen-client.json   # URL-based client id (CIMD)
 * oauth:
 *   grant_type: client_credentials  # machine-to-machine: no browser
 *   client_id: "${CLIENT_ID}"
 *   client_secret: "${SECRET}"      # or private_key (PEM) for private_key_jwt
 * oauth:
 *   grant_type: cross_app_access    # enterprise-managed: the user's ID token from the company IdP
 *   id_token: "${IDP_ID_TOKEN}"
 *   idp_token_endpoint: https://idp.example.com/oauth2/token
 *   idp_client_id: "${IDP_CLIENT_ID}"
 *   client_id: "${CLIENT_ID}"       # the client's credentials at the MCP authorization server
 *   client_secret: "${SECRET}"
 * ```
 */
import { createHash } from 'node:crypto';
import { substituteEnv } from './env-substitution.js';

/** `oauth` as written in the config. */
export type McpOAuthSetting = boolean | McpOAuthOptions;

/** The object form of `oauth`. */
export interface McpOAuthOptions {
  /**
   * `authorization_code` (default: the user signs in in the browser), `client_credentials`
   * (machine to machine) or `cross_app_access` (an ID token of the company's identity provider).
   */
  grant_type?: GrantType;
  /** A client registered beforehand; without it the client registers itself (RFC 7591). */
  client_id?: string;
  client_secret?: string;
  /** Scope asked for when the server names none (in its 401 or its metadata). */
  scope?: string;
  /** Port of the loopback redirect URI `http://127.0.0.1:<port>/callback`. */
  callback_port?: number;
  /** HTTPS URL of a Client ID Metadata Document, used as client id where the server supports it. */
  client_metadata_url?: string;
  /** Name shown on the authorization server's consent page; default `MassGen`. */
  client_name?: string;
  /** `client_credentials` with `private_key_jwt`: the PEM private key. */
  private_key?: string;
  /** Algorithm of the `private_key` signature; default `RS256`. */
  signing_algorithm?: string;
  /** `cross_app_access`: the user's ID token from the identity provider. */
  id_token?: string;
  /** `cross_app_access`: the identity provider's token endpoint (token exchange). */
  idp_token_endpoint?: string;
  /** `cross_app_access`: the client's id (and secret) at the identity provider. */
  idp_client_id?: string;
  idp_client_secret?: string;
}

export type GrantType = 'authorization_code' | 'client_credentials' | 'cross_app_access';

/** A resolved `oauth` setting. */
export interface ResolvedOAuth {
  grantType: GrantType;
  clientId?: string;
  clientSecret?: string;
  scope?: string;
  callbackPort?: number;
  clientMetadataUrl?: string;
  clientName: string;
  privateKey?: string;
  signingAlgorithm?: string;
  idToken?: string;
  idpTokenEndpoint?: string;
  idpClientId?: string;
  idpClientSecret?: string;
  /** File name (without `.json`) of the server's stored tokens: its name and a hash of its URL. */
  serverKey: string;
}

/** Whether an entry asks for OAuth. */
export function wantsOAuth(setting: McpOAuthSetting | undefined): setting is true | McpOAuthOptions {
  return setting === true || (typeof setting === 'object' && setting !== null);
}

/** The key of a server's token file: `<name>-<10 hex digits of the URL's hash>`. */
export function oauthServerKey(name: string, url: string): string {
  const safe = name.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 60) || 'server';
  return `${safe}-${createHash('sha256').update(url).digest('hex').slice(0, 10)}`;
}

/** Resolves `oauth` of server `name` at `url`. Throws MissingEnvVarError for an unset `${VAR}`. */
export function resolveOAuth(
  setting: true | McpOAuthOptions,
  name: string,
  url: string,
  env: NodeJS.ProcessEnv,
): ResolvedOAuth {
  const options: McpOAuthOptions = setting === true ? {} : setting;
  const at = `mcp_servers "${name}" oauth`;
  const sub = (value: string | undefined, key: string) =>
    value === undefined ? undefined : substituteEnv(value, env, `${at}.${key}`);
  return {
    grantType: options.grant_type ?? 'authorization_code',
    clientId: sub(options.client_id, 'client_id'),
    clientSecret: sub(options.client_secret, 'client_secret'),
    scope: sub(options.scope, 'scope'),
    callbackPort: options.callback_port,
    clientMetadataUrl: sub(options.client_metadata_url, 'client_metadata_url'),
    clientName: options.client_name ?? 'MassGen',
    privateKey: sub(options.private_key, 'private_key'),
    signingAlgorithm: options.signing_algorithm,
    idToken: sub(options.id_token, 'id_token'),
    idpTokenEndpoint: sub(options.idp_token_endpoint, 'idp_token_endpoint'),
    idpClientId: sub(options.idp_client_id, 'idp_client_id'),
    idpClientSecret: sub(options.idp_client_secret, 'idp_client_secret'),
    serverKey: oauthServerKey(name, url),
  };
}
