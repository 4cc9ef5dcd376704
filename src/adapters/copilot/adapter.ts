/**
 * The `copilot` adapter: the agent's first turn starts the Copilot CLI runtime bundled with
 * `@github/copilot-sdk` (one child process, JSON-RPC over stdio) in the agent's workspace; each turn
 * opens one session in it and sends the prompt. The model is reached through a BYOK provider
 * (OpenAI, Azure or Anthropic, with the run's key and base URL: no GitHub login), or through the
 * GitHub Copilot service with a GitHub token.
 *
 * The workflow tools are SDK tools of the session (`new_answer`, `vote`, no permission prompt); once
 * a decision is accepted the session is aborted before the result reaches the model, so no model call
 * follows the decision. Every other tool call Copilot asks permission for goes through the run's
 * safety checks (`onPermissionRequest` → `checkTool`). The child gets a small environment (PATH,
 * HOME, locale), a private Copilot home and cache (`COPILOT_HOME`, `COPILOT_CACHE_HOME`: no user
 * config, session store or login is read) and, with a BYOK provider, `COPILOT_OFFLINE=true` (no
 * GitHub service, telemetry or GitHub MCP server). The process is kept for the agent's next turn
 * and ended when the run ends; a turn that is aborted or fails ends it at once (the next turn starts
 * a new one).
 */

import type { ChildProcess } from 'node:child_process';
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
import { copilotBuiltin, mcpToolName, permissionCall } from './permissions.js';
import { type CopilotBackend, type CopilotSettings, copilotSettings } from './settings.js';

type Client = InstanceType<typeof import('@github/copilot-sdk')['CopilotClient']>;
type Session = Awaited<ReturnType<Client['createSession']>>;
type PermissionHandler = NonNullable<Parameters<Client['createSession']>[0]>['onPermissionRequest'];

