import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scripted } from '../fake-provider/scenario.js';
import { createFakeProvider, type FakeProvider } from '../fake-provider/server.js';
import { field, ROOT, runCli, tempHome, writeFile } from '../support/cli.js';
import { cliHelpers } from '../tools/cli-helpers.js';
import { startOAuthServer, type TestOAuthServer } from '../tools/mcp-oauth-server.js';

let fake: FakeProvider;
let server: TestOAuthServer;
/** One HOME for the three runs: they share its token file. */
let home: string;
let config: string;

const BROWSER = `${process.execPath} ${path.join(ROOT, 'scripts/conformance/headless-browser.mjs')}`;
const model = 'oauth-model';
const { q, agent, toolText, presentAnswer } = cliHelpers(() => fake);

beforeAll(async () => {
  fake = await createFakeProvider();
  server = await startOAuthServer();
  home = tempHome();
  config = writeFile(
    home,
    'oauth.yaml',
    `agents:\n${agent('a', model, ['mcp_servers:', '  - name: secure', `    url: ${q(server.url)}`, '    oauth: true'])}\n`,
  );
});
afterAll(async () => {
  await server?.close();
  await fake.close();
});

/** One run in which the model calls `whoami` and answers with its result. */
async function run() {
  fake.setScenario(
    scripted(
      {
        [model]: [
          { toolCalls: [{ name: 'mcp__secure__whoami', args: {} }] },
          (req) => ({
            toolCalls: [
              { name: 'new_answer', args: { content: `Tool: ${toolText(req, 'mcp__secure__whoami')}` } },
            ],
          }),
        ],
      },
      presentAnswer,
    ),
  );
  return runCli(['--automation', '--config', config, 'Who am I?'], { cwd: home, env: { BROWSER } });
}

function tokenFile(): string {
  const dir = path.join(home, '.massgen', 'mcp-auth');
  const files = readdirSync(dir);
  expect(files).toHaveLength(1);
  return path.join(dir, files[0]!);
}

interface Stored {
  tokens: { access_token: string; refresh_token: string };
  expiresAt: number;
  client: { client_id: string };
}

describe('MCP OAuth (CLI, SDK authorization server)', () => {
  it('signs in through the browser on the first run and keeps the tokens in a private file', async () => {
    const r = await run();
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('MCP server "secure" (agent a) needs authorization');
    expect(r.stderr).toMatch(/http:\/\/127\.0\.0\.1:\d+\/authorize\?/);
    expect(field(r.stdout, 'ANSWER_PREVIEW')).toMatch(/^Tool: signed in as client-/);
    expect(server.log).toMatchObject({ registrations: 1, authorizations: 1, codeExchanges: 1, refreshes: 0 });
    const file = tokenFile();
    expect(path.basename(file)).toMatch(/^secure-[0-9a-f]{10}\.json$/);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(path.dirname(file)).mode & 0o777).toBe(0o700);
    const stored = JSON.parse(readFileSync(file, 'utf8')) as Stored;
    expect(stored.tokens.access_token).toBe(server.log.issued[0]);
    expect(stored.client.client_id).toMatch(/^client-/);
  });

  it('reuses the stored tokens on the next run: no browser, no new registration', async () => {
    const before = server.log.mcpRequests;
    const r = await run();
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(field(r.stdout, 'ANSWER_PREVIEW')).toMatch(/^Tool: signed in as client-/);
    expect(server.log).toMatchObject({ registrations: 1, authorizations: 1, codeExchanges: 1, refreshes: 0 });
    expect(server.log.issued).toHaveLength(1);
    // initialize, notifications/initialized, tools/list, tools/call: each with a valid token, no 401.
    expect(server.log.mcpRequests - before).toBe(4);
  });

  it('refreshes an expired token before using it', async () => {
    const file = tokenFile();
    const stored = JSON.parse(readFileSync(file, 'utf8')) as Stored;
    writeFileSync(file, JSON.stringify({ ...stored, expiresAt: Date.now() - 60_000 }));
    server.expireTokens();
    const r = await run();
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(field(r.stdout, 'ANSWER_PREVIEW')).toMatch(/^Tool: signed in as client-/);
    expect(server.log).toMatchObject({ registrations: 1, authorizations: 1, codeExchanges: 1, refreshes: 1 });
    const refreshed = JSON.parse(readFileSync(file, 'utf8')) as Stored;
    expect(server.log.issued).toHaveLength(2);
    expect(refreshed.tokens.access_token).toBe(server.log.issued[1]);
    expect(refreshed.tokens.refresh_token).not.toBe(stored.tokens.refresh_token);
    expect(refreshed.expiresAt).toBeGreaterThan(Date.now());
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });
});

/** A fresh server (with `options`) and HOME, and a config of `agents` agents using it. */
async function setup(options: Parameters<typeof startOAuthServer>[0], agents: string[]) {
  const oauthServer = await startOAuthServer(options);
  const dir = tempHome();
  const file = writeFile(
    dir,
    'oauth.yaml',
    `agents:\n${agents
      .map((id) =>
        agent(id, `${id}-model`, [
          'mcp_servers:',
          '  - name: secure',
          `    url: ${q(oauthServer.url)}`,
          '    oauth: true',
        ]),
      )
      .join('\n')}\n`,
  );
  const script = Object.fromEntries(
    agents.map((id) => [
      `${id}-model`,
      [
        { toolCalls: [{ name: 'mcp__secure__whoami', args: {} }] },
        (req: Parameters<typeof toolText>[0]) => ({
          toolCalls: [
            { name: 'new_answer', args: { content: `Tool: ${toolText(req, 'mcp__secure__whoami')}` } },
          ],
        }),
      ],
    ]),
  );
  fake.setScenario(scripted(script, presentAnswer));
  const result = await runCli(['--automation', '--config', file, 'Who am I?'], {
    cwd: dir,
    env: { BROWSER },
  });
  await oauthServer.close();
  return { result, log: oauthServer.log };
}

describe('MCP OAuth: scopes and several agents (CLI)', () => {
  it('asks for more scope when a call needs it (step-up) and then makes the call', async () => {
    const { result, log } = await setup({ callScope: 'mcp:write' }, ['a']);
    expect(result.code).toBe(0);
    expect(field(result.stdout, 'ANSWER_PREVIEW')).toMatch(/^Tool: signed in as client-/);
    expect(log.insufficientScope).toBe(1);
    expect(log.authorizedScopes).toEqual(['mcp:tools', 'mcp:tools mcp:write']);
    expect(log).toMatchObject({ registrations: 1, authorizations: 2, codeExchanges: 2 });
  });

  it('does not ask again for a scope already granted: the refused call is an error result', async () => {
    const { result, log } = await setup({ callScope: 'mcp:write', refuseCalls: true }, ['a']);
    expect(result.code).toBe(0);
    expect(field(result.stdout, 'ANSWER_PREVIEW')).toContain(
      'MCP server "secure" refused the call (403 Forbidden, insufficient scope)',
    );
    expect(log.authorizedScopes).toEqual(['mcp:tools', 'mcp:tools mcp:write']);
    expect(log.insufficientScope).toBe(2);
  });

  it('signs in once for two agents that use the same server', async () => {
    const { result, log } = await setup({}, ['a', 'b']);
    expect(result.code).toBe(0);
    expect(log).toMatchObject({ registrations: 1, authorizations: 1, codeExchanges: 1, refreshes: 0 });
    expect(result.stderr.match(/needs authorization/g)).toHaveLength(1);
  });
});
