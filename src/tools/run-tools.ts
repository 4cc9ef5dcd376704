/**
 * The tools of every agent of one run: built before the run (custom tool errors stop it there),
 * MCP servers started by the run right after `run-start` (all agents at once, a few servers
 * connecting at a time: see mcp/start-pool.ts) and closed when it ends — also when it is interrupted.
 */
import os from 'node:os';
import path from 'node:path';
import type { ToolSet } from 'ai';
import type { MassGenConfig } from '../config/schema.js';
import type { GenerationRoutingConfig } from '../config/schema-generation.js';
import { DEFAULT_TOOL_TIMEOUT_SECONDS } from '../config/schema-orchestrator.js';
import type { PermissionsConfig } from '../config/schema-permissions.js';
import { createRedactor } from '../events/redaction.js';
import type { EventInput } from '../events/types.js';
import { generateMediaToolEntry } from '../media/generate-media-tool.js';
import { type CredentialBackend, credentialFinder } from '../media/generation-route.js';
import {
  type GenerationBackendConfig,
  generationNotices,
  generationToolEntries,
} from '../media/generation-tools.js';
import { readMediaToolEntry } from '../media/read-media-tool.js';
import { resolveApiKey } from '../providers/api-key.js';
import { resolveBaseUrl } from '../providers/base-url.js';
import { mergeProviderOptions } from '../providers/native-tools.js';
import { agentApprovalPort } from '../safety/approval/agent-port.js';
import { type HardlineCheck, SafetyEngine } from '../safety/engine.js';
import { type AgentPolicy, agentPolicy } from '../safety/policy/agent-policy.js';
import type { RiskPaths } from '../safety/risk/builtin-risk.js';
import { hardlineReason } from '../safety/risk/hardline.js';
import type { RiskJudge } from '../safety/risk/judge.js';
import { createRunRisk } from '../safety/risk/run-risk.js';
import type { AgentRuntime } from '../types/agent-runtime.js';
import type { ApprovalPort, AuditSink } from '../types/safety.js';
import type { WorkspaceHooks } from '../types/workspace-hooks.js';
import { RunWorkspaces, type WorkspaceBackendConfig } from '../workspace/run-workspaces.js';
import { adapterGate } from './adapter-gate.js';
import { type AgentTools, createAgentTools, type ToolBackendConfig } from './agent-tools.js';
import { injectedToolEntries } from './injected-tools.js';
import type { ElicitationHandler } from './mcp/elicitation.js';
import { type AuthorizationUrlHandler, defaultAuthorizationUrlHandler } from './mcp/oauth-browser.js';
import { StartPool, startConcurrency } from './mcp/start-pool.js';
import type { BeforeCallHook } from './types.js';
import { backendHasTools } from './uses-tools.js';

export interface RunToolsOptions {
  env: NodeJS.ProcessEnv;
  /** The config file; relative tool paths resolve against its folder (default: the working directory). */
  configPath?: string;
  /** First delay between MCP start attempts. */
  retryBaseMs: number;
  /** Answers MCP elicitation requests; without it they are declined. */
  onElicitation?: ElicitationHandler;
  /** Shows an MCP OAuth authorization URL; default: stderr and the browser. */
  onAuthorizationUrl?: AuthorizationUrlHandler;
  /** Home folder: MCP OAuth tokens go to `<home>/.massgen/mcp-auth/`; default `os.homedir()`. */
  homeDir?: string;
  /** The working directory: workspaces, and tool paths of a config without a file; default `process.cwd()`. */
  cwd?: string;
  /** Tools given by the caller, per agent id (AI SDK tool sets), added as custom tools. */
  injected?: Readonly<Record<string, ToolSet>>;
  /** Where every tool call's audit record goes (the run's ledgers); absent: calls are not audited. */
  audit?: AuditSink;
  /** How tool calls are judged (src/safety); `false`: they are not. Default: judged, no human to ask. */
  safety?: SafetySetup | false;
}

