/**
 * What a `codex` backend block asks of the Codex CLI, as `--config` overrides:
 *
 * | key | Codex config |
 * |---|---|
 * | `model` | the thread's `model` |
 * | `base_url` / `OPENAI_BASE_URL` | a `massgen` model provider (`wire_api: responses`, `base_url`, no WebSocket transport); default `https://api.openai.com/v1` |
 * | `api_key` / `OPENAI_API_KEY` | `CODEX_API_KEY` of the child |
 * | `reasoning.effort` | `model_reasoning_effort` |
 * | `mcp_servers` | `mcp_servers` (Codex runs them itself) |
 * | `cwd` | the thread's working directory (the agent's workspace) |
 *
 * The coordination prompt (the agent's `system_message` in it) is Codex's `developer_instructions`.
 */
import { expandReferences } from '../../config/secret-settings.js';

/** The backend keys the adapter reads. */
export interface CodexBackend {
  type: string;
  model: string;
  api_key?: string;
  base_url?: string;
  reasoning?: { effort?: string };
  mcp_servers?: Array<Record<string, unknown> & { name: string }>;
}

type ConfigValue = string | number | boolean | ConfigValue[] | { [key: string]: ConfigValue };

function strings(value: unknown, env: NodeJS.ProcessEnv): Record<string, string> | undefined {
  return value && typeof value === 'object'
    ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, expandReferences(String(v), env)]))
    : undefined;
}

function mcpServer(server: Record<string, unknown>, env: NodeJS.ProcessEnv): Record<string, ConfigValue> {
  const timeout: Record<string, ConfigValue> =
    typeof server.timeout_seconds === 'number' ? { tool_timeout_sec: server.timeout_seconds } : {};
  if (server.command !== undefined) {
    const serverEnv = strings(server.env, env);
    return {
      command: String(server.command),
      args: Array.isArray(server.args) ? server.args.map((a) => expandReferences(String(a), env)) : [],
      ...(serverEnv ? { env: serverEnv } : {}),
      ...timeout,
    };
  }
  const headers = strings(server.headers, env);
  return {
    url: expandReferences(String(server.url), env),
    ...(headers ? { http_headers: headers } : {}),
    ...timeout,
  };
}

/** The `--config` object of one turn; `workflowUrl` is the loopback MCP server of the workflow tools. */
export function codexConfig(
  backend: CodexBackend,
  env: NodeJS.ProcessEnv,
  instructions: string,
  workflowUrl: string | undefined,
): { [key: string]: ConfigValue } {
  const baseUrl = backend.base_url
    ? expandReferences(backend.base_url, env)
    : env.OPENAI_BASE_URL || 'https://api.openai.com/v1';
  const servers: Record<string, ConfigValue> = Object.fromEntries(
    (backend.mcp_servers ?? []).map((s) => [s.name, mcpServer(s, env)]),
  );
  if (workflowUrl) servers.massgen = { url: workflowUrl, default_tools_approval_mode: 'approve' };
  return {
    model_provider: 'massgen',
    model_providers: {
      massgen: {
        name: 'MassGen',
        base_url: baseUrl.replace(/\/+$/, ''),
        wire_api: 'responses',
        env_key: 'CODEX_API_KEY',
        supports_websockets: false,
      },
    },
    developer_instructions: instructions,
    ...(backend.reasoning?.effort ? { model_reasoning_effort: backend.reasoning.effort } : {}),
    ...(Object.keys(servers).length > 0 ? { mcp_servers: servers } : {}),
  };
}
