import { readdirSync, readFileSync, statSync } from 'node:fs';
import {
  createServer,
  type Server as HttpServer,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { CallToolRequestSchema, ListToolsRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scripted } from '../fake-provider/scenario.js';
import { createFakeProvider, type FakeProvider } from '../fake-provider/server.js';
import { field, runCli, tempHome, writeFile } from '../support/cli.js';
import { cliHelpers, events, FIXTURES } from '../tools/cli-helpers.js';

/** The secrets of the run: none of them may appear in any file of the log folder. */
const MY_KEY = 'sk-my-provider-key-7f3a9c';
const MY_TOKEN = 'mcp-bearer-token-51e0d2';
const SERVICE_TOKEN = 'literal-env-secret-c4b8e1';

let fake: FakeProvider;
let mcp: HttpServer;
let mcpUrl = '';
/** The Authorization header of every request the HTTP MCP server got. */
const authorizations: string[] = [];

/** A streamable-HTTP MCP server that wants `Bearer MY_TOKEN` and tells the caller which header it got. */
function whoamiServer(authorization: string): Server {
  const server = new Server({ name: 'whoami', version: '1.0.0' }, { capabilities: { tools: {} } });
  server.setRequestHandler(ListToolsRequestSchema, async () => ({
    tools: [
      { name: 'whoami', description: 'Who the caller is.', inputSchema: { type: 'object', properties: {} } },
    ],
  }));
  server.setRequestHandler(CallToolRequestSchema, async () => ({
    content: [{ type: 'text', text: `caller sent ${authorization}` }],
  }));
  return server;
}

async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const authorization = req.headers.authorization ?? '';
  authorizations.push(authorization);
  if (authorization !== `Bearer ${MY_TOKEN}`) {
    res.writeHead(401, { 'content-type': 'application/json' }).end('{"error":"unauthorized"}');
    return;
  }
  const server = whoamiServer(authorization);
  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
  res.on('close', () => {
    void transport.close();
    void server.close();
  });
  await server.connect(transport);
  await transport.handleRequest(req, res);
}

beforeAll(async () => {
  fake = await createFakeProvider();
  mcp = createServer((req, res) => {
    handle(req, res).catch(() => res.destroy());
  });
  await new Promise<void>((resolve) => mcp.listen(0, '127.0.0.1', resolve));
  mcpUrl = `http://127.0.0.1:${(mcp.address() as AddressInfo).port}/mcp`;
});
afterAll(async () => {
  await new Promise((resolve) => mcp.close(resolve));
  await fake.close();
});

const { q, toolText, presentAnswer } = cliHelpers(() => fake);

/** Every file under `dir`, recursively. */
function allFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((f) => path.join(dir, f))
    .filter((f) => statSync(f).isFile());
}

