import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scripted } from '../fake-provider/scenario.js';
import { createFakeProvider, type FakeProvider } from '../fake-provider/server.js';
import { runCli, tempHome, writeFile } from '../support/cli.js';
import { cliHelpers, serverScript } from '../tools/cli-helpers.js';

let fake: FakeProvider;
let server: ChildProcess;
let port = 0;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

beforeAll(async () => {
  fake = await createFakeProvider();
  port = await freePort();
  server = spawn(
    process.execPath,
    [serverScript('@modelcontextprotocol/server-everything'), 'streamableHttp'],
    {
      env: { ...process.env, PORT: String(port) },
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('MCP HTTP server did not start')), 15_000);
    server.stderr?.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('listening')) {
        clearTimeout(timer);
        resolve();
      }
    });
  });
});
afterAll(async () => {
  server?.kill();
  await fake.close();
});

const { q, agent, toolText, presentAnswer } = cliHelpers(() => fake);

describe('MCP over streamable HTTP (CLI, real server)', () => {
  it('calls a tool of server-everything over HTTP and uses the result in the answer', async () => {
    const model = 'http-mcp-model';
    fake.setScenario(
      scripted(
        {
          [model]: [
            { toolCalls: [{ name: 'mcp__web__echo', args: { message: 'over-http-42' } }] },
            (req) => ({
              toolCalls: [
                { name: 'new_answer', args: { content: `Echo: ${toolText(req, 'mcp__web__echo')}` } },
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
      'http.yaml',
      `agents:\n${agent('a', model, [
        'mcp_servers:',
        '  - name: web',
        '    type: streamable-http',
        `    url: ${q(`http://127.0.0.1:${port}/mcp`)}`,
      ])}\n`,
    );
    const r = await runCli(['--automation', '--config', file, 'Echo something'], { cwd: home });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const answered = fake.requests.find((req) => req.model === model && toolText(req, 'mcp__web__echo'));
    expect(toolText(answered!, 'mcp__web__echo')).toContain('over-http-42');
    expect(r.stdout).toMatch(/ANSWER_PREVIEW: Echo: .*over-http-42/);
  });
});
