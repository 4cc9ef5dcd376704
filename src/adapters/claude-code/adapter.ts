/**
 * The `claude_code` adapter: each turn is one Claude Agent SDK `query()`, which spawns the bundled
 * Claude Code binary in the agent's workspace. The workflow tools reach it as the in-process MCP
 * server `massgen` (`mcp__massgen__new_answer`, `mcp__massgen__vote`); once a decision is accepted, a
 * PostToolUse hook stops the query, so no model call follows it. Its own tool calls go through the
 * run's safety checks (`canUseTool`). The child gets a small environment: PATH, HOME, locale, the
 * key and base URL, and a private Claude Code config folder (no user settings are read).
 */

import path from 'node:path';
import type { CanUseTool } from '@anthropic-ai/claude-agent-sdk';
import type {
  AdapterFactory,
  AdapterTurn,
  AdapterTurnResult,
  AgentAdapter,
} from '../../types/agent-adapter.js';
import { passedEnv, ScratchDir } from '../cli-agent-home.js';
import { AdapterError } from '../errors.js';
import { MessageReader, WORKFLOW_PREFIX } from './messages.js';
import { type ClaudeCodeBackend, type ClaudeCodeSettings, claudeCodeSettings } from './settings.js';
import { claudeCodeBuiltin } from './tool-names.js';
import { zodShape } from './zod-shape.js';

class ClaudeCodeAdapter implements AgentAdapter {
  readonly type = 'claude_code';
  private readonly settings: ClaudeCodeSettings;
  private readonly env: NodeJS.ProcessEnv;
  /** Claude Code's config folder and the workspace of an agent without `cwd`, made on first use. */
  private readonly scratch: ScratchDir;

  constructor(agentId: string, settings: ClaudeCodeSettings, env: NodeJS.ProcessEnv) {
    this.scratch = new ScratchDir(`massgen-claude-code-${agentId}`);
    this.settings = settings;
    this.env = env;
  }

  asBuiltinTool = claudeCodeBuiltin;

  private childEnv(): Record<string, string> {
    const env = passedEnv(this.env);
    const config = path.join(this.scratch.path, 'config');
    return {
      ...env,
      ANTHROPIC_API_KEY: this.settings.apiKey,
      ...(this.settings.baseUrl ? { ANTHROPIC_BASE_URL: this.settings.baseUrl } : {}),
      CLAUDE_CONFIG_DIR: config,
      CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1',
      DISABLE_AUTOUPDATER: '1',
      CLAUDE_AGENT_SDK_CLIENT_APP: 'massgen-ts',
    };
  }

  private systemPrompt(system: string) {
    const { systemPrompt, appendSystemPrompt } = this.settings;
    if (systemPrompt !== undefined) return `${systemPrompt}\n\n${system}`;
    const append = [appendSystemPrompt, system].filter((p) => p !== undefined && p !== '').join('\n\n');
    return { type: 'preset' as const, preset: 'claude_code' as const, append };
  }

