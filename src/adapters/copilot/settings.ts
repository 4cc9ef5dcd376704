/**
 * What a `copilot` backend block asks of the Copilot CLI (through `@github/copilot-sdk`), as MassGen's
 * keys read, plus the provider keys that let it run without a GitHub login:
 *
 * | key | Copilot SDK |
 * |---|---|
 * | `model` | the session's `model` (default `gpt-5-mini`) |
 * | `copilot_provider` | `openai` (default; `anthropic` for a `claude…` model), `azure` or `anthropic`: a BYOK `provider` with `base_url` and the key; `github`: the GitHub Copilot service with a GitHub token |
 * | `base_url` / `azure_endpoint` | `provider.baseUrl` (default `OPENAI_BASE_URL` or OpenAI's, `ANTHROPIC_BASE_URL` or Anthropic's) |
 * | `api_key` / `OPENAI_API_KEY`, `ANTHROPIC_API_KEY`, `AZURE_OPENAI_API_KEY` | `provider.apiKey` |
 * | `wire_api` | `provider.wireApi` (`completions` or `responses`, OpenAI and Azure) |
 * | `api_version` | `provider.azure.apiVersion` |
 * | `COPILOT_GITHUB_TOKEN` / `GH_TOKEN` / `GITHUB_TOKEN` | `gitHubToken` (with `copilot_provider: github`, or when no provider key is found) |
 * | `copilot_system_message_mode` / `system_message_mode` | `systemMessage.mode`: `append` (default, after Copilot's own prompt) or `replace` |
 * | `copilot_permission_policy` / `permission_policy` | `approve` (default: each tool call goes through the run's safety checks) or `deny` (every call of its own tools is refused) |
 * | `allowed_tools` / `exclude_tools` | `availableTools` / `excludedTools` (the workflow tools always stay available) |
 * | `mcp_servers` | `mcpServers` (Copilot runs them itself; a server's `allowed_tools` is its `tools`, its `exclude_tools` are `excludedTools`) |
 * | `reasoning.effort` | `reasoningEffort` |
 * | `session_send_timeout_seconds` | how long starting the CLI and sending the prompt may take (default 60) |
 * | `cwd` | the session's working directory (the agent's workspace) |
 */
import { expandReferences } from '../../config/secret-settings.js';
import { ConfigError, MissingApiKeyError } from '../../errors.js';
import { resolveApiKey } from '../../providers/api-key.js';
import { readMcpServer } from '../mcp-server-entry.js';

/** The backend keys the adapter reads. */
export interface CopilotBackend {
  type: string;
  model: string;
  api_key?: string;
  base_url?: string;
  azure_endpoint?: string;
  api_version?: string;
  copilot_provider?: 'openai' | 'azure' | 'anthropic' | 'github';
  wire_api?: 'completions' | 'responses';
  copilot_system_message_mode?: 'append' | 'replace';
  system_message_mode?: 'append' | 'replace';
  copilot_permission_policy?: 'approve' | 'deny';
  permission_policy?: 'approve' | 'deny';
  allowed_tools?: string[];
  exclude_tools?: string[];
  mcp_servers?: Array<Record<string, unknown> & { name: string }>;
  reasoning?: { effort?: string };
  session_send_timeout_seconds?: number;
}

/** A bring-your-own-key provider: the model's own API, no GitHub login. */
export interface CopilotProvider {
  type: 'openai' | 'azure' | 'anthropic';
  baseUrl: string;
  apiKey: string;
  wireApi?: 'completions' | 'responses';
  azure?: { apiVersion: string };
}

/** Everything a turn needs besides the turn itself. */
export interface CopilotSettings {
  model: string;
  /** The BYOK provider; absent: the GitHub Copilot service with {@link gitHubToken}. */
  provider?: CopilotProvider;
  gitHubToken?: string;
  /** The variable {@link gitHubToken} came from, for messages. */
  gitHubTokenVariable?: string;
  /** Where the key or token came from (`backend.api_key`, `OPENAI_API_KEY`), for messages. */
  keySource: string;
  systemMessageMode: 'append' | 'replace';
  permissionPolicy: 'approve' | 'deny';
  availableTools?: string[];
  excludedTools?: string[];
  reasoningEffort?: 'low' | 'medium' | 'high' | 'xhigh';
  /** MCP servers in the SDK's shape, by name. */
  mcpServers: Record<string, Record<string, unknown>>;
  /** Limit of starting the CLI, creating the session and sending the prompt. */
  startTimeoutMs: number;
}

/** Variables that may hold a GitHub token for the Copilot service, in order of preference. */
export const GITHUB_TOKEN_VARIABLES = ['COPILOT_GITHUB_TOKEN', 'GH_TOKEN', 'GITHUB_TOKEN'];

const KEY_VARIABLES = {
  openai: 'OPENAI_API_KEY',
  azure: 'AZURE_OPENAI_API_KEY',
  anthropic: 'ANTHROPIC_API_KEY',
} as const;

/** One `mcp_servers` entry as Copilot's `mcpServers` value. */
function sdkServer(server: Record<string, unknown>, env: NodeJS.ProcessEnv): Record<string, unknown> {
  const entry = readMcpServer(server, env);
  const extra = {
    ...(Array.isArray(server.allowed_tools) ? { tools: server.allowed_tools.map(String) } : {}),
    ...(entry.timeoutMs === undefined ? {} : { timeout: entry.timeoutMs }),
  };
  if (entry.transport === 'stdio') {
    const { command, args } = entry;
    const cwd = entry.cwd === undefined ? {} : { workingDirectory: entry.cwd };
    return { type: 'stdio', command, args, ...(entry.env ? { env: entry.env } : {}), ...cwd, ...extra };
  }
  return {
    type: entry.transport,
    url: entry.url,
    ...(entry.headers ? { headers: entry.headers } : {}),
    ...extra,
  };
}

