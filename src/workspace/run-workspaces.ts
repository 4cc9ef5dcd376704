/**
 * The workspaces of one run: a fresh folder per agent with a backend `cwd`, its file tools (and
 * `execute_command`), the permission hook, the text that tells the agent where everything is, and
 * the snapshots taken when its answers are accepted (see {@link WorkspaceHooks}). Snapshots are
 * copied in the background; every workspace tool waits until the copies under way are done, so no
 * agent changes a workspace being copied or reads a peer's view half-made.
 */
import { mkdirSync, rmSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { errorText } from '../error-text.js';
import { commandEnv } from '../tools/command-env.js';
import type { BeforeCallHook, ToolEntry } from '../tools/types.js';
import type { WorkspaceHooks } from '../types/workspace-hooks.js';
import { commandToolEntry } from './command-tool.js';
import { WorkspaceConfigError } from './errors.js';
import { fileToolEntries, workspacePermissionHook } from './file-tools.js';
import { type ContextPathConfig, relocate, resolveContextPaths, workspaceFolder } from './layout.js';
import { canonicalPath, type PathPolicy } from './permissions.js';
import { bwrapStatus, envFilesUnder, type SandboxMounts } from './sandbox.js';
import { isEmptyDir, queueOn, swapInCopy } from './snapshots.js';
import { formatBytes, measureTree, type TreeLimits, type TreeSize, treeLimits } from './tree-copy.js';
import { workspacePrompt } from './workspace-prompt.js';

/** The backend keys workspaces read. */
export interface WorkspaceBackendConfig {
  cwd?: string;
  context_paths?: ContextPathConfig[];
  enable_mcp_command_line?: boolean;
  command_line_allowed_commands?: string[];
  command_line_blocked_commands?: string[];
  /** Variables of MassGen's environment `execute_command` also gets. */
  command_line_pass_env_vars?: string[];
}

/** What the agent's safety policy changes in its command sandbox. */
export interface SandboxPolicy {
  /** Commands may reach the network (`permissions.allow_network`). */
  network?: boolean;
  /** The workspace is bound read-only too (a `read-only` role). */
  readOnlyWorkspace?: boolean;
}

/** The orchestrator keys workspaces read. */
export interface WorkspaceOrchestratorConfig {
  snapshot_storage?: string;
  agent_temporary_workspace?: string;
  context_paths?: ContextPathConfig[];
  /** Largest workspace snapshotted with an answer (apparent bytes); default 1 GiB. */
  max_workspace_bytes?: number;
}

export interface RunWorkspacesOptions {
  /** Folder `.massgen/` goes into and context paths resolve against (the process's working directory). */
  base: string;
  orchestrator: WorkspaceOrchestratorConfig;
  env: NodeJS.ProcessEnv;
  /** Limit of one file-tool call, and the default limit of a command. */
  toolTimeoutMs: number;
  /** The user's home folder (its `.massgen/` is off limits); default `os.homedir()`. */
  homeDir?: string;
  /**
   * More folders off limits like `.massgen/` (the run's approval folders: an agent must not write
   * its own approvals).
   */
  offLimits?: readonly string[];
}

/** What one agent gets. */
export interface AgentWorkspace {
  agentId: string;
  label: string;
  workspace: string;
  /** The path rules of its tools (workspace, context paths, peers' snapshots). */
  policy: PathPolicy;
  entries: ToolEntry[];
  hook: BeforeCallHook;
  /** Added to the agent's system message. */
  prompt: string;
  /** Warnings for the start of the run. */
  notices: string[];
}

/** Tools that change the workspace: its size is measured again after each. */
const CHANGING = new Set(['write_file', 'edit_file', 'execute_command']);

export class RunWorkspaces implements WorkspaceHooks {
  readonly snapshotRoot: string;
  /** The shared read-only views of peers' latest snapshots, `<peerRoot>/<label>/`. */
  readonly peerRoot: string;
  readonly limits: TreeLimits;
  private readonly options: RunWorkspacesOptions;
  private readonly agents = new Map<string, AgentWorkspace>();
  /** MassGen's own folders (canonical): off limits to file tools, masked in the sandbox. */
  private readonly hidden: string[];
  private readonly sizes = new Map<string, TreeSize>();
  private readonly copying = new Set<Promise<void>>();
  private report: ((message: string, agentId: string) => void) | undefined;
  private presenter: string | undefined;

  constructor(options: RunWorkspacesOptions) {
    this.options = options;
    const { base, orchestrator } = options;
    this.snapshotRoot = relocate(base, orchestrator.snapshot_storage ?? 'snapshots');
    this.peerRoot = relocate(base, orchestrator.agent_temporary_workspace ?? 'temp_workspaces');
    this.limits = treeLimits(orchestrator.max_workspace_bytes);
    mkdirSync(this.snapshotRoot, { recursive: true });
    mkdirSync(this.peerRoot, { recursive: true });
    const home = options.homeDir ?? os.homedir();
    this.hidden = [
      path.join(base, '.massgen'),
      path.join(home, '.massgen'),
      ...(options.offLimits ?? []),
    ].map((p) => canonicalPath(p, base));
  }

  /** Where failures of background snapshot copies are reported (the run's notices). */
  reportTo(report: (message: string, agentId: string) => void): void {
    this.report = report;
  }

  /**
   * Creates the workspace of an agent whose backend has `cwd` (and clears its previous snapshots).
   * Throws WorkspaceConfigError for a context path that does not exist or a variable to pass that
   * is not set.
   */
  addAgent(
    agentId: string,
    label: string,
    backend: WorkspaceBackendConfig,
    at: string,
    sandboxPolicy: SandboxPolicy = {},
  ): AgentWorkspace {
    const { base, orchestrator } = this.options;
    const contextPaths = resolveContextPaths(
      base,
      orchestrator.context_paths ?? [],
      backend.context_paths ?? [],
      at,
    );
    const folder = workspaceFolder(base, backend.cwd ?? agentId);
    mkdirSync(folder, { recursive: true });
    rmSync(path.join(this.snapshotRoot, agentId), { recursive: true, force: true });
    rmSync(path.join(this.peerRoot, label), { recursive: true, force: true });
    const policy: PathPolicy = {
      workspace: canonicalPath(folder, base),
      peerRoot: canonicalPath(this.peerRoot, base),
      contextPaths,
      hidden: this.hidden,
      presenting: () => this.presenter === agentId,
    };
    const entries = fileToolEntries(policy, this.options.toolTimeoutMs);
    const notices: string[] = [];
    let sandboxed = false;
    if (backend.enable_mcp_command_line === true) {
      const status = bwrapStatus();
      sandboxed = status.available;
      if (!sandboxed) {
        notices.push(
          `${agentId}: execute_command runs commands WITHOUT a sandbox (${status.why}); install bubblewrap to confine them to the workspace`,
        );
      }
      entries.push(
        commandToolEntry({
          workspace: policy.workspace,
          lists: {
            allowed: backend.command_line_allowed_commands,
            blocked: backend.command_line_blocked_commands,
          },
          sandbox: sandboxed ? { ...this.sandboxMounts(policy), ...sandboxPolicy } : undefined,
          defaultTimeoutSeconds: Math.max(1, Math.round(this.options.toolTimeoutMs / 1000)),
          env: this.commandEnvironment(policy.workspace, backend.command_line_pass_env_vars ?? [], at),
        }),
      );
    }
    const agent: AgentWorkspace = {
      agentId,
      label,
      workspace: policy.workspace,
      policy,
      entries: entries.map((e) => this.guarded(agentId, policy.workspace, e)),
      hook: workspacePermissionHook(policy),
      prompt: workspacePrompt(policy, entries, sandboxed, this.limits.maxBytes),
      notices,
    };
    this.agents.set(agentId, agent);
    return agent;
  }

  answerRefusal(agentId: string): string | undefined {
    const size = this.sizes.get(agentId);
    const workspace = this.agents.get(agentId)?.workspace;
    if (!size?.over || !workspace) return undefined;
    const what =
      size.over === 'bytes'
        ? `more than ${formatBytes(this.limits.maxBytes)} of files (orchestrator.max_workspace_bytes)`
        : `more than ${this.limits.maxEntries} files and folders`;
    return `Your answer was not recorded: your workspace ${workspace} holds ${what}, too much to snapshot and share with the other agents. Delete what the answer does not need from your workspace, then call new_answer again.`;
  }

  onAnswer(agentId: string): string | undefined {
    const agent = this.agents.get(agentId);
    if (!agent || isEmptyDir(agent.workspace)) return undefined;
    const snapshot = path.join(this.snapshotRoot, agentId);
    const view = path.join(this.peerRoot, agent.label);
    const copy = queueOn(snapshot, async () => {
      try {
        await swapInCopy(agent.workspace, snapshot, { limits: this.limits });
        // One shared view per snapshot, sharing its files: every peer reads the same folder.
        await swapInCopy(snapshot, view, { link: true, limits: this.limits });
      } catch (error) {
        await rm(view, { recursive: true, force: true });
        this.report?.(`Could not snapshot the workspace of ${agentId}: ${errorText(error)}`, agentId);
      }
    });
    this.copying.add(copy);
    void copy.finally(() => this.copying.delete(copy));
    return snapshot;
  }

  setPresenter(agentId: string | undefined): void {
    this.presenter = agentId;
  }

  workspaceOf(agentId: string): string | undefined {
    return this.agents.get(agentId)?.workspace;
  }

  /** Resolves once no snapshot copy is under way. */
  async idle(): Promise<void> {
    while (this.copying.size > 0) await Promise.allSettled([...this.copying]);
  }

  /** A workspace tool that waits for the copies under way and keeps the workspace's size known. */
  private guarded(agentId: string, workspace: string, entry: ToolEntry): ToolEntry {
    const run = entry.execute!;
    return {
      ...entry,
      execute: async (input, context) => {
        await this.idle();
        try {
          return await run(input, context);
        } finally {
          if (CHANGING.has(entry.name)) {
            const size = await measureTree(workspace, this.limits).catch(() => undefined);
            if (size) this.sizes.set(agentId, size);
          }
        }
      },
    };
  }

  /** What a sandboxed command of the agent sees. */
  private sandboxMounts(policy: PathPolicy): SandboxMounts {
    const contextFolders = policy.contextPaths.map((c) => c.path);
    return {
      workspace: policy.workspace,
      readOnly: [...contextFolders, policy.peerRoot],
      hidden: this.hidden,
      maskedFiles: envFilesUnder(contextFolders),
      home: canonicalPath(this.options.homeDir ?? os.homedir(), this.options.base),
      pathVariable: this.options.env.PATH,
    };
  }

  /** The environment of the agent's commands: the minimal one, HOME its workspace, and the passed variables. */
  private commandEnvironment(
    workspace: string,
    names: readonly string[],
    at: string,
  ): Record<string, string> {
    const env = this.options.env;
    const missing = names.filter((name) => !env[name]);
    if (missing.length > 0) {
      throw new WorkspaceConfigError(
        `${at}.command_line_pass_env_vars: ${missing.join(', ')} ${missing.length > 1 ? 'are' : 'is'} not set; set ${missing.length > 1 ? 'them' : 'it'} in the environment, ./.env or ~/.massgen/.env, or remove ${missing.length > 1 ? 'them' : 'it'} from the list`,
      );
    }
    const extra = Object.fromEntries(names.map((name) => [name, env[name]!]));
    return commandEnv({ from: env, home: workspace, extra });
  }
}
