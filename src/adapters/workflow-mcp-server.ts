/**
 * The workflow tools of one turn as a loopback MCP server (streamable HTTP), for external agents that
 * reach tools only through MCP servers they connect to themselves (Codex). It listens on 127.0.0.1 at
 * a random port; its path holds a random token, so other local processes cannot call the tools.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AdapterTool } from '../types/agent-adapter.js';

/** A running server. */
export interface WorkflowMcpServer {
  /** The URL to give the agent (`http://127.0.0.1:PORT/mcp/<token>`). */
  url: string;
  close(): Promise<void>;
}

/** Serves `tools` until `close()`. */
export async function startWorkflowMcpServer(tools: readonly AdapterTool[]): Promise<WorkflowMcpServer> {
  const [{ Server }, { StreamableHTTPServerTransport }, { CallToolRequestSchema, ListToolsRequestSchema }] =
    await Promise.all([
      import('@modelcontextprotocol/sdk/server/index.js'),
      import('@modelcontextprotocol/sdk/server/streamableHttp.js'),
      import('@modelcontextprotocol/sdk/types.js'),
    ]);
  const path = `/mcp/${randomBytes(16).toString('hex')}`;
  const byName = new Map(tools.map((t) => [t.name, t]));

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.url !== path) {
      res.writeHead(404).end();
      return;
    }
    const server = new Server({ name: 'massgen', version: '1.0.0' }, { capabilities: { tools: {} } });
    server.setRequestHandler(ListToolsRequestSchema, async () => ({
      tools: tools.map((t) => ({ name: t.name, description: t.description, inputSchema: t.inputSchema })),
    }));
    server.setRequestHandler(CallToolRequestSchema, async (request) => {
      const tool = byName.get(request.params.name);
      if (!tool) {
        return { content: [{ type: 'text', text: `Unknown tool "${request.params.name}".` }], isError: true };
      }
      const result = await tool.execute((request.params.arguments ?? {}) as Record<string, unknown>);
      return { content: [{ type: 'text', text: result.text }], isError: result.isError };
    });
    // Stateless: one transport per request.
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
    res.on('close', () => {
      void transport.close();
      void server.close();
    });
    await server.connect(transport);
    await transport.handleRequest(req, res);
  }

  const http = createServer((req, res) => {
    handle(req, res).catch(() => res.destroy());
  });
  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = http.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${path}`,
    close: () =>
      new Promise<void>((resolve) => {
        http.close(() => resolve());
        http.closeAllConnections();
      }),
  };
}
