/**
 * What a `gemini_cli` backend block asks of the Gemini CLI, as MassGen's keys read:
 *
 * | key | Gemini CLI |
 * |---|---|
 * | `model` | `--model` |
 * | `cwd` | the process's working directory (the agent's workspace); without it, a private temporary folder |
 * | `approval_mode` | `--approval-mode`: `default` (headless: read-only tools), `auto_edit` (file edits too), `yolo` (shell too), `plan`; default `default` |
 * | `system_prompt` | replaces the CLI's own system prompt (`GEMINI_SYSTEM_MD`); the coordination prompt follows it |
 * | `append_system_prompt` | put before the coordination prompt in the CLI's global context file (`GEMINI.md`) |
 * | `allowed_tools` | `tools.core`: the only built-in tools it has |
 * | `exclude_tools` / `disallowed_tools` | `tools.exclude` |
 * | `mcp_servers` | `mcpServers` (the CLI runs them itself, trusted: no confirmation) |
 * | `api_key` / `GEMINI_API_KEY` / `GOOGLE_API_KEY` | `GEMINI_API_KEY` of the child |
 * | `base_url` / `GOOGLE_GEMINI_BASE_URL` | `GOOGLE_GEMINI_BASE_URL` of the child (without a trailing `/v1beta`) |
 *
 * The settings file switches off what would reach Google or the network on its own: usage
 * statistics, telemetry, update checks, folder-trust prompts and the IDE connection.
 */
import { expandReferences } from '../../config/secret-settings.js';
import { resolveApiKey } from '../../providers/api-key.js';
import { readMcpServer } from '../mcp-server-entry.js';

/** The CLI's approval modes. */
export type GeminiApprovalMode = 'default' | 'auto_edit' | 'yolo' | 'plan';

/** The backend keys the adapter reads. */
export interface GeminiCliBackend {
  type: string;
  model: string;
  api_key?: string;
  base_url?: string;
  approval_mode?: GeminiApprovalMode;
  system_prompt?: string;
  append_system_prompt?: string;
  allowed_tools?: string[];
  exclude_tools?: string[];
  disallowed_tools?: string[];
  mcp_servers?: Array<Record<string, unknown> & { name: string }>;
}

/** Everything a turn needs besides the turn itself. */
export interface GeminiCliSettings {
  model: string;
  apiKey: string;
  /** Root URL of the Gemini API (the CLI adds `/v1beta/models/…`); undefined: Google's. */
  baseUrl?: string;
  approvalMode: GeminiApprovalMode;
  systemPrompt?: string;
  appendSystemPrompt?: string;
  coreTools?: string[];
  excludeTools?: string[];
  /** MCP servers in the settings file's shape, by name. */
  mcpServers: Record<string, Record<string, unknown>>;
}

/** The name the workflow server has in the CLI; the model sees its tools as `mcp_massgen_<tool>`. */
export const WORKFLOW_SERVER = 'massgen';

/** The base URL the CLI takes: the config's (without a trailing `/v1beta` or `/v1`), else the env's. */
function baseUrl(backend: GeminiCliBackend, env: NodeJS.ProcessEnv): string | undefined {
  const url = backend.base_url ? expandReferences(backend.base_url, env) : env.GOOGLE_GEMINI_BASE_URL;
  if (!url) return undefined;
  return url.replace(/\/+$/, '').replace(/\/v1(beta)?$/, '');
}

/** One `mcp_servers` entry as a `mcpServers` value of the settings file. */
function settingsServer(server: Record<string, unknown>, env: NodeJS.ProcessEnv): Record<string, unknown> {
  const entry = readMcpServer(server, env);
  const common: Record<string, unknown> = { trust: true };
  if (entry.timeoutMs !== undefined) common.timeout = entry.timeoutMs;
  if (Array.isArray(server.allowed_tools)) common.includeTools = server.allowed_tools;
  if (Array.isArray(server.exclude_tools)) common.excludeTools = server.exclude_tools;
  if (entry.transport === 'stdio') {
    const { command, args } = entry;
    const cwd = entry.cwd === undefined ? {} : { cwd: entry.cwd };
    return { command, args, ...(entry.env ? { env: entry.env } : {}), ...cwd, ...common };
  }
  const url = entry.transport === 'sse' ? { url: entry.url } : { httpUrl: entry.url };
  return { ...url, ...(entry.headers ? { headers: entry.headers } : {}), ...common };
}

/** Reads the backend block. Throws MissingApiKeyError when no key is found. */
export function geminiCliSettings(
  agentId: string,
  backend: GeminiCliBackend,
  env: NodeJS.ProcessEnv,
): GeminiCliSettings {
  const url = baseUrl(backend, env);
  const apiKey = resolveApiKey(
    agentId,
    { type: 'gemini_cli', api_key: backend.api_key, ...(url ? { base_url: url } : {}) },
    env,
  );
  const exclude = [...(backend.exclude_tools ?? []), ...(backend.disallowed_tools ?? [])];
  return {
    model: backend.model,
    apiKey,
    ...(url ? { baseUrl: url } : {}),
    approvalMode: backend.approval_mode ?? 'default',
    ...(backend.system_prompt ? { systemPrompt: backend.system_prompt } : {}),
    ...(backend.append_system_prompt ? { appendSystemPrompt: backend.append_system_prompt } : {}),
    ...(backend.allowed_tools ? { coreTools: backend.allowed_tools } : {}),
    ...(exclude.length > 0 ? { excludeTools: exclude } : {}),
    mcpServers: Object.fromEntries((backend.mcp_servers ?? []).map((s) => [s.name, settingsServer(s, env)])),
  };
}

/** The user settings file (`~/.gemini/settings.json`) of one turn; `workflowUrl` is the workflow server's. */
export function settingsFile(settings: GeminiCliSettings, workflowUrl: string | undefined): object {
  const servers = { ...settings.mcpServers };
  if (workflowUrl) servers[WORKFLOW_SERVER] = { httpUrl: workflowUrl, trust: true };
  const tools = {
    ...(settings.coreTools ? { core: settings.coreTools } : {}),
    ...(settings.excludeTools ? { exclude: settings.excludeTools } : {}),
  };
  return {
    security: { auth: { selectedType: 'gemini-api-key' }, folderTrust: { enabled: false } },
    privacy: { usageStatisticsEnabled: false },
    telemetry: { enabled: false },
    general: { enableAutoUpdate: false, enableAutoUpdateNotification: false },
    ide: { enabled: false },
    ...(Object.keys(tools).length > 0 ? { tools } : {}),
    ...(Object.keys(servers).length > 0 ? { mcpServers: servers } : {}),
  };
}
