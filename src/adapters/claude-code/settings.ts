/**
 * What a `claude_code` backend block asks of Claude Code, as MassGen's keys read:
 *
 * | key | Claude Agent SDK option |
 * |---|---|
 * | `model` | `model` |
 * | `cwd` | the agent's workspace (`cwd`); without it, a private temporary folder |
 * | `system_prompt` | replaces Claude Code's own system prompt (the coordination prompt follows it) |
 * | `append_system_prompt` | appended to Claude Code's system prompt (default: `claude_code` preset) |
 * | `allowed_tools` | the built-in tools it has (`tools`); every call still goes through the safety checks |
 * | `disallowed_tools` | `disallowedTools` |
 * | `permission_mode` | `permissionMode` (`bypassPermissions` skips the safety checks: Claude Code asks nobody) |
 * | `max_thinking_tokens` | `thinking: {type: enabled, budgetTokens}` |
 * | `mcp_servers` | `mcpServers` (Claude Code runs them itself) |
 * | `api_key` / `ANTHROPIC_API_KEY`, `base_url` / `ANTHROPIC_BASE_URL` | the child's environment |
 */

import { expandReferences } from '../../config/secret-settings.js';
import { resolveApiKey } from '../../providers/api-key.js';
import { readMcpServer } from '../mcp-server-entry.js';

/** The backend keys the adapter reads. */
export interface ClaudeCodeBackend {
  type: string;
  model: string;
  api_key?: string;
  base_url?: string;
  system_prompt?: string;
  append_system_prompt?: string;
  allowed_tools?: string[];
  disallowed_tools?: string[];
  permission_mode?: 'default' | 'acceptEdits' | 'bypassPermissions' | 'plan';
  max_thinking_tokens?: number;
  mcp_servers?: Array<Record<string, unknown> & { name: string }>;
}

/** Everything a turn needs besides the turn itself. */
export interface ClaudeCodeSettings {
  model: string;
  apiKey: string;
  /** Base URL without the API version (Claude Code adds `/v1/messages`); undefined: Anthropic's. */
  baseUrl?: string;
  systemPrompt?: string;
  appendSystemPrompt?: string;
  tools?: string[];
  disallowedTools?: string[];
  permissionMode?: ClaudeCodeBackend['permission_mode'];
  maxThinkingTokens?: number;
  /** MCP servers in the SDK's shape, by name. */
  mcpServers: Record<string, Record<string, unknown>>;
}

/** The base URL Claude Code takes: the config's (without a trailing `/v1`), else `ANTHROPIC_BASE_URL`. */
function baseUrl(backend: ClaudeCodeBackend, env: NodeJS.ProcessEnv): string | undefined {
  const url = backend.base_url ? expandReferences(backend.base_url, env) : env.ANTHROPIC_BASE_URL;
  if (!url) return undefined;
  return url.replace(/\/+$/, '').replace(/\/v1$/, '');
}

/** One `mcp_servers` entry as Claude Code's `mcpServers` value. */
function sdkServer(server: Record<string, unknown>, env: NodeJS.ProcessEnv): Record<string, unknown> {
  const entry = readMcpServer(server, env);
  const timeout = entry.timeoutMs === undefined ? {} : { timeout: entry.timeoutMs };
  if (entry.transport === 'stdio') {
    const { command, args } = entry;
    return { type: 'stdio', command, args, ...(entry.env ? { env: entry.env } : {}), ...timeout };
  }
  return {
    type: entry.transport,
    url: entry.url,
    ...(entry.headers ? { headers: entry.headers } : {}),
    ...timeout,
  };
}

/** Reads the backend block. Throws MissingApiKeyError when no key is found. */
export function claudeCodeSettings(
  agentId: string,
  backend: ClaudeCodeBackend,
  env: NodeJS.ProcessEnv,
): ClaudeCodeSettings {
  const url = baseUrl(backend, env);
  const apiKey = resolveApiKey(
    agentId,
    { type: 'claude_code', api_key: backend.api_key, ...(url ? { base_url: url } : {}) },
    env,
  );
  return {
    model: backend.model,
    apiKey,
    ...(url ? { baseUrl: url } : {}),
    ...(backend.system_prompt ? { systemPrompt: backend.system_prompt } : {}),
    ...(backend.append_system_prompt ? { appendSystemPrompt: backend.append_system_prompt } : {}),
    ...(backend.allowed_tools ? { tools: backend.allowed_tools } : {}),
    ...(backend.disallowed_tools ? { disallowedTools: backend.disallowed_tools } : {}),
    ...(backend.permission_mode ? { permissionMode: backend.permission_mode } : {}),
    ...(backend.max_thinking_tokens ? { maxThinkingTokens: backend.max_thinking_tokens } : {}),
    mcpServers: Object.fromEntries((backend.mcp_servers ?? []).map((s) => [s.name, sdkServer(s, env)])),
  };
}