/** The GitHub token of the environment, with the variable it came from. */
function githubToken(
  env: NodeJS.ProcessEnv,
): { gitHubToken: string; gitHubTokenVariable: string } | undefined {
  for (const name of GITHUB_TOKEN_VARIABLES) {
    const value = env[name];
    if (value) return { gitHubToken: value, gitHubTokenVariable: name };
  }
  return undefined;
}

function baseUrl(type: CopilotProvider['type'], backend: CopilotBackend, env: NodeJS.ProcessEnv) {
  const given = backend.base_url ?? (type === 'azure' ? backend.azure_endpoint : undefined);
  if (given) return expandReferences(given, env).replace(/\/+$/, '');
  if (type === 'anthropic') {
    // Copilot adds `/v1/messages` itself.
    return (env.ANTHROPIC_BASE_URL || 'https://api.anthropic.com').replace(/\/+$/, '').replace(/\/v1$/, '');
  }
  if (type === 'azure') return env.AZURE_OPENAI_ENDPOINT?.replace(/\/+$/, '');
  return (env.OPENAI_BASE_URL || 'https://api.openai.com/v1').replace(/\/+$/, '');
}

/** The key of a BYOK provider, or undefined when none is configured (`api_key` or the variable). */
function providerKey(
  agentId: string,
  type: CopilotProvider['type'],
  backend: CopilotBackend,
  env: NodeJS.ProcessEnv,
): string | undefined {
  if (backend.api_key) return resolveApiKey(agentId, { type: 'copilot', api_key: backend.api_key }, env);
  return env[KEY_VARIABLES[type]] || undefined;
}

/** Reads the backend block. Throws MissingApiKeyError when neither a provider key nor a GitHub token is found. */
export function copilotSettings(
  agentId: string,
  backend: CopilotBackend,
  env: NodeJS.ProcessEnv,
): CopilotSettings {
  // A server's `exclude_tools` are session exclusions of its tools (`mcp:<server>-<tool>`).
  const excluded = [
    ...(backend.exclude_tools ?? []),
    ...(backend.mcp_servers ?? []).flatMap((server) =>
      Array.isArray(server.exclude_tools)
        ? server.exclude_tools.map((t) => `mcp:${server.name}-${String(t)}`)
        : [],
    ),
  ];
  const chosen =
    backend.copilot_provider ?? (/^claude/i.test(backend.model) ? 'anthropic' : ('openai' as const));
  const common = {
    model: backend.model,
    systemMessageMode: backend.copilot_system_message_mode ?? backend.system_message_mode ?? 'append',
    permissionPolicy: backend.copilot_permission_policy ?? backend.permission_policy ?? 'approve',
    ...(backend.allowed_tools ? { availableTools: backend.allowed_tools } : {}),
    ...(excluded.length > 0 ? { excludedTools: excluded } : {}),
    ...(backend.reasoning?.effort && backend.reasoning.effort in EFFORTS
      ? { reasoningEffort: backend.reasoning.effort as CopilotSettings['reasoningEffort'] }
      : {}),
    mcpServers: Object.fromEntries((backend.mcp_servers ?? []).map((s) => [s.name, sdkServer(s, env)])),
    startTimeoutMs: (backend.session_send_timeout_seconds ?? 60) * 1000,
  } satisfies Partial<CopilotSettings>;
  const token = githubToken(env);
  if (chosen === 'github') {
    if (!token) throw new MissingApiKeyError(agentId, 'copilot', GITHUB_TOKEN_VARIABLES.join(' or '));
    return { ...common, ...token, keySource: token.gitHubTokenVariable };
  }
  const apiKey = providerKey(agentId, chosen, backend, env);
  // No provider key: the GitHub Copilot service, when a token for it is set.
  if (apiKey === undefined && token && backend.copilot_provider === undefined && !backend.base_url) {
    return { ...common, ...token, keySource: token.gitHubTokenVariable };
  }
  const url = baseUrl(chosen, backend, env);
  if (!url) {
    throw new ConfigError(
      `Agent "${agentId}" (backend copilot, copilot_provider: azure) needs the Azure endpoint: give backend.base_url (or azure_endpoint), or set AZURE_OPENAI_ENDPOINT`,
    );
  }
  const local = /^https?:\/\/(localhost|127\.\d+\.\d+\.\d+|\[::1\])(:\d+)?(\/|$)/.test(url);
  if (apiKey === undefined && !local) {
    throw new MissingApiKeyError(
      agentId,
      'copilot',
      `${KEY_VARIABLES[chosen]} (copilot_provider: ${chosen}) or, for a GitHub Copilot subscription, ${GITHUB_TOKEN_VARIABLES.join(' or ')}`,
    );
  }
  const wireApi = chosen !== 'anthropic' && backend.wire_api ? { wireApi: backend.wire_api } : {};
  const azure =
    chosen === 'azure' && backend.api_version ? { azure: { apiVersion: backend.api_version } } : {};
  return {
    ...common,
    keySource: backend.api_key ? 'backend.api_key' : KEY_VARIABLES[chosen],
    provider: { type: chosen, baseUrl: url, apiKey: apiKey ?? 'EMPTY', ...wireApi, ...azure },
  };
}

const EFFORTS = { low: 1, medium: 1, high: 1, xhigh: 1 };
