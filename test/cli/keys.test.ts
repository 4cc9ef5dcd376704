import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consensus } from '../fake-provider/scenario.js';
import { createFakeProvider, type FakeProvider } from '../fake-provider/server.js';
import { field, runCli, tempHome, writeFile } from '../support/cli.js';

let fake: FakeProvider;

beforeAll(async () => {
  fake = await createFakeProvider();
});
afterAll(async () => {
  await fake.close();
});

/** A port nothing listens on: requests sent there fail at once. */
const DEAD = 'http://127.0.0.1:9/v1';
const OPENAI_KEY = 'sk-openai-env-key-0001';

type Agent = { id: string; type: string; model: string; base_url?: string; api_key?: string };

function yaml(agents: Agent[], extra: string[] = []): string {
  const lines = ['agents:'];
  for (const a of agents) {
    lines.push(`  - id: "${a.id}"`, '    backend:', `      type: "${a.type}"`, `      model: "${a.model}"`);
    if (a.base_url) lines.push(`      base_url: "${a.base_url}"`);
    if (a.api_key) lines.push(`      api_key: "${a.api_key}"`);
  }
  return `${[...lines, ...extra].join('\n')}\n`;
}

const requestsOf = (model: string, since: number) =>
  fake.requests.filter((r) => r.model === model && r.index >= since);

