/**
 * One `mcp_servers` entry as MassGen writes it, and the same entry resolved for connecting: type
 * inferred, `${VAR}` substituted, args as strings.
 */
import path from 'node:path';
import { substituteEnv, substituteEnvMap } from './env-substitution.js';
import { type McpOAuthSetting, type ResolvedOAuth, resolveOAuth, wantsOAuth } from './oauth-config.js';

/** An `mcp_servers` entry after config validation. */
export interface McpServerConfig {
  name: string;
  /** `stdio` (default with `command`), `streamable-http` (default with `url`) or `sse`. */
  type?: 'stdio' | 'streamable-http' | 'sse';
  command?: string;
  args?: Array<string | number>;
  env?: Record<string, string | number | boolean>;
  cwd?: string;
  url?: string;
  headers?: Record<string, string>;
  /** OAuth for a remote server (see oauth-config.ts); off by default. */
  oauth?: McpOAuthSetting;
  allowed_tools?: string[];
  exclude_tools?: string[];
  /** Per-call limit of this server's tools (default `timeout_settings.tool_timeout_seconds`). */
  timeout_seconds?: number;
  /** Its tool annotations count as risk evidence (the MCP spec: never trust hints of other servers). */
  trusted?: boolean;
  /** Declared risk of its tools, by the server's own tool names (`*` globs). */
  tool_risk?: Record<string, string | { level: string; open_world?: boolean }>;
  [key: string]: unknown;
}

/** How to reach a server. */
export type ResolvedServer =
  | {
      name: string;
      type: 'stdio';
      command: string;
      args: string[];
      env?: Record<string, string>;
      cwd?: string;
    }
  | {
      name: string;
      type: 'streamable-http' | 'sse';
      url: string;
      headers?: Record<string, string>;
      oauth?: ResolvedOAuth;
    };

/** The transport an entry asks for. */
export function serverType(config: McpServerConfig): 'stdio' | 'streamable-http' | 'sse' {
  return (
    config.type ?? (config.command === undefined && config.url !== undefined ? 'streamable-http' : 'stdio')
  );
}

/**
 * Resolves an entry against the environment. Throws MissingEnvVarError for an unset `${VAR}`, and
 * an Error when the entry lacks what its type needs (normally caught by the config schema).
 */
export function resolveServer(
  config: McpServerConfig,
  env: NodeJS.ProcessEnv,
  baseDir: string,
): ResolvedServer {
  const at = `mcp_servers "${config.name}"`;
  const type = serverType(config);
  if (type === 'stdio') {
    if (!config.command) throw new Error(`${at} has no command`);
    const cwd = config.cwd ? path.resolve(baseDir, substituteEnv(config.cwd, env, `${at} cwd`)) : undefined;
    return {
      name: config.name,
      type,
      command: substituteEnv(config.command, env, `${at} command`),
      args: (config.args ?? []).map((a, i) => substituteEnv(String(a), env, `${at} args[${i}]`)),
      env: substituteEnvMap(config.env, env, `${at} env`),
      cwd,
    };
  }
  if (!config.url) throw new Error(`${at} has no url`);
  const url = substituteEnv(config.url, env, `${at} url`);
  return {
    name: config.name,
    type,
    url,
    headers: substituteEnvMap(config.headers, env, `${at} headers`),
    ...(wantsOAuth(config.oauth) ? { oauth: resolveOAuth(config.oauth, config.name, url, env) } : {}),
  };
}