  async run(turn: AdapterTurn): Promise<AdapterTurnResult> {
    const sdk = await import('@anthropic-ai/claude-agent-sdk');
    if (turn.signal.aborted) throw turn.signal.reason;
    const abort = new AbortController();
    const onAbort = () => abort.abort();
    turn.signal.addEventListener('abort', onAbort, { once: true });
    let decided = false;
    const server =
      turn.tools.length === 0
        ? undefined
        : sdk.createSdkMcpServer({
            name: 'massgen',
            version: '1.0.0',
            alwaysLoad: true,
            tools: turn.tools.map((t) =>
              sdk.tool(t.name, t.description, zodShape(t.inputSchema), async (args) => {
                const result = await t.execute(args as Record<string, unknown>);
                if (result.final) decided = true;
                return { content: [{ type: 'text', text: result.text }], isError: result.isError };
              }),
            ),
          });
    const workflowNames = turn.tools.map((t) => `${WORKFLOW_PREFIX}${t.name}`);
    const reader = new MessageReader(turn.events);
    const stderr: string[] = [];
    const { settings } = this;
    const query = sdk.query({
      prompt: turn.prompt,
      options: {
        abortController: abort,
        cwd: turn.workspace ?? this.scratch.path,
        model: settings.model,
        systemPrompt: this.systemPrompt(turn.system),
        mcpServers: { ...settings.mcpServers, ...(server ? { massgen: server } : {}) } as never,
        ...(settings.tools ? { tools: settings.tools } : {}),
        ...(settings.disallowedTools ? { disallowedTools: settings.disallowedTools } : {}),
        ...(settings.permissionMode ? { permissionMode: settings.permissionMode } : {}),
        ...(settings.permissionMode === 'bypassPermissions' ? { allowDangerouslySkipPermissions: true } : {}),
        ...(settings.maxThinkingTokens
          ? { thinking: { type: 'enabled', budgetTokens: settings.maxThinkingTokens } }
          : {}),
        env: this.childEnv(),
        settingSources: [],
        persistSession: false,
        includePartialMessages: true,
        // Under bypassPermissions Claude Code asks nobody: the callback would never be called.
        ...(settings.permissionMode === 'bypassPermissions'
          ? {}
          : { canUseTool: this.canUseTool(turn, workflowNames) }),
        hooks: {
          PostToolUse: [
            {
              matcher: `${WORKFLOW_PREFIX}.*`,
              hooks: [
                async () =>
                  decided
                    ? { continue: false, stopReason: 'The workflow decision is recorded.' }
                    : { continue: true },
              ],
            },
          ],
        },
        stderr: (data: string) => {
          stderr.push(data);
          if (stderr.length > 20) stderr.shift();
        },
      },
    });
    try {
      for await (const message of query) reader.read(message);
    } catch (error) {
      if (turn.signal.aborted) throw turn.signal.reason;
      const message = error instanceof Error ? error.message : String(error);
      const tail = stderr.join('').trim().split('\n').slice(-3).join(' | ');
      const extra = tail && !message.includes(tail) ? ` (stderr: ${tail})` : '';
      throw new AdapterError(this.type, `Claude Code stopped: ${message}${extra}`, { cause: error });
    } finally {
      turn.signal.removeEventListener('abort', onAbort);
      query.close?.();
    }
    if (turn.signal.aborted) throw turn.signal.reason;
    const outcome = reader.outcome();
    // A query stopped by the hook after the decision ends as it should, whatever its result says.
    if (decided) return { text: outcome.ok ? outcome.text : '' };
    if (!outcome.ok) throw new AdapterError(this.type, outcome.message);
    return { text: outcome.text };
  }

  /** Claude Code's permission callback: the turn's safety checks for every call it would ask about. */
  private canUseTool(turn: AdapterTurn, workflowNames: readonly string[]): CanUseTool {
    return async (toolName, input, { toolUseID }) => {
      // The workflow tools are judged by the orchestrator; nothing else is let through unchecked.
      if (workflowNames.includes(toolName) || !turn.checkTool)
        return { behavior: 'allow', updatedInput: input };
      const verdict = await turn.checkTool({ toolCallId: toolUseID ?? '', toolName, input });
      return verdict.allow
        ? { behavior: 'allow', updatedInput: input }
        : { behavior: 'deny', message: verdict.message };
    };
  }

  async close(): Promise<void> {
    this.scratch.remove();
  }
}

/** The adapter of one `claude_code` agent. Throws MissingApiKeyError when no key is found. */
export const createClaudeCodeAdapter: AdapterFactory = (setup) =>
  new ClaudeCodeAdapter(
    setup.agentId,
    claudeCodeSettings(setup.agentId, setup.backend as unknown as ClaudeCodeBackend, setup.env),
    setup.env,
  );
