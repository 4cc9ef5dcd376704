/**
 * One MCP server of one agent for one run: started with retries and exponential backoff (each
 * attempt waits for a slot of the run's start pool), its tools put into the agent's registry, calls
 * guarded by a circuit breaker, its tools taken away (with a `tool-server-status` event) when it
 * fails to start or exits mid-run, and closed at the end.
 */

import { errorText } from '../../error-text.js';
import type { EventInput } from '../../events/types.js';
import { backoffDelay, sleep } from '../backoff.js';
import { CircuitOpenError, ToolServerError, ToolTimeoutError } from '../errors.js';
import type { ToolRegistry } from '../registry.js';
import type { ToolExecutionContext, ToolOutput } from '../types.js';
import { isUnauthorizedResponse, McpAuthError, unauthorizedError } from './auth-errors.js';
import { CircuitBreaker, type CircuitBreakerOptions } from './circuit-breaker.js';
import type { ElicitationHandler } from './elicitation.js';
import type { AuthorizationUrlHandler } from './oauth-browser.js';
import { AUTHORIZATION_TIMEOUT_MS } from './oauth-fetch.js';
import { mcpResultOutput } from './result.js';
import { type McpServerConfig, type ResolvedServer, resolveServer, serverType } from './server-config.js';
import type { ReleaseSlot, StartPool } from './start-pool.js';
import { mcpToolEntries } from './tool-entries.js';
import { type McpSession, openSession } from './transport.js';

/** Default limit of connecting and initialising one server (MassGen: 30 s). */
export const MCP_CONNECT_TIMEOUT_MS = 30_000;

export interface McpServerOptions {
  agentId: string;
  config: McpServerConfig;
  registry: ToolRegistry;
  emit: (event: EventInput) => void;
  env: NodeJS.ProcessEnv;
  /** Folder a relative `cwd` resolves against (the config file's). */
  baseDir: string;
  /** Per-call limit of the server's tools unless its entry sets `timeout_seconds`. */
  toolTimeoutMs: number;
  connectTimeoutMs?: number;
  /** Start attempts before the server is given up; default 3. */
  maxAttempts?: number;
  /** First delay between start attempts; doubles each time (at most ×8). */
  retryBaseMs: number;
  breaker?: CircuitBreakerOptions;
  /** Answers the server's elicitation requests; without it they are declined. */
  onElicitation?: ElicitationHandler;
  /** OAuth of remote servers with an `oauth` setting. */
  oauth?: McpOAuthPorts;
  /** The run's pool of connection slots; without it the server connects at once. */
  startPool?: StartPool;
}

/** What OAuth needs from the run. */
export interface McpOAuthPorts {
  /** The MassGen folder whose `mcp-auth/` holds the token files (`~/.massgen`). */
  massgenDir: string;
  /** Shows the user the authorization URL. */
  openUrl: AuthorizationUrlHandler;
}

type State = 'idle' | 'starting' | 'ready' | 'failed' | 'removed' | 'closed';

export class McpServerConnection {
  private state: State = 'idle';
  private session: McpSession | undefined;
  private tools = new Set<string>();
  private readonly breaker: CircuitBreaker;
  private readonly stop = new AbortController();
  private readonly callTimeoutMs: number;
  /** An authorization waiting for the user: the connect limit waits for it too. */
  private authorizing: Promise<void> | undefined;

  constructor(private readonly options: McpServerOptions) {
    this.breaker = new CircuitBreaker(options.breaker);
    const own = options.config.timeout_seconds;
    this.callTimeoutMs = own !== undefined ? own * 1000 : options.toolTimeoutMs;
  }

  get name(): string {
    return this.options.config.name;
  }

  /** Exposed names of the tools the agent has from this server now. */
  get toolNames(): string[] {
    return [...this.tools];
  }

  /**
   * Starts the server. Resolves when it is ready or has failed, or once the connect timeout has
   * passed since it got a slot of the start pool (retries then go on in the background). Never rejects.
   */
  start(): Promise<void> {
    if (this.state !== 'idle') return Promise.resolve();
    this.state = 'starting';
    const limit = this.options.connectTimeoutMs ?? MCP_CONNECT_TIMEOUT_MS;
    const wait = new AbortController();
    let slotted: () => void = () => {};
    const gotSlot = new Promise<void>((resolve) => (slotted = resolve));
    const run = this.connectWithRetries(limit, slotted).finally(() => wait.abort());
    const signal = AbortSignal.any([this.stop.signal, wait.signal]);
    const timer = (async () => {
      // Waiting in the pool's queue does not count against the connect timeout.
      await Promise.race([gotSlot, run]);
      await sleep(limit, signal);
      // The user is signing in: the agent waits for that, then gives the server the limit again.
      while (this.authorizing && !signal.aborted) {
        const pending = this.authorizing;
        await Promise.race([pending, run]);
        if (this.authorizing === pending) this.authorizing = undefined;
        await sleep(limit, signal);
      }
    })().catch(() => {});
    return Promise.race([run, timer]);
  }