/** The agent's CLI process, from the moment its start begins. */
interface Running {
  /** Settles once the process runs and its JSON-RPC connection is up. */
  ready: Promise<Client>;
  /** The client, once made (its process may still be starting). */
  client?: Client;
  /** Settles with why the process exited. */
  exited: Promise<string>;
  /** The process exited: the client is stopped (releasing its timers) and replaced. */
  dead: boolean;
  /** Given up (a failed or aborted turn, the run's end): a process that comes up after that is ended. */
  stopped: boolean;
}

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
    env.COPILOT_CACHE_HOME = path.join(this.scratch.path, 'cache');
    // With a BYOK provider nothing of GitHub's is needed: no login, telemetry or GitHub MCP server.
    if (this.settings.provider) env.COPILOT_OFFLINE = 'true';
    return env;
  }

  /** The CLI of this agent, started by its first turn and kept for the next ones. */
  private running: Running | undefined;

  /** The agent's CLI process, started in `workspace` when none runs (or is starting). */
  private start(workspace: string): Running {
    if (this.running && !this.running.dead) return this.running;
    this.discard();
    const running: Running = {
      ready: new Promise<Client>(() => {}),
      exited: new Promise<string>(() => {}),
      dead: false,
      stopped: false,
    };
    running.ready = this.launch(running, workspace);
    running.ready.catch(() => {
      if (this.running === running) this.running = undefined;
    });
    this.running = running;
    return running;
  }

  /** Starts the process of `running`; ends it when `running` is given up meanwhile. */
  private async launch(running: Running, workspace: string): Promise<Client> {
    const sdk = await import('@github/copilot-sdk');
    const { settings } = this;
    const client = new sdk.CopilotClient({
      connection: sdk.RuntimeConnection.forStdio({ env: this.childEnv() }),
      baseDirectory: path.join(this.scratch.path, 'home'),
      workingDirectory: workspace,
      logLevel: 'none',
      ...(settings.gitHubToken ? { gitHubToken: settings.gitHubToken } : { useLoggedInUser: false }),
    });
    running.client = client;
    try {
      if (running.stopped) throw new Error('the Copilot CLI was stopped before it started');
      await client.start();
      if (running.stopped) throw new Error('the Copilot CLI was stopped while it started');
      if (settings.gitHubToken) await this.checkLogin(client);
    } catch (error) {
      await client.forceStop().catch(() => undefined);
      throw error;
    }
    // The SDK does not end a session's wait when its process dies: watch the child it spawned.
    const child = (client as unknown as { cliProcess?: ChildProcess | null }).cliProcess;
    if (child) {
      running.exited = new Promise<string>((resolve) => {
        child.once('exit', (code, signal) => {
          running.dead = true;
          resolve(`the Copilot CLI exited (${signal ? `signal ${signal}` : `code ${code}`})`);
        });
      });
    }
    return client;
  }

  /** Gives up the agent's process: ended at once, or as soon as its start settles. */
  private discard(): void {
    const running = this.running;
    this.running = undefined;
    if (!running) return;
    running.stopped = true;
    void running.client?.forceStop().catch(() => undefined);
    running.ready.then(
      (client) => client.forceStop().catch(() => undefined),
      () => undefined,
    );
  }

  async run(turn: AdapterTurn): Promise<AdapterTurnResult> {
    if (turn.signal.aborted) throw turn.signal.reason;
    const { settings } = this;
    const workspace = turn.workspace ?? this.scratch.path;
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
    let failed = false;
    try {
      const opening = (async () => {
        const running = this.start(workspace);
        const client = await running.ready;
        const { exited } = running;
        const opened = await this.open(client, turn, workspace, reader, () => {
          decided = true;
          void session?.abort().catch(() => undefined);
        });
        return { opened, exited };
      })();
      opening.catch(() => undefined);
      const { opened, exited } = await Promise.race([
        within(opening, settings.startTimeoutMs, limit('start a session')),
        aborted,
      ]);
      session = opened;
      const died = exited.then((why) => Promise.reject(new Error(why)));
      died.catch(() => undefined);
      const idle = new Promise<void>((resolve) => {
        opened.on((event) => {
          reader.read(event);
          if (event.type === 'session.idle') resolve();
        });
      });
      await Promise.race([
        within(opened.send({ prompt: turn.prompt }), settings.startTimeoutMs, limit('take the prompt')),
        aborted,
        died,
      ]);
      await Promise.race([idle, aborted, died]);
    } catch (error) {
      failed = true;
      if (turn.signal.aborted) throw turn.signal.reason;
      throw new AdapterError(this.type, `Copilot stopped: ${message(error)}`, { cause: error });
    } finally {
      turn.signal.removeEventListener('abort', onAbort);
      // After an abort or a failure the process is ended at once; else only the session is closed.
      if (failed || turn.signal.aborted) this.discard();
      else await session?.disconnect().catch(() => undefined);
    }
    if (turn.signal.aborted) throw turn.signal.reason;
    if (decided) return { text: reader.text() };
    const failure = reader.failure();
    if (failure) {
      const text = reader.keyRefused
        ? `${failure.replace(/\.$/, '')}: check ${this.settings.keySource}`
        : failure;
      throw new AdapterError(this.type, text);
    }
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
      // Copilot runs a read-only MCP tool without asking: every MCP call is asked about, and so checked.
      hooks: {
        onPreToolUse: (input) => (this.isMcpTool(input.toolName) ? { permissionDecision: 'ask' } : undefined),
      },
    });
  }

  /** Whether `toolName` is a tool of one of the agent's MCP servers (Copilot names them `<server>-<tool>`). */
  private isMcpTool(toolName: string): boolean {
    return mcpToolName(toolName, Object.keys(this.settings.mcpServers)) !== undefined;
  }

  /** Fails, naming the variable, when the Copilot service does not accept the GitHub token. */
  private async checkLogin(client: Client): Promise<void> {
    const status = await client.getAuthStatus();
    if (status.isAuthenticated) return;
    throw new Error(
      `GitHub Copilot did not accept the token of ${this.settings.gitHubTokenVariable} (${status.statusMessage ?? 'not authenticated'}): give a token of an account with a Copilot subscription, or a provider key (copilot_provider, OPENAI_API_KEY)`,
    );
  }

  /** Copilot's permission callback: the turn's safety checks for every call it asks about. */
  private permissions(turn: AdapterTurn, reader: CopilotEventReader): PermissionHandler {
    return async (request) => {
      const call = permissionCall(request, reader.toolNames, Object.keys(this.settings.mcpServers));
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

  /** Ends the agent's process gracefully (with a short limit) when the run ends. */
  async close(): Promise<void> {
    const running = this.running;
    this.running = undefined;
    if (running) {
      running.stopped = true;
      const client = await running.ready.catch(() => undefined);
      const errors = client ? await within(client.stop(), 5000, 'stop').catch(() => undefined) : [];
      if (errors === undefined || errors.length > 0) await client?.forceStop().catch(() => undefined);
    }
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
