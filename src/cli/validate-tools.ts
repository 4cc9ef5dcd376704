/**
 * What `--validate` checks of a config's tools beyond its schema, the way a run would meet them but
 * without running anything: each custom tool is loaded (a module imported, its exports and schemas
 * found; a command's program and folder looked up), and each MCP server entry is resolved (every
 * `${VAR}` set, a stdio program found, its folder present, a URL well-formed). No server is started.
 */
import { accessSync, constants, statSync } from 'node:fs';
import path from 'node:path';
import type { MassGenConfig } from '../config/schema.js';
import { errorText } from '../error-text.js';
import { ConfigError, type ConfigIssue } from '../errors.js';
import type { ToolBackendConfig } from '../tools/agent-tools.js';
import { checkedCommandToolEntry } from '../tools/custom/command-checks.js';
import { type CustomToolContext, moduleToolEntries } from '../tools/custom/module-tools.js';
import { type CustomToolConfig, customToolKind } from '../tools/custom/tool-config.js';
import type { McpServerConfig } from '../tools/mcp/server-config.js';
import { serverType } from '../tools/mcp/server-config.js';

/** Where the config came from, for messages and relative paths. */
export interface ToolCheckContext {
  /** The config file (absolute). */
  file: string;
  /** The file as parsed, before normalisation (tells the name-keyed `mcp_servers` form apart). */
  raw: unknown;
  env: NodeJS.ProcessEnv;
  /** Working directory of a run (stdio commands without `cwd` start there). */
  cwd: string;
}

const REFERENCE = /\$?\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g;
const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Every problem found with the custom tools and MCP servers of `config`, in file order. */
export async function toolIssues(config: MassGenConfig, context: ToolCheckContext): Promise<ConfigIssue[]> {
  const issues: ConfigIssue[] = [];
  // Group-chat speakers run without tools (a run warns about them): nothing of theirs is loaded.
  if (config.orchestrator.mode === 'group_chat') return issues;
  const baseDir = path.dirname(context.file);
  for (const [index, agent] of config.agents.entries()) {
    if (agent.group_chat || agent.nested_chat) continue;
    const backend = agent.backend as ToolBackendConfig;
    const at = `agents[${index}].backend`;
    for (const [i, entry] of (backend.custom_tools ?? []).entries()) {
      issues.push(...(await customToolIssues(entry, { at: `${at}.custom_tools[${i}]`, baseDir, context })));
    }
    const mapForm = isObject(rawBackend(context.raw, index)?.mcp_servers);
    for (const [i, server] of (backend.mcp_servers ?? []).entries()) {
      const where = mapForm ? `${at}.mcp_servers.${server.name}` : `${at}.mcp_servers[${i}]`;
      issues.push(...mcpServerIssues(server, { at: where, baseDir, context }));
    }
  }
  return issues;
}

interface EntryContext {
  at: string;
  baseDir: string;
  context: ToolCheckContext;
}

async function customToolIssues(entry: CustomToolConfig, { at, baseDir, context }: EntryContext) {
  const ctx: CustomToolContext = { file: context.file, at, baseDir, timeoutMs: 30_000, env: context.env };
  const kind = customToolKind(entry);
  const issues: ConfigIssue[] = [];
  try {
    if (kind === 'module') await moduleToolEntries(entry, ctx);
    else if (kind === 'command') await checkedCommandToolEntry(entry, ctx);
  } catch (error) {
    if (ConfigError.isInstance(error) && error.issues.length > 0) issues.push(...error.issues);
    else issues.push(issue(context.file, at, `cannot be loaded: ${errorText(error)}`));
  }
  if (kind !== 'command') return issues;
  const program = String(entry.command?.[0] ?? '');
  if (program !== '' && !findProgram(program, baseDir, context.env.PATH)) {
    issues.push(
      issue(
        context.file,
        `${at}.command[0]`,
        /[/\\]/.test(program)
          ? `program ${path.resolve(baseDir, program)} not found or not executable`
          : `program "${program}" not found on PATH`,
        /[/\\]/.test(program)
          ? "a program path with a / is relative to the config file's folder"
          : 'install it, or give its path (relative to the config file’s folder)',
      ),
    );
  }
  if (entry.cwd !== undefined && !isDirectory(path.resolve(baseDir, entry.cwd))) {
    issues.push(
      issue(
        context.file,
        `${at}.cwd`,
        `folder ${path.resolve(baseDir, entry.cwd)} does not exist`,
        "create it, or fix the path (relative to the config file's folder)",
      ),
    );
  }
  return issues;
}

