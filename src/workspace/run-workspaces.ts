/**
 * The workspaces of one run: a fresh folder per agent with a backend `cwd`, its file tools (and
 * `execute_command`), the permission hook, the text that tells the agent where everything is, and
 * the snapshots taken when its answers are accepted (see {@link WorkspaceHooks}).
 */
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { BeforeCallHook, ToolEntry } from '../tools/types.js';
import type { WorkspaceHooks } from '../types/workspace-hooks.js';
import { commandToolEntry } from './command-tool.js';
import { fileToolEntries, workspacePermissionHook } from './file-tools.js';
import { type ContextPathConfig, relocate, resolveContextPaths, workspaceFolder } from './layout.js';
import { canonicalPath, type PathPolicy } from './permissions.js';
import { bwrapStatus } from './sandbox.js';
import { isEmptyDir, replaceWithCopy, swapInCopy } from './snapshots.js';

/** The backend keys workspaces read. */
export interface WorkspaceBackendConfig {
  cwd?: string;
  context_paths?: ContextPathConfig[];
  enable_mcp_command_line?: boolean;
  command_line_allowed_commands?: string[];
  command_line_blocked_commands?: string[];
}

/** The orchestrator keys workspaces read. */
export interface WorkspaceOrchestratorConfig {
  snapshot_storage?: string;
  agent_temporary_workspace?: string;
  context_paths?: ContextPathConfig[];
}

export interface RunWorkspacesOptions {
  /** Folder `.massgen/` goes into and context paths resolve against (the process's working directory). */
  base: string;
  orchestrator: WorkspaceOrchestratorConfig;
  env: NodeJS.ProcessEnv;
  /** Limit of one file-tool call, and the default limit of a command. */
  toolTimeoutMs: number;
}

/** What one agent gets. */
export interface AgentWorkspace {
  agentId: string;
  label: string;
  workspace: string;
  entries: ToolEntry[];
  hook: BeforeCallHook;
  /** Added to the agent's system message. */
  prompt: string;
  /** Warnings for the start of the run. */
  notices: string[];
}

export class RunWorkspaces implements WorkspaceHooks {
  readonly snapshotRoot: string;
  /** The shared read-only views of peers' latest snapshots, `<peerRoot>/<label>/`. */
  readonly peerRoot: string;
  private readonly options: RunWorkspacesOptions;
  private readonly agents = new Map<string, AgentWorkspace>();
  private presenter: string | undefined;

  constructor(options: RunWorkspacesOptions) {
    this.options = options;
    const { base, orchestrator } = options;
    this.snapshotRoot = relocate(base, orchestrator.snapshot_storage ?? 'snapshots');
    this.peerRoot = relocate(base, orchestrator.agent_temporary_workspace ?? 'temp_workspaces');
    mkdirSync(this.snapshotRoot, { recursive: true });
    mkdirSync(this.peerRoot, { recursive: true });
  }

  /**
   * Creates the workspace of an agent whose backend has `cwd` (and clears its previous snapshots).
   * Throws WorkspaceConfigError for a context path that does not exist.
   */
  addAgent(agentId: string, label: string, backend: WorkspaceBackendConfig, at: string): AgentWorkspace {
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
          sandboxed,
          defaultTimeoutSeconds: Math.max(1, Math.round(this.options.toolTimeoutMs / 1000)),
          env: this.options.env,
        }),
      );
    }
    const agent: AgentWorkspace = {
      agentId,
      label,
      workspace: policy.workspace,
      entries,
      hook: workspacePermissionHook(policy),
      prompt: workspacePrompt(policy, entries, sandboxed),
      notices,
    };
    this.agents.set(agentId, agent);
    return agent;
  }

  onAnswer(agentId: string): string | undefined {
    const agent = this.agents.get(agentId);
    if (!agent || isEmptyDir(agent.workspace)) return undefined;
    const snapshot = path.join(this.snapshotRoot, agentId);
    replaceWithCopy(agent.workspace, snapshot);
    // One shared copy per snapshot: every peer reads the same folder.
    swapInCopy(agent.workspace, path.join(this.peerRoot, agent.label));
    return snapshot;
  }

  setPresenter(agentId: string | undefined): void {
    this.presenter = agentId;
  }

  workspaceOf(agentId: string): string | undefined {
    return this.agents.get(agentId)?.workspace;
  }
}

/** Tells the agent its workspace, where peers' files are and what the context paths allow. */
function workspacePrompt(policy: PathPolicy, entries: readonly ToolEntry[], sandboxed: boolean): string {
  const tools = entries.map((e) => e.name).join(', ');
  const lines = [
    '## Workspace',
    `Your workspace is ${policy.workspace}: create and edit your files there with your file tools (${tools}). Relative paths resolve against it.`,
    'When your answer is accepted, your workspace is snapshotted and shared with the other agents.',
    `The files of the other agents' latest answers are in ${policy.peerRoot}/<label>/, where <label> is the agent label of their answers (agent1, agent2, …). They are read-only: copy what you need into your workspace.`,
  ];
  if (entries.some((e) => e.name === 'execute_command')) {
    lines.push(
      sandboxed
        ? 'execute_command runs in your workspace, sandboxed: only the workspace is writable and there is no network.'
        : 'execute_command runs in your workspace WITHOUT a sandbox.',
    );
  }
  for (const c of policy.contextPaths) {
    const rule =
      c.permission === 'write'
        ? 'read-only while answering; writable if you present the final answer'
        : 'read-only';
    const prot = c.protectedPaths.length > 0 ? `; never writable: ${c.protectedPaths.join(', ')}` : '';
    lines.push(`Context path ${c.path}: ${rule}${prot}.`);
  }
  lines.push('Any other path is off limits.');
  return lines.join('\n');
}
