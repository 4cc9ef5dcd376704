/**
 * Copilot's permission requests as the run's safety checks see them. Copilot asks before each call of
 * its own tools (a shell command, a file write or read, a URL fetch, an MCP tool); the request becomes
 * an {@link AdapterToolCall} named by the tool the model called, with the request's facts as its
 * input, and {@link copilotBuiltin} tells which MassGen tool it stands for: `bash` is
 * `execute_command`, a write (`create`, `edit`) is `write_file`, a read is `read_file` (`view`) or
 * `search_files` (`grep`, `glob`).
 */
import type { AdapterToolCall } from '../../types/agent-adapter.js';

// biome-ignore lint/suspicious/noExplicitAny: the SDK's permission request union, read field by field
type Request = any;

/** Copilot's tool names (and permission kinds, when the call is not known) by the MassGen tool they stand for. */
const BUILTIN: Readonly<Record<string, string>> = {
  bash: 'execute_command',
  shell: 'execute_command',
  create: 'write_file',
  edit: 'write_file',
  write: 'write_file',
  view: 'read_file',
  read: 'read_file',
  grep: 'search_files',
  glob: 'search_files',
};

/** The MassGen tools a permission kind may stand for (a read is a file read or a search). */
const KIND_TOOLS: Readonly<Record<string, readonly string[]>> = {
  shell: ['execute_command'],
  write: ['write_file'],
  read: ['read_file', 'search_files'],
};

/** Requests that only touch Copilot's own state. */
const INTERNAL = new Set(['memory', 'store_memory']);

const str = (value: unknown) => (typeof value === 'string' ? value : '');

/** The input of one permission request: what the safety checks judge. */
function requestInput(request: Request): Record<string, unknown> {
  switch (request.kind) {
    case 'shell':
      return { command: str(request.fullCommandText) };
    case 'write':
      return {
        path: str(request.resolvedPath) || str(request.fileName),
        ...(typeof request.newFileContents === 'string' ? { content: request.newFileContents } : {}),
      };
    case 'read':
      return { path: str(request.resolvedPath) || str(request.path) };
    case 'url':
      return { url: str(request.url) };
    case 'mcp':
    case 'custom-tool':
    case 'hook':
      return (request.args ?? request.toolArgs ?? {}) as Record<string, unknown>;
    default:
      return {};
  }
}

/** `mcp__<server>__<tool>` for Copilot's name of an MCP tool (`<server>-<tool>`) of one of `servers`. */
export function mcpToolName(toolName: string, servers: readonly string[]): string | undefined {
  const server = servers.filter((s) => toolName.startsWith(`${s}-`)).sort((a, b) => b.length - a.length)[0];
  return server === undefined ? undefined : `mcp__${server}__${toolName.slice(server.length + 1)}`;
}

/** The tool name of a request: the model's tool (by call id), an MCP tool's `mcp__server__tool`, or the kind. */
function requestToolName(
  request: Request,
  toolNames: ReadonlyMap<string, string>,
  servers: readonly string[],
): string {
  if (request.kind === 'mcp') return `mcp__${str(request.serverName)}__${str(request.toolName)}`;
  // An MCP call asked about by the pre-tool-use hook (see the adapter).
  if (request.kind === 'hook') {
    const mcp = mcpToolName(str(request.toolName), servers);
    if (mcp) return mcp;
  }
  const called = toolNames.get(str(request.toolCallId));
  const kind = str(request.kind);
  // A shell, write or read request keeps the model's tool name only when it stands for the same tool.
  const tools = KIND_TOOLS[kind];
  if (tools) return called && tools.includes(BUILTIN[called] ?? '') ? called : kind;
  if (called) return called;
  return (kind === 'custom-tool' || kind === 'hook') && request.toolName ? str(request.toolName) : kind;
}

/**
 * One permission request as a call for the safety checks. `toolNames`: Copilot's tool names by call
 * id; `servers`: the names of the agent's MCP servers.
 */
export function permissionCall(
  request: Request,
  toolNames: ReadonlyMap<string, string>,
  servers: readonly string[] = [],
): AdapterToolCall {
  return {
    toolCallId: str(request.toolCallId),
    toolName: request.kind === 'memory' ? 'memory' : requestToolName(request, toolNames, servers),
    input: requestInput(request),
  };
}

/** The MassGen tool a Copilot call stands for; `internal`; or undefined (judged by its own name). */
export function copilotBuiltin(
  call: AdapterToolCall,
): { toolName: string; input: unknown } | 'internal' | undefined {
  if (INTERNAL.has(call.toolName)) return 'internal';
  const builtin = BUILTIN[call.toolName];
  return builtin ? { toolName: builtin, input: call.input } : undefined;
}