  /** Closes the session and ends the server process; no event follows. */
  async close(): Promise<void> {
    this.state = 'closed';
    this.stop.abort(new Error('closed'));
    await this.session?.close();
    this.session = undefined;
  }

  private emit(
    status: Omit<Extract<EventInput, { type: 'tool-server-status' }>, 'type' | 'agentId' | 'server'>,
  ) {
    if (this.stop.signal.aborted) return;
    this.options.emit({
      type: 'tool-server-status',
      agentId: this.options.agentId,
      server: this.name,
      ...status,
    });
  }

  /** A slot of the start pool (or none to take); undefined when the connection was closed meanwhile. */
  private async slot(): Promise<ReleaseSlot | undefined> {
    const pool = this.options.startPool;
    if (!pool) return () => {};
    try {
      return await pool.acquire(this.stop.signal);
    } catch {
      return undefined;
    }
  }

  private async connectWithRetries(timeoutMs: number, onSlot: () => void): Promise<void> {
    const transport = serverType(this.options.config);
    let server: ResolvedServer;
    try {
      server = resolveServer(this.options.config, this.options.env, this.options.baseDir);
    } catch (error) {
      this.state = 'failed';
      this.emit({ status: 'failed', transport, error: errorText(error) });
      return;
    }
    const attempts = this.options.maxAttempts ?? 3;
    let lastError: string | undefined;
    for (let attempt = 1; attempt <= attempts; attempt++) {
      if (this.stop.signal.aborted) return;
      const release = await this.slot();
      if (release === undefined) return;
      onSlot();
      this.emit({ status: 'starting', transport, attempt, ...(lastError ? { error: lastError } : {}) });
      try {
        await this.connect(server, timeoutMs, release);
        return;
      } catch (error) {
        if (this.stop.signal.aborted) return;
        const auth = authFailure(server, error);
        if (auth) {
          // Credentials do not get better by trying again.
          this.state = 'failed';
          this.emit({ status: 'failed', transport, attempt, error: auth.message });
          return;
        }
        lastError = errorText(error);
      } finally {
        release();
      }
      if (attempt === attempts) break;
      try {
        await sleep(backoffDelay(attempt, this.options.retryBaseMs), this.stop.signal);
      } catch {
        return;
      }
    }
    this.state = 'failed';
    this.emit({ status: 'failed', transport, attempt: attempts, error: lastError ?? 'unknown error' });
  }

  /** Connects once; `release` gives the start slot back early while the user signs in. */
  private async connect(
    server: ResolvedServer,
    connectTimeoutMs: number,
    release: ReleaseSlot,
  ): Promise<void> {
    const oauth = server.type !== 'stdio' ? server.oauth : undefined;
    const ports = this.options.oauth;
    // A sign-in in the browser happens inside these requests: their limit leaves time for it.
    const timeoutMs = oauth ? connectTimeoutMs + AUTHORIZATION_TIMEOUT_MS : connectTimeoutMs;
    const fetch =
      oauth && ports && server.type !== 'stdio'
        ? await (await import('./oauth-session.js')).oauthFetch(
            { name: server.name, url: server.url, oauth },
            {
              agentId: this.options.agentId,
              massgenDir: ports.massgenDir,
              openUrl: ports.openUrl,
              signal: this.stop.signal,
              onAuthorizing: (pending) => {
                this.authorizing = pending;
                // A sign-in in the browser may take minutes: other servers connect meanwhile.
                release();
              },
            },
          )
        : undefined;
    const session = await openSession(server, {
      timeoutMs,
      signal: this.stop.signal,
      onClose: () => this.onServerExit(),
      fetch,
      elicitation: {
        agentId: this.options.agentId,
        server: this.name,
        emit: (event) => {
          if (!this.stop.signal.aborted) this.options.emit(event);
        },
        handler: this.options.onElicitation,
        signal: this.stop.signal,
      },
    });
    if (this.stop.signal.aborted) {
      await session.close();
      return;
    }
    this.session = session;
    try {
      const listed = await session.client.listTools(undefined, {
        timeout: timeoutMs,
        signal: this.stop.signal,
      });
      const tools = [...listed.tools];
      for (let cursor = listed.nextCursor; cursor; ) {
        const page = await session.client.listTools(
          { cursor },
          { timeout: timeoutMs, signal: this.stop.signal },
        );
        tools.push(...page.tools);
        cursor = page.nextCursor;
      }
      const entries = mcpToolEntries(this.options.config, tools, this.callTimeoutMs, (tool, input, ctx) =>
        this.call(tool, input, ctx),
      );
      const added = this.options.registry.add(entries);
      this.tools = new Set(added.map((e) => e.name));
      this.state = 'ready';
      this.emit({ status: 'ready', transport: server.type, tools: [...this.tools] });
    } catch (error) {
      this.session = undefined;
      await session.close();
      throw error;
    }
  }

