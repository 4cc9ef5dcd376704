/**
 * The `codex` adapter: each turn is one Codex SDK thread run (`runStreamed`), which spawns the bundled
 * `codex` binary in the agent's workspace. The workflow tools reach it as a loopback MCP server
 * (`massgen`, see ../workflow-mcp-server.ts) whose tools need no approval. Once a decision is accepted
 * the process is ended before the tool's result reaches it, so no model call follows the decision;
 * the usage of its calls is read from the thread's rollout file (see rollout-usage.ts).
 *
 * The Codex SDK has no per-call permission hook, but the Codex CLI has `PreToolUse` hooks: when the
 * run checks the agent's tool calls (a safety policy, workspace rules), each turn installs one that
 * asks the run's checks before every shell command, patch and MCP tool call (see pre-tool-hook.ts).
 * Codex's own sandbox (`workspace-write` in the workspace) bounds what an allowed call can do.
 * The child gets a small environment (PATH, HOME, locale), the key as `CODEX_API_KEY`, and a private
 * `CODEX_HOME` (no user config is read).
 */

import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { resolveApiKey } from '../../providers/api-key.js';
import type {
  AdapterFactory,
  AdapterToolCall,
  AdapterTurn,
  AdapterTurnResult,
  AgentAdapter,
} from '../../types/agent-adapter.js';
import { passedEnv, ScratchDir } from '../cli-agent-home.js';
import { AdapterError } from '../errors.js';
import { startWorkflowMcpServer } from '../workflow-mcp-server.js';
import { codexBinary } from './binary.js';
import { CodexEventReader } from './events.js';
import { type PreToolHook, startPreToolHook } from './pre-tool-hook.js';
import { rolloutUsage } from './rollout-usage.js';
import { type CodexBackend, codexConfig } from './settings.js';

/** How long one check of a Codex tool call may take (a person's approval included). */
const HOOK_TIMEOUT_SECONDS = 600;

class CodexAdapter implements AgentAdapter {
  readonly type = 'codex';
  private readonly backend: CodexBackend;
  private readonly apiKey: string;
  private readonly env: NodeJS.ProcessEnv;
  private readonly scratch: ScratchDir;

  constructor(agentId: string, backend: CodexBackend, apiKey: string, env: NodeJS.ProcessEnv) {
    this.scratch = new ScratchDir(`massgen-codex-${agentId}`);
    this.backend = backend;
    this.apiKey = apiKey;
    this.env = env;
  }

  private childEnv(): Record<string, string> {
    const env = passedEnv(this.env);
    return { ...env, CODEX_HOME: path.join(this.scratch.path, 'home') };
  }

  async run(turn: AdapterTurn): Promise<AdapterTurnResult> {
    const { Codex } = await import('@openai/codex-sdk');
    if (turn.signal.aborted) throw turn.signal.reason;
    const stop = new AbortController();
    const onAbort = () => stop.abort();
    turn.signal.addEventListener('abort', onAbort, { once: true });
    let decided = false;
    // A decision ends the process before its result is written back: no model call follows it.
    const tools = turn.tools.map((t) => ({
      ...t,
      execute: async (args: Record<string, unknown>) => {
        const result = await t.execute(args);
        if (result.final) {
          decided = true;
          stop.abort();
        }
        return result;
      },
    }));
    const server = tools.length > 0 ? await startWorkflowMcpServer(tools) : undefined;
    const env = this.childEnv();
    mkdirSync(env.CODEX_HOME as string, { recursive: true });
    const hook = await this.preToolHook(turn, env);
    const codex = new Codex({
      apiKey: this.apiKey,
      env,
      config: {
        ...codexConfig(this.backend, this.env, turn.system, server?.url),
        ...(hook ? { hooks: hook.config } : {}),
      },
      ...(hook ? { codexPathOverride: hook.launcher } : {}),
    });
    const workspace = turn.workspace ?? this.scratch.path;
    const thread = codex.startThread({
      workingDirectory: workspace,
      skipGitRepoCheck: true,
      model: this.backend.model,
      sandboxMode: 'workspace-write',
      approvalPolicy: 'never',
      networkAccessEnabled: false,
    });
    const reader = new CodexEventReader(turn.events);
    try {
      const { events } = await thread.runStreamed(turn.prompt, { signal: stop.signal });
      for await (const event of events) reader.read(event);
    } catch (error) {
      if (turn.signal.aborted) throw turn.signal.reason;
      if (!decided) {
        throw new AdapterError(
          this.type,
          `Codex stopped: ${error instanceof Error ? error.message : String(error)}`,
          { cause: error },
        );
      }
    } finally {
      turn.signal.removeEventListener('abort', onAbort);
      await server?.close();
      await hook?.close();
      this.reportUsage(turn, env.CODEX_HOME as string, thread.id, reader);
    }
    if (turn.signal.aborted) throw turn.signal.reason;
    if (decided) return { text: reader.text() };
    const failure = reader.failure();
    if (failure) throw new AdapterError(this.type, failure);
    return { text: reader.text() };
  }

  /**
   * The `PreToolUse` hook checking the turn's own tool calls, when the turn checks them; puts the
   * binary's own folders before `env.PATH` (the launcher takes the SDK's place in finding them).
   */
  private async preToolHook(
    turn: AdapterTurn,
    env: Record<string, string>,
  ): Promise<PreToolHook | undefined> {
    const { checkTool } = turn;
    if (!checkTool) return undefined;
    const binary = codexBinary();
    if (!binary) {
      turn.events.warning(
        "the Codex CLI binary was not found where the Codex SDK installs it: Codex's own tool calls are not checked by the safety policy",
      );
      return undefined;
    }
    if (binary.pathDirs.length > 0)
      env.PATH = [...binary.pathDirs, env.PATH ?? ''].filter(Boolean).join(path.delimiter);
    return startPreToolHook(
      { ...turn, checkTool },
      this.scratch.path,
      binary.executable,
      HOOK_TIMEOUT_SECONDS,
    );
  }

  /** Codex's shell commands are `execute_command`s, its patches `write_file`s of each file. */
  asBuiltinTool(call: AdapterToolCall): { toolName: string; input: unknown } | undefined {
    if (call.toolName === 'Bash') {
      const command = typeof call.input.command === 'string' ? call.input.command : '';
      return { toolName: 'execute_command', input: { command } };
    }
    if (call.toolName === 'apply_patch' && typeof call.input.path === 'string') {
      return { toolName: 'write_file', input: { path: call.input.path } };
    }
    return undefined;
  }

  /** The usage of each model call of the turn (from the rollout), else the turn's total. */
  private reportUsage(
    turn: AdapterTurn,
    codexHome: string,
    threadId: string | null,
    reader: CodexEventReader,
  ) {
    const calls = threadId ? rolloutUsage(codexHome, threadId) : [];
    for (const usage of calls) turn.events.usage(usage);
    if (calls.length === 0 && reader.turnUsage) turn.events.usage(reader.turnUsage);
  }

  async close(): Promise<void> {
    this.scratch.remove();
  }
}

/** The adapter of one `codex` agent. Throws MissingApiKeyError when no key is found. */
export const createCodexAdapter: AdapterFactory = (setup) => {
  const backend = setup.backend as unknown as CodexBackend;
  const apiKey = resolveApiKey(
    setup.agentId,
    { type: 'codex', api_key: backend.api_key, base_url: backend.base_url },
    setup.env,
  );
  return new CodexAdapter(setup.agentId, backend, apiKey, setup.env);
};