describe('API keys and base URLs (CLI against the fake provider)', () => {
  it('refuses an api_key whose ${VAR} is unset, naming the variable, the key path and the agent, before any request', async () => {
    const home = tempHome();
    const file = writeFile(
      home,
      'unset.yaml',
      [
        'agents:',
        '  - id: a',
        `    backend: { type: claude, model: claude-unset, base_url: "${fake.baseUrls.anthropic}", api_key: k }`,
        '  - id: b',
        '    backend:',
        '      type: openai',
        '      model: gpt-unset',
        `      base_url: "${fake.baseUrls.openai}"`,
        '      api_key: "${MY_KEY}"',
        '      mcp_servers:',
        '        - name: web',
        '          url: "http://127.0.0.1:9/mcp"',
        '          headers: { Authorization: "Bearer ${MY_TOKEN}" }',
        '',
      ].join('\n'),
    );
    const before = fake.requests.length;
    const r = await runCli(['--automation', '--config', file, 'Q'], {
      cwd: home,
      env: { OPENAI_API_KEY: OPENAI_KEY },
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('environment variables not set: MY_KEY, MY_TOKEN');
    expect(r.stderr).toContain(
      `${file}: agents[1].backend.api_key: \${MY_KEY} is not set or is empty (agent "b")`,
    );
    expect(r.stderr).toContain(
      `${file}: agents[1].backend.mcp_servers[0].headers.Authorization: \${MY_TOKEN} is not set or is empty (agent "b")`,
    );
    expect(r.stderr).toContain('fix: set MY_KEY in the environment, in ./.env or in ~/.massgen/.env');
    expect(r.stderr).not.toContain(OPENAI_KEY);
    expect(fake.requests.length).toBe(before);
  });

  it('treats an empty variable as unset: the provider variable is not sent in its place', async () => {
    const home = tempHome();
    const file = writeFile(
      home,
      'empty.yaml',
      yaml([
        {
          id: 'solo',
          type: 'openai',
          model: 'gpt-empty',
          base_url: fake.baseUrls.openai,
          api_key: '${MY_KEY}',
        },
      ]),
    );
    const before = fake.requests.length;
    const r = await runCli(['--automation', '--config', file, 'Q'], {
      cwd: home,
      env: { OPENAI_API_KEY: OPENAI_KEY, MY_KEY: '' },
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('agents[0].backend.api_key: ${MY_KEY} is not set or is empty (agent "solo")');
    expect(fake.requests.length).toBe(before);
  });

  it('sends the key of ${VAR} when it is set', async () => {
    fake.setScenario(consensus());
    const home = tempHome();
    const file = writeFile(
      home,
      'set.yaml',
      yaml([
        {
          id: 'solo',
          type: 'openai',
          model: 'gpt-set',
          base_url: fake.baseUrls.openai,
          api_key: '${MY_KEY}',
        },
      ]),
    );
    const since = fake.requests.length;
    const r = await runCli(['--automation', '--config', file, 'Q'], {
      cwd: home,
      env: { OPENAI_API_KEY: OPENAI_KEY, MY_KEY: 'my-own-key-42' },
    });
    expect(r.code).toBe(0);
    const sent = new Set(requestsOf('gpt-set', since).map((q) => q.headers.authorization));
    expect(sent).toEqual(new Set(['Bearer my-own-key-42']));
  });

  it('reads OPENAI_BASE_URL, ANTHROPIC_BASE_URL and GOOGLE_GEMINI_BASE_URL as the official SDKs do', async () => {
    fake.setScenario(consensus());
    const home = tempHome();
    const file = writeFile(
      home,
      'env-urls.yaml',
      yaml([
        { id: 'gpt', type: 'openai', model: 'gpt-env' },
        { id: 'claude', type: 'claude', model: 'claude-env' },
        { id: 'gemini', type: 'gemini', model: 'gemini-env' },
        { id: 'chat', type: 'chatcompletion', model: 'chat-env' },
      ]),
    );
    const since = fake.requests.length;
    const r = await runCli(['--automation', '--config', file, 'Q'], {
      cwd: home,
      env: {
        OPENAI_BASE_URL: `${fake.url}/v1`, // the OpenAI SDKs take it with /v1
        ANTHROPIC_BASE_URL: `${fake.url}/`, // the Anthropic SDKs add /v1 themselves
        GOOGLE_GEMINI_BASE_URL: fake.url, // the Google Gen AI SDKs add the API version
        OPENAI_API_KEY: OPENAI_KEY,
        ANTHROPIC_API_KEY: 'sk-ant-env-key-0002',
        GEMINI_API_KEY: 'gemini-env-key-0003',
      },
    });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const seen = (model: string) => {
      const requests = requestsOf(model, since);
      expect(requests.length).toBeGreaterThan(0);
      return requests;
    };
    for (const q of seen('gpt-env')) {
      expect(q.path).toBe('/v1/responses');
      expect(q.headers.authorization).toBe(`Bearer ${OPENAI_KEY}`);
    }
    for (const q of seen('claude-env')) {
      expect(q.path).toBe('/v1/messages');
      expect(q.headers['x-api-key']).toBe('sk-ant-env-key-0002');
    }
    for (const q of seen('gemini-env')) {
      expect(q.path).toMatch(/^\/v1beta\/models\/gemini-env:(stream)?[gG]enerateContent$/);
      expect(q.headers['x-goog-api-key']).toBe('gemini-env-key-0003');
    }
    for (const q of seen('chat-env')) {
      expect(q.path).toBe('/v1/chat/completions');
      expect(q.headers.authorization).toBe(`Bearer ${OPENAI_KEY}`);
    }
  });

  it('lets the config base_url win over the environment variable', async () => {
    fake.setScenario(consensus());
    const home = tempHome();
    const file = writeFile(
      home,
      'wins.yaml',
      yaml([{ id: 'c', type: 'claude', model: 'claude-wins', base_url: fake.baseUrls.anthropic }]),
    );
    const since = fake.requests.length;
    const r = await runCli(['--automation', '--config', file, 'Q'], {
      cwd: home,
      env: { ANTHROPIC_BASE_URL: DEAD, ANTHROPIC_API_KEY: 'sk-ant-env-key-0002' },
    });
    expect(r.code).toBe(0);
    expect(requestsOf('claude-wins', since).length).toBeGreaterThan(0);
  });

  it('applies --base-url to every agent of a config whose agents share one backend type', async () => {
    fake.setScenario(consensus());
    const home = tempHome();
    const file = writeFile(
      home,
      'same.yaml',
      yaml([
        { id: 'x', type: 'chatcompletion', model: 'same-x', base_url: DEAD },
        { id: 'y', type: 'chatcompletion', model: 'same-y', base_url: DEAD },
      ]),
    );
    const since = fake.requests.length;
    const r = await runCli(['--automation', '--config', file, '--base-url', fake.baseUrls.chat, 'Q'], {
      cwd: home,
    });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(field(r.stdout, 'COMPLETED')).toMatch(/^2 agents/);
    expect(requestsOf('same-x', since).length).toBeGreaterThan(0);
    expect(requestsOf('same-y', since).length).toBeGreaterThan(0);
  });

  const mixed = () =>
    yaml([
      { id: 'local', type: 'chatcompletion', model: 'mixed-local', base_url: DEAD },
      {
        id: 'claude',
        type: 'claude',
        model: 'mixed-claude',
        base_url: fake.baseUrls.anthropic,
        api_key: 'k',
      },
    ]);

  it('refuses --base-url alone when the agents use several backend types, naming them and the fix', async () => {
    const home = tempHome();
    const file = writeFile(home, 'mixed.yaml', mixed());
    const before = fake.requests.length;
    const r = await runCli(['--automation', '--config', file, '--base-url', fake.baseUrls.chat, 'Q'], {
      cwd: home,
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('chatcompletion (local), claude (claude)');
    expect(r.stderr).toContain('Add --backend TYPE');
    expect(fake.requests.length).toBe(before);
  });

  it('applies --backend TYPE --base-url URL to the agents of that type only', async () => {
    fake.setScenario(consensus());
    const home = tempHome();
    const file = writeFile(home, 'mixed.yaml', mixed());
    const since = fake.requests.length;
    const r = await runCli(
      [
        '--automation',
        '--config',
        file,
        '--backend',
        'chatcompletion',
        '--base-url',
        fake.baseUrls.chat,
        'Q',
      ],
      { cwd: home },
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(new Set(requestsOf('mixed-local', since).map((q) => q.path))).toEqual(
      new Set(['/v1/chat/completions']),
    );
    expect(new Set(requestsOf('mixed-claude', since).map((q) => q.path))).toEqual(new Set(['/v1/messages']));
  });

  it('refuses --backend with --config when no agent has that type, or when --base-url is missing', async () => {
    const home = tempHome();
    const file = writeFile(home, 'mixed.yaml', mixed());
    const unused = await runCli(
      ['--config', file, '--backend', 'gemini', '--base-url', fake.baseUrls.gemini, 'Q'],
      { cwd: home },
    );
    expect(unused.code).toBe(1);
    expect(unused.stderr).toContain('no agent of the config uses backend type gemini');
    const alone = await runCli(['--config', file, '--backend', 'claude', 'Q'], { cwd: home });
    expect(alone.code).toBe(1);
    expect(alone.stderr).toContain('add --base-url URL');
    const model = await runCli(['--config', file, '--model', 'gpt-5', 'Q'], { cwd: home });
    expect(model.code).toBe(1);
    expect(model.stderr).toContain('--config cannot be combined with --model');
  });
});