  /** The server exited or its connection broke while in use: its tools go away. */
  private onServerExit(): void {
    if (this.state !== 'ready') return;
    this.state = 'removed';
    const tail = this.session?.stderrTail().trim().split('\n').slice(-3).join(' | ');
    this.session = undefined;
    const names = this.tools;
    const removed = this.options.registry.remove((e) => names.has(e.name));
    this.tools = new Set();
    this.emit({
      status: 'removed',
      tools: removed,
      error: `the server closed the connection${tail ? ` (stderr: ${tail})` : ''}; its tools are no longer available`,
    });
  }

  private async call(tool: string, input: unknown, ctx: ToolExecutionContext): Promise<ToolOutput> {
    const session = this.session;
    if (this.state !== 'ready' || !session) {
      throw new ToolServerError(`MCP server "${this.name}" is not connected.`, { isRetryable: false });
    }
    if (!this.breaker.tryAcquire()) throw new CircuitOpenError(this.name, this.breaker.retryAt);
    try {
      const result = await session.client.callTool(
        { name: tool, arguments: (input ?? {}) as Record<string, unknown> },
        undefined,
        // The agent's limit (executeTool) ends the call first; the SDK's own default (60 s) must not.
        { signal: ctx.signal, timeout: this.callTimeoutMs + 5_000 },
      );
      if (this.breaker.recordSuccess()) this.emit({ status: 'circuit-closed' });
      return mcpResultOutput(result);
    } catch (error) {
      this.judgeFailure(error, ctx.signal);
      throw refusalError(this.name, error) ?? error;
    }
  }

  /** Counts transport failures (timeouts, broken connections) against the breaker; not tool errors. */
  private judgeFailure(error: unknown, signal: AbortSignal): void {
    if (signal.aborted && !ToolTimeoutError.isInstance(signal.reason)) {
      this.breaker.cancel();
      return;
    }
    if (!isTransportFailure(error, signal)) {
      this.breaker.recordSuccess();
      return;
    }
    if (this.breaker.recordFailure()) {
      this.emit({
        status: 'circuit-open',
        error: `${errorText(error)}; calls fail fast until ${new Date(this.breaker.retryAt).toISOString()}`,
        retryAt: this.breaker.retryAt,
      });
    }
  }
}

/** The HTTP status of a remote server's refusal, as the SDK's transports report it. */
function httpStatus(error: unknown): number | undefined {
  const code = (error as { code?: unknown } | undefined)?.code;
  return typeof code === 'number' && code >= 400 && code < 600 ? code : undefined;
}

/** A call the server refused for want of permission, said plainly. */
function refusalError(server: string, error: unknown): McpAuthError | undefined {
  const status = httpStatus(error);
  if (status !== 401 && status !== 403) return undefined;
  const insufficient = /insufficient_scope/.test(errorText(error));
  return new McpAuthError(
    status === 403
      ? `MCP server "${server}" refused the call (403 Forbidden${insufficient ? ', insufficient scope' : ''}): the signed-in account lacks the permission it needs.`
      : `MCP server "${server}" refused the call (401 Unauthorized): its credentials are no longer accepted.`,
    { cause: error },
  );
}

/** An authorization failure of `server` (not retried), with the message the user sees. */
function authFailure(server: ResolvedServer, error: unknown): McpAuthError | undefined {
  if (McpAuthError.isInstance(error)) return error;
  if (server.type === 'stdio' || !isUnauthorizedResponse(error)) return undefined;
  if (!server.oauth) return unauthorizedError(server.name, error);
  return new McpAuthError(
    `MCP server "${server.name}" still answers 401 Unauthorized after signing in: ${errorText(error)}. ` +
      `Check its \`oauth\` setting, or delete its token file in ~/.massgen/mcp-auth/ to sign in again.`,
    { cause: error },
  );
}

/** JSON-RPC errors that show the server answered (so it is alive): parse, request, method, params, internal. */
function isTransportFailure(error: unknown, signal: AbortSignal): boolean {
  if (ToolTimeoutError.isInstance(signal.reason)) return true;
  if (McpAuthError.isInstance(error) || httpStatus(error) === 401 || httpStatus(error) === 403) return false;
  const code = (error as { code?: unknown } | undefined)?.code;
  if (typeof code === 'number' && code <= -32600 && code >= -32700) return false;
  return true;
}
