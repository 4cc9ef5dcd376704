/**
 * The MCP SDK's `OAuthClientProvider` for one server of one agent: the authorization code flow with
 * PKCE through a loopback redirect, the registration and tokens kept in the server's token file, and
 * the user sent to the browser through the run's {@link AuthorizationUrlHandler}. The SDK's `auth()`
 * does discovery, registration, the authorization URL, the code exchange and refreshes.
 */
import { randomBytes } from 'node:crypto';
import type { OAuthClientProvider, OAuthDiscoveryState } from '@modelcontextprotocol/sdk/client/auth.js';
import type {
  OAuthClientInformationMixed,
  OAuthClientMetadata,
  OAuthTokens,
} from '@modelcontextprotocol/sdk/shared/auth.js';
import type { AuthorizationUrlHandler } from './oauth-browser.js';
import { OAuthCallbackServer } from './oauth-callback.js';
import type { ResolvedOAuth } from './oauth-config.js';
import type { OAuthStore, StoredOAuth } from './oauth-store.js';

/** What the fetch wrapper (oauth-fetch.ts) needs beyond the SDK's provider interface. */
export interface SessionOAuthProvider extends OAuthClientProvider {
  /** Whether authorizing needs the user (a browser and a loopback redirect). */
  readonly interactive: boolean;
  /** Reads the stored credentials again. */
  reload(): Promise<void>;
  /** Browser authorizations started so far. */
  readonly authorizations: number;
  /** When the access token expires (ms since the epoch), when known. */
  expiresAt(): number | undefined;
  /** The scope the current token was granted (or asked for), when known. */
  grantedScope(): string | undefined;
  /** While hidden, `tokens()` reads as none, so `auth()` starts a new authorization (step-up). */
  setTokensHidden(hidden: boolean): void;
  /** Starts the loopback redirect target; `redirectUrl` is then its URL. */
  openCallback(): Promise<void>;
  /** The code the browser brought back. */
  waitForCode(signal: AbortSignal, timeoutMs: number): Promise<string>;
  closeCallback(): Promise<void>;
}

export interface AuthorizationCodeProviderOptions {
  oauth: ResolvedOAuth;
  server: { name: string; url: string };
  agentId: string;
  store: OAuthStore;
  openUrl: AuthorizationUrlHandler;
  now?: () => number;
}

const CALLBACK_PATH = '/callback';

/** Port of a loopback redirect URI, when `uri` is one. */
function loopbackPort(uri: unknown): number | undefined {
  if (typeof uri !== 'string') return undefined;
  try {
    const url = new URL(uri);
    if (url.hostname !== '127.0.0.1' || url.pathname !== CALLBACK_PATH) return undefined;
    return Number(url.port) || undefined;
  } catch {
    return undefined;
  }
}

export class AuthorizationCodeProvider implements SessionOAuthProvider {
  readonly interactive = true;
  private record: StoredOAuth = {};
  /** A pre-registered client (from the config), with the stamp the SDK adds on first use. */
  private configuredClient: OAuthClientInformationMixed | undefined;
  private callback: OAuthCallbackServer | undefined;
  private verifier: string | undefined;
  private discovery: OAuthDiscoveryState | undefined;
  private hidden = false;
  private started = 0;
  private readonly now: () => number;

  constructor(private readonly options: AuthorizationCodeProviderOptions) {
    this.now = options.now ?? Date.now;
    const { clientId, clientSecret } = options.oauth;
    if (clientId) {
      this.configuredClient = {
        client_id: clientId,
        ...(clientSecret ? { client_secret: clientSecret } : {}),
      };
    }
  }

  /** Reads the token file again (another agent of the run may have authorized meanwhile). */
  async reload(): Promise<void> {
    this.record = await this.options.store.load();
  }

  get authorizations(): number {
    return this.started;
  }

  get redirectUrl(): string {
    if (this.callback) return this.callback.redirectUrl;
    const port =
      this.options.oauth.callbackPort ?? loopbackPort(this.storedClient()?.redirect_uris?.[0]) ?? 0;
    return `http://127.0.0.1:${port}${CALLBACK_PATH}`;
  }

  get clientMetadata(): OAuthClientMetadata {
    return {
      client_name: this.options.oauth.clientName,
      redirect_uris: [this.redirectUrl],
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      ...(this.options.oauth.scope ? { scope: this.options.oauth.scope } : {}),
    };
  }

