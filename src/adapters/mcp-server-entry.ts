/**
 * One `mcp_servers` entry of a CLI agent's backend, read once for every CLI agent's own MCP config
 * (Claude Code, Copilot, Gemini CLI): its transport, and its command, arguments, environment, URL
 * and headers with references (`${VAR}`) expanded from the environment.
 */
import { expandReferences } from '../config/secret-settings.js';

/** What the entry starts or reaches. */
export type McpServerEntry = (
  | {
      transport: 'stdio';
      command: string;
      args: string[];
      env?: Record<string, string>;
      /** Working directory of the server process. */
      cwd?: string;
    }
  | { transport: 'sse' | 'http'; url: string; headers?: Record<string, string> }
) & {
  /** `timeout_seconds` in milliseconds. */
  timeoutMs?: number;
};

const stringRecord = (value: unknown, env: NodeJS.ProcessEnv): Record<string, string> | undefined =>
  value && typeof value === 'object'
    ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, expandReferences(String(v), env)]))
    : undefined;

/**
 * Reads an entry: `type` `stdio` (or `local`), `sse`, or any HTTP form; without `type`, an entry
 * with a `url` and no `command` is HTTP, else stdio.
 */
export function readMcpServer(server: Record<string, unknown>, env: NodeJS.ProcessEnv): McpServerEntry {
  const type = server.type ?? (server.command === undefined && server.url !== undefined ? 'http' : 'stdio');
  const timeout =
    typeof server.timeout_seconds === 'number' ? { timeoutMs: server.timeout_seconds * 1000 } : {};
  if (type === 'stdio' || type === 'local') {
    const serverEnv = stringRecord(server.env, env);
    return {
      transport: 'stdio',
      command: String(server.command),
      args: Array.isArray(server.args) ? server.args.map((a) => expandReferences(String(a), env)) : [],
      ...(serverEnv ? { env: serverEnv } : {}),
      ...(typeof server.cwd === 'string' ? { cwd: server.cwd } : {}),
      ...timeout,
    };
  }
  const headers = stringRecord(server.headers, env);
  return {
    transport: type === 'sse' ? 'sse' : 'http',
    url: expandReferences(String(server.url), env),
    ...(headers ? { headers } : {}),
    ...timeout,
  };
}
