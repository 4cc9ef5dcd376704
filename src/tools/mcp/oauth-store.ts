/**
 * OAuth credentials of one MCP server on disk: `<MassGen folder>/mcp-auth/<server-key>.json`
 * (folder mode 0700, file mode 0600), holding the client registration and the tokens with the time
 * they expire. Written atomically; a missing or unreadable file is an empty record.
 */
import { chmod, mkdir, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { OAuthClientInformationMixed, OAuthTokens } from '@modelcontextprotocol/sdk/shared/auth.js';

/** What is kept for a server. */
export interface StoredOAuth {
  /** The server's name and URL, for the person who opens the file. */
  server?: { name: string; url: string };
  /** The client registration (dynamic registration or a URL-based client id), as the SDK gave it. */
  client?: OAuthClientInformationMixed;
  /** The latest tokens, as the SDK gave them. */
  tokens?: OAuthTokens;
  /** When the access token expires (ms since the epoch), from `expires_in`. */
  expiresAt?: number;
}

/** The folder of the token files under a MassGen folder (`~/.massgen`). */
export function oauthDir(massgenDir: string): string {
  return path.join(massgenDir, 'mcp-auth');
}

let counter = 0;

/** One server's token file. */
export class OAuthStore {
  readonly file: string;

  constructor(massgenDir: string, serverKey: string) {
    this.file = path.join(oauthDir(massgenDir), `${serverKey}.json`);
  }

  /** The stored record; empty when there is none or it cannot be read. */
  async load(): Promise<StoredOAuth> {
    try {
      const parsed: unknown = JSON.parse(await readFile(this.file, 'utf8'));
      return typeof parsed === 'object' && parsed !== null ? (parsed as StoredOAuth) : {};
    } catch {
      return {};
    }
  }

  /** Replaces the record (private to the user: 0600 in a 0700 folder). */
  async save(record: StoredOAuth): Promise<void> {
    const dir = path.dirname(this.file);
    await mkdir(dir, { recursive: true, mode: 0o700 });
    counter = (counter + 1) % Number.MAX_SAFE_INTEGER;
    const temp = path.join(dir, `.${path.basename(this.file)}.${process.pid}.${counter}.tmp`);
    try {
      await writeFile(temp, `${JSON.stringify(record, null, 2)}\n`, { mode: 0o600 });
      await chmod(temp, 0o600);
      await rename(temp, this.file);
    } catch (error) {
      await unlink(temp).catch(() => {});
      throw error;
    }
  }
}
