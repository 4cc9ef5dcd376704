/**
 * Showing an authorization URL to the user: the default port of {@link AuthorizationUrlHandler}
 * prints it on stderr and opens it in the browser — the `BROWSER` command when set (the URL is
 * appended, or replaces `%s`), else the system's opener (`open`, `xdg-open`, `start`).
 */
import { spawn } from 'node:child_process';

/** An authorization the user has to complete in a browser. */
export interface AuthorizationUrlRequest {
  agentId: string;
  /** The server's `name` in the config. */
  server: string;
  url: string;
}

/** Shows the user where to authorize. Resolves once shown (not once authorized). */
export type AuthorizationUrlHandler = (request: AuthorizationUrlRequest) => void | Promise<void>;

/** The command line that opens `url` in a browser. */
export function browserCommand(url: string, env: NodeJS.ProcessEnv, platform = process.platform): string[] {
  const custom = env.BROWSER?.trim();
  if (custom) {
    const parts = custom.split(/\s+/);
    return parts.some((p) => p.includes('%s')) ? parts.map((p) => p.replace('%s', url)) : [...parts, url];
  }
  if (platform === 'darwin') return ['open', url];
  if (platform === 'win32') return ['cmd', '/c', 'start', '""', url];
  return ['xdg-open', url];
}

/** Opens `url` in a browser, detached; failures (no browser) are ignored: the URL was printed. */
export function openInBrowser(url: string, env: NodeJS.ProcessEnv = process.env): void {
  const [command, ...args] = browserCommand(url, env);
  if (!command) return;
  try {
    const child = spawn(command, args, { stdio: 'ignore', detached: true, env });
    child.on('error', () => {});
    child.unref();
  } catch {
    // No way to open it: the user copies the printed URL.
  }
}

/** The default port: the URL on stderr, then the browser. */
export function defaultAuthorizationUrlHandler(
  env: NodeJS.ProcessEnv = process.env,
): AuthorizationUrlHandler {
  return ({ agentId, server, url }) => {
    process.stderr.write(
      `MCP server "${server}" (agent ${agentId}) needs authorization. Opening your browser; if it does not open, visit:\n  ${url}\n`,
    );
    openInBrowser(url, env);
  };
}
