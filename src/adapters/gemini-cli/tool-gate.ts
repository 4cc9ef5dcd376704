/**
 * The run's safety checks for the Gemini CLI's own tool calls, through its `BeforeTool` hook. The
 * CLI runs a command hook before every call but the workflow ones (the hook's matcher leaves
 * `mcp_massgen_*` out); the hook, a small Node script, posts the call (`tool_name`, `tool_input`) to
 * a loopback server of the turn, which asks the turn's `checkTool` and answers with the CLI's hook
 * output: nothing (the call runs) or `{decision: "deny", reason}` (the CLI refuses the call with
 * that reason as its result). As for the workflow server, the server's path holds a random token.
 */
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { AdapterToolCall, AdapterToolVerdict } from '../../types/agent-adapter.js';
import { WORKFLOW_SERVER } from './settings.js';

/** The hook: reads the CLI's hook input, asks the gate, prints its answer (a refusal when it cannot reach it). */
const HOOK_SCRIPT = `let input = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk) => { input += chunk; });
process.stdin.on('end', async () => {
  try {
    const reply = await fetch(process.env.MASSGEN_TOOL_GATE, { method: 'POST', body: input });
    process.stdout.write(await reply.text());
  } catch (error) {
    const reason = 'MassGen could not check this call: ' + (error instanceof Error ? error.message : String(error));
    process.stdout.write(JSON.stringify({ decision: 'deny', reason }));
  }
});
`;

/** A running gate. */
export interface ToolGate {
  /** The `hooks` block of the CLI's settings that sends every call (but the workflow ones) here. */
  hooks: Record<string, unknown>;
  close(): Promise<void>;
}

const quote = (text: string) => `'${text.replace(/'/g, `'\\''`)}'`;

async function body(req: IncomingMessage): Promise<string> {
  let text = '';
  for await (const chunk of req) text += chunk;
  return text;
}

/** The hook input as a call; the CLI gives no call id, so calls are numbered. */
function callOf(input: string, n: number): AdapterToolCall | undefined {
  try {
    const parsed = JSON.parse(input) as { tool_name?: unknown; tool_input?: unknown };
    if (typeof parsed.tool_name !== 'string') return undefined;
    const args = parsed.tool_input && typeof parsed.tool_input === 'object' ? parsed.tool_input : {};
    return { toolCallId: `hook-${n}`, toolName: parsed.tool_name, input: args as Record<string, unknown> };
  } catch {
    return undefined;
  }
}

/** Starts the gate of one turn; `dir` gets the hook script. */
export async function startToolGate(
  check: (call: AdapterToolCall) => Promise<AdapterToolVerdict>,
  dir: string,
): Promise<ToolGate> {
  const script = path.join(dir, 'massgen-tool-gate.mjs');
  writeFileSync(script, HOOK_SCRIPT);
  const route = `/gate/${randomBytes(16).toString('hex')}`;
  let calls = 0;
  const http = createServer((req, res) => {
    if (req.url !== route || req.method !== 'POST') {
      res.writeHead(404).end();
      return;
    }
    body(req)
      .then(async (input) => {
        const call = callOf(input, ++calls);
        const verdict: AdapterToolVerdict = call
          ? await check(call)
          : { allow: false, message: 'MassGen could not read this call.' };
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(verdict.allow ? '{}' : JSON.stringify({ decision: 'deny', reason: verdict.message }));
      })
      .catch((error: unknown) => {
        const reason = `MassGen could not check this call: ${error instanceof Error ? error.message : String(error)}`;
        if (!res.headersSent) res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ decision: 'deny', reason }));
      });
  });
  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = http.address() as AddressInfo;
  const hook = {
    type: 'command',
    name: 'massgen-safety',
    command: `${quote(process.execPath)} ${quote(script)}`,
    env: { MASSGEN_TOOL_GATE: `http://127.0.0.1:${port}${route}` },
    // A call may wait for a person's approval.
    timeout: 24 * 60 * 60 * 1000,
  };
  return {
    hooks: { BeforeTool: [{ matcher: `^(?!mcp_${WORKFLOW_SERVER}_)`, hooks: [hook] }] },
    close: () =>
      new Promise<void>((resolve) => {
        http.close(() => resolve());
        http.closeAllConnections();
      }),
  };
}
