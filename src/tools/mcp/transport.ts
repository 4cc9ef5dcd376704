/**
 * Opens an MCP client session to a resolved server (stdio child process, streamable HTTP or SSE).
 * The SDK is imported on first use. A stdio server's stderr is kept (its last lines explain a failed
 * start) instead of being printed, and its process is killed if MassGen-TS exits without closing it.
 */
import type { Stream } from 'node:stream';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { FetchLike, Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import { forgetChild, trackChild } from './child-processes.js';
import { ELICITATION_CAPABILITY, type ElicitationOptions, handleElicitation } from './elicitation.js';
import type { ResolvedServer } from './server-config.js';

/** An open session. */
export interface McpSession {
  client: Client;
  /** Last lines the server wrote to stderr (stdio only). */
  stderrTail(): string;
  /** Closes the session and ends the server process. */
  close(): Promise<void>;
}

const STDERR_KEEP = 2000;

export interface SessionOptions {
  timeoutMs: number;
  signal?: AbortSignal;
  onClose: () => void;
  /** Answers the server's elicitation requests (the capability is declared either way). */
  elicitation?: ElicitationOptions;
  /** The fetch of a remote server's transport (OAuth wraps it); default the global fetch. */
  fetch?: FetchLike;
}

/**
 * Connects and initialises a session. `onClose` is called once if the connection ends without
 * `close()` (the server exited or the stream broke). Rejects on failure or when `timeoutMs` passes.
 */
export async function openSession(server: ResolvedServer, options: SessionOptions): Promise<McpSession> {
  const [{ Client }, transport] = await Promise.all([
    import('@modelcontextprotocol/sdk/client/index.js'),
    createTransport(server, options.fetch),
  ]);
  let pid: number | null = null;
  // Track the process from its spawn, so that it is killed on exit even while still connecting.
  const start = transport.inner.start.bind(transport.inner);
  transport.inner.start = async () => {
    await start();
    pid = transport.pid();
    trackChild(pid);
  };
  let stderr = '';
  transport.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString('utf8')).slice(-STDERR_KEEP);
  });
  const client = new Client(
    { name: 'massgen-ts', version: '0.1.0' },
    { capabilities: ELICITATION_CAPABILITY },
  );
  if (options.elicitation) await handleElicitation(client, options.elicitation);
  let closing = false;
  client.onclose = () => {
    forgetChild(pid);
    if (!closing) options.onClose();
  };
  client.onerror = () => {};
  const close = async () => {
    if (closing) return;
    closing = true;
    await client.close().catch(() => {});
    forgetChild(pid);
  };
  try {
    await client.connect(transport.inner, { timeout: options.timeoutMs, signal: options.signal });
  } catch (error) {
    await close();
    const tail = stderr.trim().split('\n').slice(-3).join(' | ');
    if (tail && error instanceof Error) error.message = `${error.message} (server stderr: ${tail})`;
    throw error;
  }
  return { client, stderrTail: () => stderr, close };
}

interface OpenedTransport {
  inner: Transport;
  pid: () => number | null;
  stderr?: Stream | null;
}

async function createTransport(server: ResolvedServer, fetch?: FetchLike): Promise<OpenedTransport> {
  if (server.type === 'stdio') {
    const { StdioClientTransport } = await import('@modelcontextprotocol/sdk/client/stdio.js');
    const inner = new StdioClientTransport({
      command: server.command,
      args: server.args,
      env: server.env,
      cwd: server.cwd,
      stderr: 'pipe',
    });
    return { inner, pid: () => inner.pid, stderr: inner.stderr };
  }
  const requestInit = server.headers ? { headers: server.headers } : undefined;
  if (server.type === 'sse') {
    const { SSEClientTransport } = await import('@modelcontextprotocol/sdk/client/sse.js');
    return { inner: new SSEClientTransport(new URL(server.url), { requestInit, fetch }), pid: () => null };
  }
  const { StreamableHTTPClientTransport } = await import(
    '@modelcontextprotocol/sdk/client/streamableHttp.js'
  );
  return {
    inner: new StreamableHTTPClientTransport(new URL(server.url), { requestInit, fetch }),
    pid: () => null,
  };
}
