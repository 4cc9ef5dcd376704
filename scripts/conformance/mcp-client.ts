/**
 * The client command the MCP conformance suite runs (`… mcp-client.ts <server-url>`): a one-agent
 * MassGen run through the library API (`runConfig`, the product's MCP connection code), on the
 * loopback fake LLM provider, with the suite's server as the agent's MCP server `conf`.
 *
 * The fake model calls every tool the server offers (arguments made up from their schemas), then
 * answers. Scenario data the suite passes (`MCP_CONFORMANCE_CONTEXT`: pre-registered or machine
 * credentials) becomes the server's `oauth` setting, as a user would write it. The browser is
 * `headless-browser.mjs` (the suite's authorization server redirects at once) and an elicitation is
 * accepted with every field left to its default, as a user pressing Enter through the form.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfigFile } from '../../src/config/load.js';
import type { CoordinationEvent } from '../../src/events/types.js';
import { runConfig } from '../../src/run/run-config.js';
import { consensus, type FakeReply, type FakeRequest } from '../../test/fake-provider/scenario.js';
import { createFakeProvider } from '../../test/fake-provider/server.js';

const SERVER = 'conf';
/** The URL-based client id the suite's CIMD scenario expects (it does not resolve: used only there). */
const CIMD_URL = 'https://conformance-test.local/client-metadata.json';

const scenario = process.env.MCP_CONFORMANCE_SCENARIO ?? '';
const serverUrl = process.argv[2];
if (!serverUrl) {
  process.stderr.write('usage: mcp-client.ts <server-url> (MCP_CONFORMANCE_SCENARIO names the scenario)\n');
  process.exit(2);
}
const context = JSON.parse(process.env.MCP_CONFORMANCE_CONTEXT ?? '{}') as Record<string, string>;

/** The `oauth` setting of the server entry. */
function oauthSetting(): unknown {
  if (!scenario.startsWith('auth/')) return undefined;
  if (scenario.startsWith('auth/client-credentials-')) {
    return {
      grant_type: 'client_credentials',
      client_id: context.client_id,
      ...(context.private_key_pem
        ? { private_key: context.private_key_pem, signing_algorithm: context.signing_algorithm ?? 'ES256' }
        : { client_secret: context.client_secret }),
    };
  }
  if (scenario === 'auth/cross-app-access-complete-flow') {
    return {
      grant_type: 'cross_app_access',
      id_token: context.idp_id_token,
      idp_token_endpoint: context.idp_token_endpoint,
      idp_client_id: context.idp_client_id,
      client_id: context.client_id,
      client_secret: context.client_secret,
    };
  }
  if (context.client_id) return { client_id: context.client_id, client_secret: context.client_secret };
  if (scenario === 'auth/basic-cimd') return { client_metadata_url: CIMD_URL };
  return true;
}

/** Made-up arguments that satisfy a tool's input schema. */
function argumentsFor(schema: unknown): Record<string, unknown> {
  const properties = ((schema as { properties?: Record<string, { type?: string }> })?.properties ??
    {}) as Record<string, { type?: string; enum?: unknown[] }>;
  return Object.fromEntries(
    Object.entries(properties).map(([name, p], i) => [
      name,
      p.enum?.[0] ??
        (p.type === 'number' || p.type === 'integer' ? i + 2 : p.type === 'boolean' ? true : 'conformance'),
    ]),
  );
}

const prefix = `mcp__${SERVER}__`;
const callEveryTool = (req: FakeRequest): FakeReply | undefined => {
  const workflow = req.tools.some((t) => t.name === 'new_answer');
  const called = req.messages.some((m) => m.role === 'tool');
  const tools = req.tools.filter((t) => t.name.startsWith(prefix));
  if (!workflow || called || tools.length === 0) return undefined;
  return { toolCalls: tools.map((t) => ({ name: t.name, args: argumentsFor(t.parameters) })) };
};
const protocol = consensus({
  answer: (req) =>
    req.messages
      .filter((m) => m.role === 'tool')
      .map((m) => m.text)
      .join('\n') || 'No tools.',
});

const fake = await createFakeProvider({ scenario: (req) => callEveryTool(req) ?? protocol(req) });
const home = mkdtempSync(path.join(os.tmpdir(), 'massgen-conformance-'));
const oauth = oauthSetting();
const config = {
  agents: [
    {
      id: 'client',
      backend: {
        type: 'chatcompletion',
        model: 'conformance-model',
        base_url: fake.baseUrls.chat,
        api_key: 'test-key',
        // The suite checks the MCP client: its tools run at once, without the safety policy's deferral.
        permissions: false,
        mcp_servers: [{ name: SERVER, type: 'streamable-http', url: serverUrl, ...(oauth ? { oauth } : {}) }],
      },
    },
  ],
  timeout_settings: { orchestrator_timeout_seconds: 25 },
};
const file = path.join(home, 'conformance.yaml');
writeFileSync(file, JSON.stringify(config, null, 2));
const browser = path.join(import.meta.dirname, 'headless-browser.mjs');

let failed: string | undefined;
const log = (event: CoordinationEvent) => {
  if (event.type === 'tool-server-status') {
    process.stderr.write(`[${event.server}] ${event.status}${event.error ? `: ${event.error}` : ''}\n`);
    if (event.status === 'failed') failed = event.error;
  } else if (
    event.type === 'tool-result' ||
    event.type === 'elicitation-request' ||
    event.type === 'elicitation-response'
  ) {
    process.stderr.write(`${JSON.stringify(event)}\n`);
  }
};
try {
  const { config: loaded } = await loadConfigFile(file, { cwd: home, home });
  const outcome = await runConfig(loaded, {
    question: 'Use the tools of the MCP server.',
    logRoot: false,
    homeDir: home,
    env: { ...process.env, BROWSER: `${process.execPath} ${browser}` },
    onElicitation: async () => ({ action: 'accept', content: {} }),
    onEvent: log,
  });
  process.stdout.write(`status: ${outcome.status}\nanswer: ${outcome.finalAnswer ?? ''}\n`);
  process.exitCode = outcome.finalAnswer !== undefined && failed === undefined ? 0 : 1;
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
} finally {
  await fake.close();
}
