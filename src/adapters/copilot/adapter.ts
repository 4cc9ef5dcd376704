/**
 * The `copilot` adapter: each turn starts the Copilot CLI runtime bundled with `@github/copilot-sdk`
 * (one child process, JSON-RPC over stdio) in the agent's workspace, opens one session and sends the
 * prompt. The model is reached through a BYOK provider (OpenAI, Azure or Anthropic, with the run's
 * key and base URL: no GitHub login), or through the GitHub Copilot service with a GitHub token.
 *
 * The workflow tools are SDK tools of the session (`new_answer`, `vote`, no permission prompt); once
 * a decision is accepted the session is aborted before the result reaches the model, so no model call
 * follows the decision. Every other tool call Copilot asks permission for goes through the run's
 * safety checks (`onPermissionRequest` → `checkTool`). The child gets a small environment (PATH,
 * HOME, locale) and a private Copilot home (`COPILOT_HOME`: no user config, session store or login
 * is read); the process is ended when the turn ends, fails or is aborted.
 */

import path from 'node:path';
import type {
  AdapterFactory,
  AdapterTurn,
  AdapterTurnResult,
  AgentAdapter,
} from '../../types/agent-adapter.js';
import { passedEnv, ScratchDir } from '../cli-agent-home.js';
import { AdapterError } from '../errors.js';
import { CopilotEventReader } from './events.js';
import { copilotBuiltin, permissionCall } from './permissions.js';
import { type CopilotBackend, type CopilotSettings, copilotSettings } from './settings.js';

type Sdk = typeof import('@github/copilot-sdk');
type Client = InstanceType<Sdk['CopilotClient']>;
type Session = Awaited<ReturnType<Client['createSession']>>;
type PermissionHandler = NonNullable<Parameters<Client['createSession']>[0]>['onPermissionRequest'];

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** Rejects after `ms` with `text`, unless `work` settles first. */
async function within<T>(work: Promise<T>, ms: number, text: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(text)), ms);
  });
  try {
    return await Promise.race([work, late]);
  } finally {
    clearTimeout(timer);
  }
}

class CopilotAdapter implements AgentAdapter {
  readonly type = 'copilot';
  private readonly settings: CopilotSettings;
  private readonly env: NodeJS.ProcessEnv;
  /** The Copilot home and the workspace of an agent without `cwd`, made on first use. */
  private readonly scratch: ScratchDir;

  constructor(agentId: string, settings: CopilotSettings, env: NodeJS.ProcessEnv) {
    this.scratch = new ScratchDir(`massgen-copilot-${agentId}`);
    this.settings = settings;
    this.env = env;
  }

  asBuiltinTool = copilotBuiltin;

  private childEnv(): Record<string, string> {
    // The runtime path may be given, as the SDK reads it (an installed `copilot` CLI).
    const env = passedEnv(this.env);
    if (this.env.COPILOT_CLI_PATH) env.COPILOT_CLI_PATH = this.env.COPILOT_CLI_PATH;
    env.XDG_CACHE_HOME = path.join(this.scratch.path, 'cache');
    return env;
  }

  async run(turn: AdapterTurn): Promise<AdapterTurnResult> {
    const sdk = await import('@github/copilot-sdk');
    if (turn.signal.aborted) throw turn.signal.reason;
    const { settings } = this;
    const workspace = turn.workspace ?? this.scratch.path;
    const client = new sdk.CopilotClient({
      connection: sdk.RuntimeConnection.forStdio({ env: this.childEnv() }),
      baseDirectory: path.join(this.scratch.path, 'home'),
      workingDirectory: workspace,
      logLevel: 'none',
      ...(settings.gitHubToken ? { gitHubToken: settings.gitHubToken } : { useLoggedInUser: false }),
    });
    let session: Session | undefined;
    let decided = false;
    const reader = new CopilotEventReader(
      turn.events,
      turn.tools.map((t) => t.name),
    );
    // Every wait of the turn ends when the run aborts it; the process is then ended at once.
    let onAbort = () => {};
    const aborted = new Promise<never>((_, reject) => {
      onAbort = () => reject(turn.signal.reason);
    });
    aborted.catch(() => undefined);
    turn.signal.addEventListener('abort', onAbort, { once: true });
    const limit = (what: string) =>
      `the Copilot CLI did not ${what} within ${settings.startTimeoutMs / 1000} s (session_send_timeout_seconds)`;
    try {
      const opening = this.open(client, turn, workspace, reader, () => {
        decided = true;
        void session?.abort().catch(() => undefined);
      });
      session = await Promise.race([
        within(opening, settings.startTimeoutMs, limit('start a session')),
        aborted,
      ]);
      const idle = new Promise<void>((resolve) => {
        session?.on((event) => {
          reader.read(event);
          if (event.type === 'session.idle') resolve();
        });
      });
      await Promise.race([
        within(session.send({ prompt: turn.prompt }), settings.startTimeoutMs, limit('take the prompt')),
        aborted,
      ]);
      await Promise.race([idle, aborted]);
    } catch (error) {
      if (turn.signal.aborted) throw turn.signal.reason;
      throw new AdapterError(this.type, `Copilot stopped: ${message(error)}`, { cause: error });
    } finally {
      turn.signal.removeEventListener('abort', onAbort);
      await this.stop(client, turn.signal.aborted);
    }
    if (turn.signal.aborted) throw turn.signal.reason;
    if (decided) return { text: reader.text() };
    const failure = reader.failure();
    if (failure) throw new AdapterError(this.type, failure);
    return { text: reader.text() };
  }