/** What the safety checks of a run use. */
export interface SafetySetup {
  /** Decides calls the policy asks about; absent: each agent's `automation_default`. */
  approve?: ApprovalPort;
  /** Judges each call's risk; default: the config's declarations, trusted annotations, built-in tools, the classifier (see safety/risk/). */
  judge?: RiskJudge;
  /** The hardline floor; default: safety/risk/hardline.ts. */
  hardline?: HardlineCheck;
  /**
   * The approval folder of every agent (the file handshake), instead of each agent's
   * `permissions.approval_dir`; it answers their `ask` calls before `approve` does.
   */
  approvalDir?: string;
}

/** The tools of a run. */
export interface RunTools {
  /**
   * Starts the MCP servers of every agent and reports tool notices; the run calls it right after
   * `run-start` (its `onStarted` hook). Once: later calls do nothing.
   */
  start(emit: (event: EventInput) => void): void;
  /** Closes every MCP server (ends their processes) and waits for the workspace copies under way. */
  close(): Promise<void>;
  /** The run's agent workspaces, when some agent's backend has `cwd`. */
  workspaces?: WorkspaceHooks;
  /**
   * Names the run (its id and turn) in the ids of its approval requests, unique across runs that
   * share an approval folder. Called before the run starts.
   */
  bindRun(runKey: string): void;
}

type SafetyBackend = ToolBackendConfig & { permissions?: boolean | PermissionsConfig };

/**
 * Gives each agent of the run its tools (`agent.tools`, provider options merged into its settings).
 * Throws a ConfigError when a custom tool cannot be loaded.
 */