describe('secrets never reach the log folder (CLI)', () => {
  it('blanks the api_key, the MCP Authorization header and the env secret in every file of the log folder', async () => {
    const model = 'secret-model';
    fake.setScenario(
      scripted(
        {
          [model]: [
            {
              toolCalls: [
                { name: 'mcp__web__whoami', args: {} },
                { name: 'mcp__local__show_env', args: { name: 'SERVICE_TOKEN' } },
              ],
            },
            (req) => ({
              toolCalls: [
                {
                  name: 'new_answer',
                  args: {
                    content: `${toolText(req, 'mcp__web__whoami')}; ${toolText(req, 'mcp__local__show_env')}; key ${req.headers.authorization}`,
                  },
                },
              ],
            }),
          ],
        },
        presentAnswer,
      ),
    );
    const home = tempHome();
    const file = writeFile(
      home,
      'secrets.yaml',
      [
        'agents:',
        '  - id: keeper',
        '    backend:',
        '      type: chatcompletion',
        `      model: ${q(model)}`,
        `      base_url: ${q(fake.baseUrls.chat)}`,
        '      api_key: "${MY_KEY}"',
        '      permissions: false',
        '      mcp_servers:',
        '        - name: web',
        '          type: streamable-http',
        `          url: ${q(mcpUrl)}`,
        '          headers: { Authorization: "Bearer ${MY_TOKEN}" }',
        '        - name: local',
        `          command: ${q(process.execPath)}`,
        `          args: [${q(path.join(FIXTURES, 'env-server.mjs'))}]`,
        `          env: { SERVICE_TOKEN: ${q(SERVICE_TOKEN)} }`,
        '',
      ].join('\n'),
    );
    const since = fake.requests.length;
    const r = await runCli(['--automation', '--config', file, 'Who am I?'], {
      cwd: home,
      env: { MY_KEY, MY_TOKEN },
    });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);

    // The secrets were really used, and really flowed through the run.
    const requests = fake.requests.filter((req) => req.model === model && req.index >= since);
    expect(new Set(requests.map((req) => req.headers.authorization))).toEqual(new Set([`Bearer ${MY_KEY}`]));
    expect(authorizations.length).toBeGreaterThan(0);
    expect(new Set(authorizations)).toEqual(new Set([`Bearer ${MY_TOKEN}`]));
    const answered = requests.find((req) => toolText(req, 'mcp__local__show_env'));
    expect(toolText(answered!, 'mcp__web__whoami')).toBe(`caller sent Bearer ${MY_TOKEN}`);
    expect(toolText(answered!, 'mcp__local__show_env')).toBe(`SERVICE_TOKEN=${SERVICE_TOKEN}`);

    // …and none of them is in any file of the log folder.
    const logRoot = path.join(home, '.massgen', 'massgen_logs');
    const files = allFiles(logRoot);
    expect(files.map((f) => path.basename(f))).toEqual(
      expect.arrayContaining([
        'events.jsonl',
        'status.json',
        'execution_metadata.yaml',
        'answer.txt',
        'context.txt',
      ]),
    );
    const hits = files.flatMap((f) => {
      const text = readFileSync(f, 'utf8');
      return [MY_KEY, MY_TOKEN, SERVICE_TOKEN].filter((s) => text.includes(s)).map((s) => `${f}: ${s}`);
    });
    expect(hits).toEqual([]);

    // What was blanked is marked, and the rest of the log is intact.
    const logDir = field(r.stdout, 'LOG_DIR')!;
    const outputs = events(logDir).flatMap((e) => (e.type === 'tool-result' ? [e.output] : []));
    expect(outputs.sort()).toEqual(['SERVICE_TOKEN=***', 'caller sent Bearer ***']);
    const metadata = readFileSync(path.join(logDir, 'execution_metadata.yaml'), 'utf8');
    expect(metadata).toContain('api_key: "***"');
    expect(metadata).toContain('Authorization: "***"');
    expect(metadata).toContain('SERVICE_TOKEN: "***"');
    const answer = readFileSync(path.join(logDir, 'final', 'keeper', 'answer.txt'), 'utf8');
    expect(answer).toBe('caller sent Bearer ***; SERVICE_TOKEN=***; key Bearer ***');
  });

  it('--validate --json and run errors never repeat a key', async () => {
    const home = tempHome();
    const file = writeFile(
      home,
      'misplaced.yaml',
      [
        'agents:',
        '  - id: a',
        '    backend:',
        '      type: openai',
        '      model: gpt-5',
        '      api_key: 98765432109876', // a number, not a string
        '      base_url: "sk-pasted-in-the-wrong-place-1234"', // the key, where the URL belongs
        '      mcp_servers:',
        '        - name: web',
        '          url: "http://127.0.0.1:9/mcp"',
        '          headers: { Authorization: 55550000111122 }',
        '',
      ].join('\n'),
    );
    const env = { OPENAI_API_KEY: 'sk-pasted-in-the-wrong-place-1234' };
    const validate = await runCli(['--validate', file, '--json'], { cwd: home, env });
    expect(validate.code).toBe(1);
    const report = JSON.parse(validate.stdout) as { errors: Array<{ path: string; message: string }> };
    expect(report.errors.map((e) => e.path).sort()).toEqual([
      'agents[0].backend.api_key',
      'agents[0].backend.base_url',
      'agents[0].backend.mcp_servers[0].headers.Authorization',
    ]);
    const run = await runCli(['--config', file, 'Q'], { cwd: home, env });
    expect(run.code).toBe(1);
    for (const output of [validate.stdout, run.stderr]) {
      expect(output).not.toContain('98765432109876');
      expect(output).not.toContain('55550000111122');
      expect(output).not.toContain('sk-pasted-in-the-wrong-place-1234');
    }
    expect(run.stderr).toContain(
      'agents[0].backend.api_key: expected a string, got a value that is not shown',
    );
  });
});