function mcpServerIssues(server: McpServerConfig, { at, baseDir, context }: EntryContext): ConfigIssue[] {
  const { file, env } = context;
  const issues: ConfigIssue[] = [];
  const label = `MCP server "${server.name}"`;
  /** The value with `${VAR}` replaced, or undefined (and an issue per unset variable). */
  const resolve = (value: string | number | boolean, key: string): string | undefined => {
    let missing = false;
    const out = String(value).replace(REFERENCE, (match, name: string) => {
      if (match.startsWith('$$')) return match.slice(1);
      if (env[name]) return env[name];
      missing = true;
      issues.push(
        issue(
          file,
          `${at}.${key}`,
          `\${${name}} is not set or is empty (${label})`,
          `set ${name} in the environment, in ./.env or in ~/.massgen/.env`,
        ),
      );
      return '';
    });
    return missing ? undefined : out;
  };
  const resolveMap = (values: Record<string, string | number | boolean> | undefined, key: string) => {
    for (const [name, value] of Object.entries(values ?? {})) resolve(value, `${key}.${name}`);
  };
  if (serverType(server) !== 'stdio') {
    const url = server.url === undefined ? undefined : resolve(server.url, 'url');
    resolveMap(server.headers, 'headers');
    if (url !== undefined && !isHttpUrl(url)) {
      issues.push(
        issue(
          file,
          `${at}.url`,
          `${label}: not an http(s) URL`,
          'give the full address, e.g. http://localhost:8080/mcp',
        ),
      );
    }
    return issues;
  }
  const command = server.command === undefined ? undefined : resolve(server.command, 'command');
  for (const [i, arg] of (server.args ?? []).entries()) resolve(arg, `args[${i}]`);
  const envEntries = server.env ?? {};
  resolveMap(envEntries, 'env');
  const cwdValue = server.cwd === undefined ? undefined : resolve(server.cwd, 'cwd');
  const cwd = cwdValue === undefined ? undefined : path.resolve(baseDir, cwdValue);
  if (cwd !== undefined && !isDirectory(cwd)) {
    issues.push(
      issue(
        file,
        `${at}.cwd`,
        `${label}: folder ${cwd} does not exist`,
        "create it, or fix the path (relative to the config file's folder)",
      ),
    );
  }
  const searchPath = typeof envEntries.PATH === 'string' ? envEntries.PATH : env.PATH;
  if (command !== undefined && !findProgram(command, cwd ?? context.cwd, searchPath)) {
    const relative = /[/\\]/.test(command);
    issues.push(
      issue(
        file,
        `${at}.command`,
        relative
          ? `${label}: program ${path.resolve(cwd ?? context.cwd, command)} not found or not executable`
          : `${label}: program "${command}" not found on PATH`,
        relative
          ? 'a relative command starts from the server’s `cwd`, else from the working directory'
          : 'install it (e.g. Node.js for npx), or give its full path',
      ),
    );
  }
  return issues;
}

function issue(file: string, at: string, message: string, suggestion?: string): ConfigIssue {
  return suggestion === undefined ? { file, path: at, message } : { file, path: at, message, suggestion };
}

function rawBackend(raw: unknown, index: number): Record<string, unknown> | undefined {
  if (!isObject(raw)) return undefined;
  const agents = Array.isArray(raw.agents) ? raw.agents : raw.agent !== undefined ? [raw.agent] : [];
  const agent = agents[index];
  return isObject(agent) && isObject(agent.backend) ? agent.backend : undefined;
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

function isDirectory(dir: string): boolean {
  try {
    return statSync(dir).isDirectory();
  } catch {
    return false;
  }
}

function isExecutable(file: string): boolean {
  try {
    if (!statSync(file).isFile()) return false;
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Whether `program` can be started: a path (relative to `dir`) to an executable, or a name on `searchPath`. */
export function findProgram(program: string, dir: string, searchPath: string | undefined): boolean {
  if (/[/\\]/.test(program)) return isExecutable(path.resolve(dir, program));
  const extensions = process.platform === 'win32' ? ['', '.exe', '.cmd', '.bat'] : [''];
  return (searchPath ?? '')
    .split(path.delimiter)
    .filter(Boolean)
    .some((folder) => extensions.some((ext) => isExecutable(path.join(folder, program + ext))));
}