export async function prepareRunTools(
  config: MassGenConfig,
  agents: AgentRuntime[],
  options: RunToolsOptions,
): Promise<RunTools> {
  const file = options.configPath ?? 'config';
  const cwd = options.cwd ?? process.cwd();
  const baseDir = options.configPath ? path.dirname(path.resolve(cwd, options.configPath)) : cwd;
  const injected = options.injected ?? {};
  const toolTimeoutMs = (config.timeout_settings.tool_timeout_seconds ?? DEFAULT_TOOL_TIMEOUT_SECONDS) * 1000;
  const groupChat = config.orchestrator.mode === 'group_chat';
  const skipped: string[] = [];
  const built: AgentTools[] = [];
  const notices: string[] = [];
  /** Warnings about one agent (tools it asked for and cannot have). */
  const agentNotices: Array<{ agentId: string; message: string }> = [];
  let workspaces: RunWorkspaces | undefined;
  // Workspaces (src/workspace): relative to the working directory, as in MassGen's CLI.
  const runWorkspaces = () =>
    (workspaces ??= new RunWorkspaces({
      base: cwd,
      orchestrator: config.orchestrator,
      env: options.env,
      toolTimeoutMs,
      homeDir: options.homeDir,
      offLimits: setup ? approvalDirs.all : [],
    }));
  let startPool: StartPool | undefined;
  // `generate_media` may use the key and base URL of any agent's backend of the provider it routes to.
  const runBackends = config.agents.map((a) => a.backend as CredentialBackend);
  const multimodal = (backend: object) =>
    ((backend as { enable_multimodal_tools?: boolean }).enable_multimodal_tools ??
      config.orchestrator.enable_multimodal_tools) === true;
  const setup = options.safety === false ? undefined : (options.safety ?? {});
  // The approval folders report through the run's events, from the start of the run on.
  let report: (event: EventInput) => void = () => {};
  const reportLate = (event: EventInput) => report(event);
  const engine = setup
    ? new SafetyEngine({
        approve: setup.approve,
        audit: options.audit,
        redactor: createRedactor({ env: options.env, config }),
      })
    : undefined;
  // The agents' approval folders: no agent's tool may write a decision there.
  const approvalDirs = approvalFolders(config, setup ? setup.approvalDir : undefined, cwd);
  // The classifier (a missing key is a ConfigError here) and the verdict cache, shared by the agents.
  const runRisk =
    setup && !setup.judge
      ? await createRunRisk(config, { env: options.env, homeDir: options.homeDir })
      : undefined;
  for (const [index, agentConfig] of config.agents.entries()) {
    const backend = agentConfig.backend as SafetyBackend;
    const agent = agents[index];
    if (!agent || (!backendHasTools(backend) && !injected[agent.id] && !agent.adapter)) continue;
    if (groupChat || agentConfig.group_chat || agentConfig.nested_chat) {
      skipped.push(agent.id);
      continue;
    }
    const at = `agents[${index}].backend`;
    if (agent.adapter) {
      // An external agent has its own tools (and MCP servers): it gets a workspace and the gate.
      const policy = engine
        ? agentPolicy(backend.permissions, { cwd, homeDir: options.homeDir, configFile: file, at })
        : undefined;
      const hooks: BeforeCallHook[] = [];
      let paths: RiskPaths | undefined;
      const wsBackend = backend as WorkspaceBackendConfig;
      if (wsBackend.cwd) {
        const ws = runWorkspaces().addAgent(
          agent.id,
          agent.label,
          { ...wsBackend, enable_mcp_command_line: false },
          at,
        );
        agent.workspace = ws.policy.workspace;
        paths = {
          workspace: ws.policy.workspace,
          contextPaths: ws.policy.contextPaths.map((c) => ({ path: c.path, permission: c.permission })),
        };
        hooks.push(ws.hook);
      }
      if (engine && setup && policy?.enabled) {
        const workspace = paths?.workspace;
        const home = options.homeDir ?? os.homedir();
        hooks.push(
          engine.hook(agent.id, {
            policy,
            judge: setup.judge ?? runRisk!.judgeFor(index, paths),
            hardline: setup.hardline ?? ((name, input) => hardlineReason(name, input, { workspace, home })),
            resolvePath: workspace ? (p) => path.resolve(workspace, p) : undefined,
            approve: agentApprovalPort(policy, approvalDirs.runDir, { file, at }, reportLate),
          }),
        );
      }
      if (hooks.length > 0) agent.adapterGate = adapterGate(agent.id, agent.adapter, hooks, toolTimeoutMs);
      continue;
    }
    if (backend.mcp_servers?.length) startPool ??= new StartPool(startConcurrency(options.env));
    const tools = await createAgentTools({
      startPool,
      agentId: agent.id,
      backend,
      at: `agents[${index}].backend`,
      file,
      baseDir,
      env: options.env,
      toolTimeoutMs,
      retryBaseMs: options.retryBaseMs,
      onElicitation: options.onElicitation,
      oauth: {
        massgenDir: path.join(options.homeDir ?? os.homedir(), '.massgen'),
        openUrl: options.onAuthorizationUrl ?? defaultAuthorizationUrlHandler(options.env),
      },
    });
    agent.tools = tools.registry;
    const given = injected[agent.id];
    if (given) tools.registry.add(await injectedToolEntries(agent.id, given, toolTimeoutMs));
    const policy: AgentPolicy | undefined = engine
      ? agentPolicy(backend.permissions, { cwd, homeDir: options.homeDir, configFile: file, at })
      : undefined;
    const wsBackend = backend as WorkspaceBackendConfig;
    let paths: RiskPaths | undefined;
    if (wsBackend.cwd || wsBackend.enable_mcp_command_line) {
      const ws = runWorkspaces().addAgent(agent.id, agent.label, wsBackend, at, {
        network: policy?.enabled === true && policy.allowNetwork,
        readOnlyWorkspace: policy?.enabled === true && policy.readOnly,
      });
      paths = {
        workspace: ws.policy.workspace,
        contextPaths: ws.policy.contextPaths.map((c) => ({ path: c.path, permission: c.permission })),
      };
      tools.registry.add(ws.entries);
      tools.registry.add(generationTools(agent.id, backend, options.env, ws.policy.workspace, toolTimeoutMs));
      if (multimodal(backend)) {
        tools.registry.add([
          readMediaToolEntry({ policy: ws.policy, backendType: agent.backendType, timeoutMs: toolTimeoutMs }),
          generateMediaToolEntry({
            workspace: ws.policy.workspace,
            ownType: (backend as CredentialBackend).type,
            levels: [backend as GenerationRoutingConfig, config.orchestrator],
            credentials: credentialFinder(backend as CredentialBackend, runBackends, options.env),
            env: options.env,
            timeoutMs: toolTimeoutMs,
          }),
        ]);
      }
      tools.registry.addBeforeCall(ws.hook);
      notices.push(...ws.notices);
      agent.systemMessage = agent.systemMessage?.trim()
        ? `${agent.systemMessage}\n\n${ws.prompt}`
        : ws.prompt;
    }
    for (const message of generationNotices(
      agent.id,
      backend as GenerationBackendConfig,
      paths !== undefined,
    ))
      agentNotices.push({ agentId: agent.id, message });
    if ((backend as { enable_multimodal_tools?: boolean }).enable_multimodal_tools && !paths) {
      agentNotices.push({
        agentId: agent.id,
        message: `${agent.id}: enable_multimodal_tools gives read_media and generate_media for the files of the agent's workspace: set backend.cwd; the agent runs without them`,
      });
    }
    // After the workspace's path check: only calls it lets through are judged.
    if (engine && setup && policy?.enabled) {
      const workspace = paths?.workspace;
      const home = options.homeDir ?? os.homedir();
      tools.registry.addBeforeCall(
        engine.hook(agent.id, {
          policy,
          judge: setup.judge ?? runRisk!.judgeFor(index, paths),
          hardline: setup.hardline ?? ((name, input) => hardlineReason(name, input, { workspace, home })),
          resolvePath: workspace ? (p) => path.resolve(workspace, p) : undefined,
          approve: agentApprovalPort(policy, approvalDirs.runDir, { file, at }, reportLate),
        }),
      );
    }
    agent.settings = {
      ...agent.settings,
      providerOptions: mergeProviderOptions(agent.settings.providerOptions, tools.providerOptions),
    };
    built.push(tools);
  }
  let started = false;
  const runTools: RunTools = {
    workspaces,
    bindRun(runKey) {
      engine?.bindRun(runKey);
    },
    start(emit) {
      if (started) return;
      started = true;
      report = emit;
      if (skipped.length > 0) {
        emit({
          type: 'notice',
          level: 'warning',
          message: `not supported yet: tools of group-chat and nested-chat agents (${skipped.join(', ')}) — they run without them`,
        });
      }
      for (const message of notices) emit({ type: 'notice', level: 'warning', message, security: true });
      for (const { agentId, message } of agentNotices)
        emit({ type: 'notice', level: 'warning', agentId, message });
      workspaces?.reportTo((message, agentId) =>
        emit({ type: 'notice', level: 'warning', agentId, message }),
      );
      for (const tools of built) tools.start(emit);
    },
    async close() {
      // Snapshot copies still under way finish before the run is over.
      await Promise.all([...built.map((t) => t.close()), workspaces?.idle()]);
    },
  };
  return runTools;
}