  get clientMetadataUrl(): string | undefined {
    return this.options.oauth.clientMetadataUrl;
  }

  state(): string {
    return randomBytes(16).toString('base64url');
  }

  clientInformation(): OAuthClientInformationMixed | undefined {
    return this.configuredClient ?? this.storedClient();
  }

  async saveClientInformation(info: OAuthClientInformationMixed): Promise<void> {
    if (this.configuredClient) {
      // Configured credentials stay in the config; only the SDK's stamp is remembered, for this run.
      this.configuredClient = info;
      return;
    }
    this.record.client = info;
    await this.persist();
  }

  tokens(): OAuthTokens | undefined {
    return this.hidden ? undefined : this.record.tokens;
  }

  async saveTokens(tokens: OAuthTokens): Promise<void> {
    const previous = this.record.tokens;
    // A refresh that returns no new refresh token keeps the old one (RFC 6749 §6).
    this.record.tokens =
      tokens.refresh_token === undefined && previous?.refresh_token !== undefined
        ? { ...tokens, refresh_token: previous.refresh_token }
        : tokens;
    this.record.expiresAt =
      typeof tokens.expires_in === 'number' ? this.now() + tokens.expires_in * 1000 : undefined;
    await this.persist();
  }

  async redirectToAuthorization(authorizationUrl: URL): Promise<void> {
    this.started++;
    if (this.callback) this.callback.expectedState = authorizationUrl.searchParams.get('state') ?? undefined;
    await this.options.openUrl({
      agentId: this.options.agentId,
      server: this.options.server.name,
      url: authorizationUrl.toString(),
    });
  }

  saveCodeVerifier(codeVerifier: string): void {
    this.verifier = codeVerifier;
  }

  codeVerifier(): string {
    if (!this.verifier) throw new Error('no PKCE code verifier: the authorization was not started');
    return this.verifier;
  }

  async invalidateCredentials(scope: 'all' | 'client' | 'tokens' | 'verifier' | 'discovery'): Promise<void> {
    if (scope === 'verifier') {
      this.verifier = undefined;
      return;
    }
    if (scope === 'discovery') {
      this.discovery = undefined;
      return;
    }
    if (scope === 'all' || scope === 'tokens') {
      this.record.tokens = undefined;
      this.record.expiresAt = undefined;
    }
    if (scope === 'all' || scope === 'client') this.record.client = undefined;
    if (scope === 'all') this.discovery = undefined;
    await this.persist();
  }

  saveDiscoveryState(state: OAuthDiscoveryState): void {
    this.discovery = state;
  }

  discoveryState(): OAuthDiscoveryState | undefined {
    return this.discovery;
  }

  expiresAt(): number | undefined {
    return this.record.tokens ? this.record.expiresAt : undefined;
  }

  grantedScope(): string | undefined {
    return this.record.tokens?.scope;
  }

  setTokensHidden(hidden: boolean): void {
    this.hidden = hidden;
  }

  async openCallback(): Promise<void> {
    if (this.callback) return;
    const configured = this.options.oauth.callbackPort;
    const stored = loopbackPort(this.storedClient()?.redirect_uris?.[0]);
    try {
      this.callback = await OAuthCallbackServer.listen(configured ?? stored ?? 0);
    } catch (error) {
      if (configured !== undefined) {
        throw new Error(
          `the OAuth callback port ${configured} is in use; free it or change \`oauth.callback_port\` of MCP server "${this.options.server.name}"`,
          { cause: error },
        );
      }
      // The registered redirect port is taken: register again with a free one.
      this.record.client = undefined;
      this.callback = await OAuthCallbackServer.listen(0);
    }
  }

  waitForCode(signal: AbortSignal, timeoutMs: number): Promise<string> {
    if (!this.callback) return Promise.reject(new Error('the OAuth callback is not listening'));
    return this.callback.waitForCode(signal, timeoutMs);
  }

  async closeCallback(): Promise<void> {
    const callback = this.callback;
    this.callback = undefined;
    await callback?.close();
  }

  private storedClient(): (OAuthClientInformationMixed & { redirect_uris?: unknown[] }) | undefined {
    return this.record.client as (OAuthClientInformationMixed & { redirect_uris?: unknown[] }) | undefined;
  }

  private async persist(): Promise<void> {
    this.record.server = { name: this.options.server.name, url: this.options.server.url };
    await this.options.store.save(this.record);
  }
}
