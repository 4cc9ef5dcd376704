/**
 * Failures of an MCP server's authorization. They are not transport hiccups: starting the server
 * again would fail the same way, so it is not retried, and the message names the fix.
 */
import { ToolServerError } from '../errors.js';

/** The server refused the credentials, or the OAuth flow could not complete. */
export class McpAuthError extends ToolServerError {
  constructor(message: string, options: { cause?: unknown } = {}) {
    super(message, { isRetryable: false, cause: options.cause });
  }
}

/** Whether `error` is an HTTP 401 answer of a server (as the SDK's transports report it). */
export function isUnauthorizedResponse(error: unknown): boolean {
  const code = (error as { code?: unknown } | undefined)?.code;
  if (code === 401) return true;
  const message = error instanceof Error ? error.message : String(error);
  return /\b401\b/.test(message) && /unauthori[sz]ed|status|HTTP|POST|SSE/i.test(message);
}

/** The error of a server that answered 401 while it has no `oauth` setting. */
export function unauthorizedError(server: string, cause: unknown): McpAuthError {
  return new McpAuthError(
    `MCP server "${server}" answered 401 Unauthorized. Fix: add ` +
      '`headers: { Authorization: "Bearer ${TOKEN}" }` to its mcp_servers entry, or `oauth: true` to sign in in the browser.',
    { cause },
  );
}