/** The generation tools an agent's backend asks for, on its own provider's key and base URL. */
function generationTools(
  agentId: string,
  backend: SafetyBackend,
  env: NodeJS.ProcessEnv,
  workspace: string,
  timeoutMs: number,
) {
  const b = backend as GenerationBackendConfig;
  if (!b.enable_image_generation && !b.enable_audio_generation && !b.enable_video_generation) return [];
  return generationToolEntries(
    b,
    workspace,
    { apiKey: resolveApiKey(agentId, b, env), baseURL: resolveBaseUrl(b, env).url },
    timeoutMs,
    env,
  );
}

/**
 * The run's approval folder (resolved against the working directory) and every approval folder of
 * the run: the run's, else each agent's `permissions.approval_dir`.
 */
function approvalFolders(
  config: MassGenConfig,
  runDir: string | undefined,
  cwd: string,
): { runDir?: string; all: string[] } {
  if (runDir) {
    const dir = path.resolve(cwd, runDir);
    return { runDir: dir, all: [dir] };
  }
  const dirs = config.agents.flatMap((a) => {
    const permissions = (a.backend as SafetyBackend).permissions;
    return typeof permissions === 'object' && permissions.approval_dir
      ? [path.resolve(cwd, permissions.approval_dir)]
      : [];
  });
  return { all: [...new Set(dirs)] };
}