  /** Starts the CLI and opens the turn's session; `onDecision` runs when a workflow call is accepted. */
  private async open(
    client: Client,
    turn: AdapterTurn,
    workspace: string,
    reader: CopilotEventReader,
    onDecision: () => void,
  ): Promise<Session> {
    const { settings } = this;
    await client.start();
    const workflowNames = turn.tools.map((t) => t.name);
    return client.createSession({
      model: settings.model,
      ...(settings.provider ? { provider: settings.provider } : {}),
      ...(settings.reasoningEffort ? { reasoningEffort: settings.reasoningEffort } : {}),
      workingDirectory: workspace,
      streaming: true,
      infiniteSessions: { enabled: false },
      enableSessionStore: false,
      memory: { enabled: false },
      systemMessage: { mode: settings.systemMessageMode, content: turn.system },
      ...(settings.availableTools
        ? { availableTools: [...settings.availableTools, ...workflowNames.map((n) => `custom:${n}`)] }
        : {}),
      ...(settings.excludedTools ? { excludedTools: settings.excludedTools } : {}),
      ...(Object.keys(settings.mcpServers).length > 0 ? { mcpServers: settings.mcpServers as never } : {}),
      tools: turn.tools.map((t) => ({
        name: t.name,
        description: t.description,
        parameters: t.inputSchema,
        skipPermission: true,
        handler: async (args: unknown) => {
          const result = await t.execute((args ?? {}) as Record<string, unknown>);
          // The decision is in: the session stops before this result reaches the model.
          if (result.final) onDecision();
          return { textResultForLlm: result.text, resultType: result.isError ? 'failure' : 'success' };
        },
      })),
      onPermissionRequest: this.permissions(turn, reader),
    });
  }

  /** Copilot's permission callback: the turn's safety checks for every call it asks about. */
  private permissions(turn: AdapterTurn, reader: CopilotEventReader): PermissionHandler {
    return async (request) => {
      const call = permissionCall(request, reader.toolNames);
      if (this.settings.permissionPolicy === 'deny') {
        return {
          kind: 'reject',
          feedback: `${call.toolName} is not allowed: this agent may not use its own tools (copilot_permission_policy: deny).`,
        };
      }
      if (!turn.checkTool) return { kind: 'approve-once' };
      const verdict = await turn.checkTool(call);
      return verdict.allow ? { kind: 'approve-once' } : { kind: 'reject', feedback: verdict.message };
    };
  }

  /** Ends the CLI process: gracefully after a turn, at once after an abort. */
  private async stop(client: Client, aborted: boolean): Promise<void> {
    if (aborted) {
      await client.forceStop().catch(() => undefined);
      return;
    }
    const errors = await within(client.stop(), 5000, 'stop').catch(() => undefined);
    if (errors === undefined || errors.length > 0) await client.forceStop().catch(() => undefined);
  }

  async close(): Promise<void> {
    this.scratch.remove();
  }
}

/** The adapter of one `copilot` agent. Throws MissingApiKeyError when no key or token is found. */
export const createCopilotAdapter: AdapterFactory = (setup) =>
  new CopilotAdapter(
    setup.agentId,
    copilotSettings(setup.agentId, setup.backend as unknown as CopilotBackend, setup.env),
    setup.env,
  );
