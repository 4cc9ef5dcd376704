/**
 * Secrets the run does not know of, recognised by their shape: a provider error that echoes a URL
 * with a password and query keys, and credential headers, and a config with such headers and URLs.
 * None of them may appear in any file of the log folder.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consensus, scripted } from '../fake-provider/scenario.js';
import { createFakeProvider, type FakeProvider } from '../fake-provider/server.js';
import { field, runCli, tempHome, writeFile } from '../support/cli.js';
import { events } from '../tools/cli-helpers.js';

/** Each of these is in the provider's error message or in the config, and nowhere else. */
const SECRETS = {
  urlPassword: 'proxy-pass-7d1e',
  queryKey: 'AIzaQueryKey-91bc',
  queryToken: 'query-token-55af',
  bearer: 'bearer-echoed-3c9d',
  apiKeyHeader: 'xkey-echoed-0a17',
  cookie: 'sid-cookie-6e42',
  namedSecret: 'svc-secret-e5b3',
  mcpHeaderCookie: 'mcp-cookie-8f21',
  mcpHeaderKey: 'mcp-xkey-2b6d',
  mcpUrlPassword: 'mcp-urlpass-4c0e',
  mcpUrlKey: 'mcp-urlkey-19fa',
};

/** A 400 whose message repeats what a misconfigured proxy would: the URL and the request headers. */
const LEAKY_MESSAGE =
  `Upstream rejected POST https://admin:${SECRETS.urlPassword}@proxy.internal/v1/chat/completions?key=${SECRETS.queryKey}&token=${SECRETS.queryToken} ` +
  `(headers: Authorization: Bearer ${SECRETS.bearer}, {"x-api-key": "${SECRETS.apiKeyHeader}"}, Cookie: sid=${SECRETS.cookie}) ` +
  `with SERVICE_SECRET=${SECRETS.namedSecret}`;

let fake: FakeProvider;
beforeAll(async () => {
  fake = await createFakeProvider();
});
afterAll(async () => {
  await fake.close();
});

function allFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((f) => path.join(dir, f))
    .filter((f) => statSync(f).isFile());
}

describe('secrets recognised by their shape never reach the log folder (CLI)', () => {
  it('a provider error echoing a URL with a password, query keys and credential headers, and a config with such headers and URLs', async () => {
    fake.setScenario(
      scripted({ 'leaky-model': [{ error: { status: 400, message: LEAKY_MESSAGE } }] }, consensus()),
    );
    const home = tempHome();
    const q = JSON.stringify;
    const agent = (id: string, model: string, extra: string[] = []) => [
      `  - id: ${id}`,
      '    backend:',
      '      type: chatcompletion',
      `      model: ${model}`,
      `      base_url: ${q(fake.baseUrls.chat)}`,
      '      api_key: test-key',
      ...extra.map((l) => `      ${l}`),
    ];
    const file = writeFile(
      home,
      'leaky.yaml',
      [
        'agents:',
        ...agent('leaky', 'leaky-model', [
          'mcp_servers:',
          '  - name: remote',
          '    type: streamable-http',
          `    url: "http://me:${SECRETS.mcpUrlPassword}@127.0.0.1:9/mcp?api_key=${SECRETS.mcpUrlKey}"`,
          `    headers: { Cookie: "session=${SECRETS.mcpHeaderCookie}", X-Api-Key: "${SECRETS.mcpHeaderKey}" }`,
        ]),
        ...agent('steady', 'steady-model'),
        '',
      ].join('\n'),
    );
    const r = await runCli(['--automation', '--config', file, 'Anything?'], { cwd: home });
    expect(r.code).toBe(0);
    const logDir = field(r.stdout, 'LOG_DIR')!;

    // The provider's message did reach the run, as an agent error.
    const errors = events(logDir).filter((e) => e.type === 'agent-error');
    expect(errors.length).toBeGreaterThan(0);
    const shown = (errors[0] as { message: string }).message;
    expect(shown).toContain(
      'Upstream rejected POST https://admin:***@proxy.internal/v1/chat/completions?key=***&token=***',
    );
    expect(shown).toContain('Authorization: Bearer ***');
    expect(shown).toContain('{"x-api-key": "***"}');
    expect(shown).toContain('Cookie: ***');
    expect(shown).toContain('SERVICE_SECRET=***');

    const files = allFiles(path.join(home, '.massgen', 'massgen_logs'));
    expect(files.map((f) => path.basename(f))).toEqual(
      expect.arrayContaining(['events.jsonl', 'status.json', 'execution_metadata.yaml']),
    );
    const hits = files.flatMap((f) => {
      const text = readFileSync(f, 'utf8');
      return Object.entries(SECRETS)
        .filter(([, secret]) => text.includes(secret))
        .map(([name]) => `${path.relative(home, f)}: ${name}`);
    });
    expect(hits).toEqual([]);

    const metadata = readFileSync(path.join(logDir, 'execution_metadata.yaml'), 'utf8');
    expect(metadata).toContain('url: http://me:***@127.0.0.1:9/mcp?api_key=***');
    expect(metadata).toContain('Cookie: "***"');
  });
});
