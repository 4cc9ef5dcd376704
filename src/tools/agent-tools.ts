/**
 * One agent's tools for one run, from its backend block: provider-native tools, custom tools
 * (loaded now; a broken one is a config error before anything runs) and MCP servers (started by
 * {@link AgentTools.start}, in the background).
 */
import type { JSONObject } from '@ai-sdk/provider';
import type { EventInput } from '../events/types.js';
import { type NativeToolFlags, nativeTools } from '../providers/native-tools.js';
import { checkedCommandToolEntry } from './custom/command-checks.js';
import { type CustomToolContext, moduleToolEntries } from './custom/module-tools.js';
import { type CustomToolConfig, customToolKind } from './custom/tool-config.js';
import type { ElicitationHandler } from './mcp/elicitation.js';
import type { McpServerConfig } from './mcp/server-config.js';
import { type McpOAuthPorts, McpServerConnection } from './mcp/server-connection.js';
import type { StartPool } from './mcp/start-pool.js';
import { ToolRegistry } from './registry.js';
import type { ToolEntry } from './types.js';

/** The backend keys the tool system reads. */
export interface ToolBackendConfig extends NativeToolFlags {
  mcp_servers?: McpServerConfig[];
  custom_tools?: CustomToolConfig[];
  allowed_tools?: string[];
  exclude_tools?: string[];
  /** Claude Code's name for `exclude_tools`. */
  disallowed_tools?: string[];
}

export interface AgentToolsOptions {
  agentId: string;
  backend: ToolBackendConfig;
  /** Key path of the backend block, for messages (e.g. `agents[0].backend`). */
  at: string;
  /** The config file, for messages. */
  file: string;
  /** Folder relative paths resolve against. */
  baseDir: string;
  env: NodeJS.ProcessEnv;
  /** Default per-call limit (`timeout_settings.tool_timeout_seconds`). */
  toolTimeoutMs: number;
  /** First delay between MCP start attempts. */
  retryBaseMs: number;
  /** MCP connect limit; default 30 s. */
  connectTimeoutMs?: number;
  /** Answers MCP elicitation requests; without it they are declined. */
  onElicitation?: ElicitationHandler;
  /** OAuth of remote MCP servers. */
  oauth?: McpOAuthPorts;
  /** The run's pool of MCP connection slots, shared by all its agents. */
  startPool?: StartPool;
}

/** What an agent gets for a run. */
export interface AgentTools {
  registry: ToolRegistry;
  /** Provider options to merge into every call of the agent (Grok's Live Search). */
  providerOptions?: Record<string, JSONObject>;
  /** Starts the MCP servers; their start-up is what the agent's first call waits for. */
  start(emit: (event: EventInput) => void): void;
  close(): Promise<void>;
}

/** Builds an agent's tools. Throws CustomToolError when a custom tool cannot be loaded. */
export async function createAgentTools(options: AgentToolsOptions): Promise<AgentTools> {
  const { backend } = options;
  const native = await nativeTools(backend);
  const registry = new ToolRegistry({
    agentId: options.agentId,
    filter: {
      allowed: backend.allowed_tools,
      exclude: [...(backend.exclude_tools ?? []), ...(backend.disallowed_tools ?? [])],
    },
    nativeToolsExclusive: native.exclusive,
  });
  registry.add(
    Object.entries(native.tools).map(
      ([name, sdkTool]): ToolEntry => ({
        name,
        description: `${backend.type} provider-native tool`,
        inputSchema: { type: 'object' },
        source: 'provider',
        timeoutMs: 0,
        sdkTool,
        origin: `${backend.type} provider`,
      }),
    ),
  );
  for (const [i, entry] of (backend.custom_tools ?? []).entries()) {
    const ctx: CustomToolContext = {
      file: options.file,
      at: `${options.at}.custom_tools[${i}]`,
      baseDir: options.baseDir,
      timeoutMs: options.toolTimeoutMs,
      env: options.env,
    };
    const kind = customToolKind(entry);
    // Python files and MassGen built-ins are skipped (the config loader warned about them).
    if (kind === 'module') registry.add(await moduleToolEntries(entry, ctx));
    else if (kind === 'command') registry.add([await checkedCommandToolEntry(entry, ctx)]);
  }
  const servers = (backend.mcp_servers ?? []).map((config) => ({
    config,
    connection: undefined as McpServerConnection | undefined,
  }));
  const notices: string[] = [];
  if (native.exclusive && Object.keys(native.tools).length > 0) {
    notices.push(
      `${backend.model ?? backend.type} cannot combine ${Object.keys(native.tools).join(' and ')} with function tools in one request; they are sent only in requests without function tools (use a Gemini 3 model to have both).`,
    );
  }
  // The agent's first call waits for its servers, even when it comes before start() is called.
  let opened: () => void = () => {};
  if (servers.length > 0) registry.waitFor(new Promise<void>((resolve) => (opened = resolve)));
  return {
    registry,
    providerOptions: native.providerOptions,
    start(emit) {
      for (const message of notices)
        emit({ type: 'notice', level: 'warning', agentId: options.agentId, message });
      const starts: Array<Promise<void>> = [];
      for (const server of servers) {
        server.connection = new McpServerConnection({
          agentId: options.agentId,
          config: server.config,
          registry,
          emit,
          env: options.env,
          baseDir: options.baseDir,
          toolTimeoutMs: options.toolTimeoutMs,
          retryBaseMs: options.retryBaseMs,
          connectTimeoutMs: options.connectTimeoutMs,
          onElicitation: options.onElicitation,
          oauth: options.oauth,
          startPool: options.startPool,
        });
        starts.push(server.connection.start());
      }
      void Promise.all(starts).then(opened);
    },
    async close() {
      opened();
      await Promise.all(servers.map((s) => s.connection?.close()));
    },
  };
}
