/** How a copilot backend block becomes the Copilot SDK's options, and how its permission requests are judged. */
import { describe, expect, it } from 'vitest';
import { CopilotEventReader } from '../../src/adapters/copilot/events.js';
import { copilotBuiltin, permissionCall } from '../../src/adapters/copilot/permissions.js';
import { copilotSettings } from '../../src/adapters/copilot/settings.js';
import { validateConfigObject } from '../../src/config/validate.js';
import { ConfigError, MissingApiKeyError } from '../../src/errors.js';
import type { AdapterEvents } from '../../src/types/agent-adapter.js';

const backend = (extra: Record<string, unknown> = {}) => ({ type: 'copilot', model: 'gpt-5-mini', ...extra });

describe('copilot settings', () => {
  it('use an OpenAI BYOK provider by default: OPENAI_API_KEY and OPENAI_BASE_URL or OpenAI', () => {
    expect(copilotSettings('a', backend(), { OPENAI_API_KEY: 'k' }).provider).toEqual({
      type: 'openai',
      baseUrl: 'https://api.openai.com/v1',
      apiKey: 'k',
    });
    const proxied = copilotSettings('a', backend({ wire_api: 'responses' }), {
      OPENAI_API_KEY: 'k',
      OPENAI_BASE_URL: 'http://127.0.0.1:9/v1/',
    });
    expect(proxied.provider).toEqual({
      type: 'openai',
      baseUrl: 'http://127.0.0.1:9/v1',
      apiKey: 'k',
      wireApi: 'responses',
    });
  });

  it('take Anthropic for a claude model (ANTHROPIC_API_KEY, base URL without /v1), or as copilot_provider', () => {
    const env = { ANTHROPIC_API_KEY: 'ak', ANTHROPIC_BASE_URL: 'http://127.0.0.1:9/v1' };
    const byModel = copilotSettings('a', backend({ model: 'claude-sonnet-4.5', wire_api: 'responses' }), env);
    expect(byModel.provider).toEqual({ type: 'anthropic', baseUrl: 'http://127.0.0.1:9', apiKey: 'ak' });
    const chosen = copilotSettings('a', backend({ copilot_provider: 'anthropic' }), {
      ANTHROPIC_API_KEY: 'ak',
    });
    expect(chosen.provider?.baseUrl).toBe('https://api.anthropic.com');
  });

  it('take Azure with its endpoint, key and API version; without an endpoint they name the keys', () => {
    const azure = copilotSettings(
      'a',
      backend({
        copilot_provider: 'azure',
        azure_endpoint: 'https://r.openai.azure.com/',
        api_version: '2024-10-21',
      }),
      { AZURE_OPENAI_API_KEY: 'zk' },
    );
    expect(azure.provider).toEqual({
      type: 'azure',
      baseUrl: 'https://r.openai.azure.com',
      apiKey: 'zk',
      azure: { apiVersion: '2024-10-21' },
    });
    expect(() =>
      copilotSettings('a', backend({ copilot_provider: 'azure' }), { AZURE_OPENAI_API_KEY: 'zk' }),
    ).toThrow(
      new ConfigError(
        'Agent "a" (backend copilot, copilot_provider: azure) needs the Azure endpoint: give backend.base_url (or azure_endpoint), or set AZURE_OPENAI_ENDPOINT',
      ),
    );
  });

  it('use the GitHub Copilot service with a GitHub token when asked, or when no provider key is found', () => {
    const github = copilotSettings('a', backend({ copilot_provider: 'github' }), {
      OPENAI_API_KEY: 'k',
      GH_TOKEN: 'gh',
    });
    expect([github.provider, github.gitHubToken, github.gitHubTokenVariable]).toEqual([
      undefined,
      'gh',
      'GH_TOKEN',
    ]);
    const fallback = copilotSettings('a', backend(), { GITHUB_TOKEN: 'gt' });
    expect([fallback.provider, fallback.gitHubToken]).toEqual([undefined, 'gt']);
    expect(() => copilotSettings('a', backend({ copilot_provider: 'github' }), {})).toThrow(
      'Agent "a" (backend copilot) needs an API key: set COPILOT_GITHUB_TOKEN or GH_TOKEN or GITHUB_TOKEN',
    );
  });

  it('need a provider key (api_key with ${VAR} expanded), except on a loopback server', () => {
    expect(() => copilotSettings('a', backend(), {})).toThrow(MissingApiKeyError);
    expect(copilotSettings('a', backend({ api_key: '${MINE}' }), { MINE: 's' }).provider?.apiKey).toBe('s');
    const local = copilotSettings('a', backend({ base_url: 'http://localhost:11434/v1' }), {});
    expect(local.provider?.apiKey).toBe('EMPTY');
  });

  it("read MassGen's keys: prompt mode, permission policy, tool filters, MCP servers, effort, send timeout", () => {
    const settings = copilotSettings(
      'a',
      backend({
        system_message_mode: 'replace',
        copilot_permission_policy: 'deny',
        allowed_tools: ['bash', 'view'],
        exclude_tools: ['web_fetch'],
        reasoning: { effort: 'high' },
        session_send_timeout_seconds: 5,
        mcp_servers: [
          { name: 'files', command: 'npx', args: ['-y', 'server', '${DIR}'], env: { T: '${T}' }, cwd: '/w' },
          {
            name: 'web',
            url: 'https://mcp.example/mcp',
            headers: { A: 'Bearer ${T}' },
            timeout_seconds: 3,
            allowed_tools: ['fetch', 'search'],
            exclude_tools: ['search'],
          },
        ],
      }),
      { OPENAI_API_KEY: 'k', DIR: '/data', T: 'tok' },
    );
    expect(settings).toMatchObject({
      systemMessageMode: 'replace',
      permissionPolicy: 'deny',
      availableTools: ['bash', 'view'],
      excludedTools: ['web_fetch', 'mcp:web-search'],
      reasoningEffort: 'high',
      startTimeoutMs: 5000,
      mcpServers: {
        files: {
          type: 'stdio',
          command: 'npx',
          args: ['-y', 'server', '/data'],
          env: { T: 'tok' },
          workingDirectory: '/w',
        },
        web: {
          type: 'http',
          url: 'https://mcp.example/mcp',
          headers: { A: 'Bearer tok' },
          tools: ['fetch', 'search'],
          timeout: 3000,
        },
      },
    });
    const defaults = copilotSettings('a', backend(), { OPENAI_API_KEY: 'k' });
    expect([defaults.systemMessageMode, defaults.permissionPolicy, defaults.startTimeoutMs]).toEqual([
      'append',
      'approve',
      60_000,
    ]);
  });

  it('are keys of copilot backends only', () => {
    const r = validateConfigObject(
      {
        agents: [
          { id: 'a', backend: backend({ copilot_system_message_mode: 'append', wire_api: 'completions' }) },
          { id: 'b', backend: { type: 'openai', model: 'gpt-4o', copilot_permission_policy: 'approve' } },
        ],
      },
      'c.yaml',
    );
    expect(r.errors.map((e) => [e.path, e.message])).toEqual([
      [
        'agents[1].backend.copilot_permission_policy',
        '`copilot_permission_policy` is read by `type: copilot` backends only',
      ],
    ]);
  });
});

describe('copilot permission requests', () => {
  const names = new Map([
    ['c1', 'bash'],
    ['c2', 'create'],
    ['c3', 'view'],
  ]);

  it('are the calls of the tools the model called, judged as the MassGen tools they stand for', () => {
    const shell = permissionCall({ kind: 'shell', toolCallId: 'c1', fullCommandText: 'ls -la' }, names);
    expect(shell).toEqual({ toolCallId: 'c1', toolName: 'bash', input: { command: 'ls -la' } });
    expect(copilotBuiltin(shell)).toEqual({ toolName: 'execute_command', input: { command: 'ls -la' } });
    const write = permissionCall(
      { kind: 'write', toolCallId: 'c2', fileName: 'a.txt', resolvedPath: '/w/a.txt', newFileContents: 'x' },
      names,
    );
    expect(copilotBuiltin(write)).toEqual({
      toolName: 'write_file',
      input: { path: '/w/a.txt', content: 'x' },
    });
    const read = permissionCall({ kind: 'read', toolCallId: 'c3', path: 'a.txt' }, names);
    expect(copilotBuiltin(read)).toEqual({ toolName: 'read_file', input: { path: 'a.txt' } });
    const search = permissionCall({ kind: 'read', toolCallId: 'c4', path: '/w' }, new Map([['c4', 'grep']]));
    expect([search.toolName, copilotBuiltin(search)]).toEqual([
      'grep',
      { toolName: 'search_files', input: { path: '/w' } },
    ]);
  });

  it('name the kind when the call is unknown or stands for another tool; MCP calls by server and tool', () => {
    const shell = permissionCall({ kind: 'shell', toolCallId: 'c3', fullCommandText: 'rm x' }, names);
    expect([shell.toolName, copilotBuiltin(shell)]).toEqual([
      'shell',
      { toolName: 'execute_command', input: { command: 'rm x' } },
    ]);
    const mcp = permissionCall(
      { kind: 'mcp', serverName: 'files', toolName: 'list', args: { p: '.' } },
      names,
    );
    expect([mcp.toolName, mcp.input, copilotBuiltin(mcp)]).toEqual([
      'mcp__files__list',
      { p: '.' },
      undefined,
    ]);
    const url = permissionCall({ kind: 'url', url: 'https://x.example' }, names);
    expect([url.toolName, url.input, copilotBuiltin(url)]).toEqual([
      'url',
      { url: 'https://x.example' },
      undefined,
    ]);
    expect(copilotBuiltin(permissionCall({ kind: 'memory', fact: 'f' }, names))).toBe('internal');
  });

  it('name an MCP call asked about by the pre-tool-use hook by its server (the longest that matches)', () => {
    const servers = ['files', 'files-extra'];
    const hook = (toolName: string) =>
      permissionCall({ kind: 'hook', toolCallId: 'h', toolName, toolArgs: { p: 1 } }, names, servers);
    expect([
      hook('files-list').toolName,
      hook('files-extra-read').toolName,
      hook('other-x').toolName,
    ]).toEqual(['mcp__files__list', 'mcp__files-extra__read', 'other-x']);
    expect(hook('files-list').input).toEqual({ p: 1 });
  });
});

describe('copilot session events', () => {
  function recorder() {
    const seen: unknown[][] = [];
    const events: AdapterEvents = {
      text: (t) => seen.push(['text', t]),
      reasoning: (t) => seen.push(['reasoning', t]),
      toolCall: (c) => seen.push(['call', c.toolName, c.input]),
      toolResult: (r) => seen.push(['result', r.toolName, r.output, r.isError]),
      usage: (u) => seen.push(['usage', u]),
      warning: (m) => seen.push(['warning', m]),
    };
    return { seen, events };
  }

  it('stream text once, report its own tools (not the workflow tools) and the usage of each call', () => {
    const { seen, events } = recorder();
    const reader = new CopilotEventReader(events, ['new_answer', 'vote']);
    const read = (type: string, data: Record<string, unknown>) => reader.read({ type, data });
    read('assistant.reasoning_delta', { deltaContent: 'think' });
    read('assistant.message_delta', { messageId: 'm1', deltaContent: 'Hel' });
    read('assistant.message_delta', { messageId: 'm1', deltaContent: 'lo' });
    read('assistant.message', { messageId: 'm1', content: 'Hello' });
    read('assistant.message', { messageId: 'm2', content: 'Whole' });
    read('assistant.usage', { inputTokens: 10, outputTokens: 3, cacheReadTokens: 4, reasoningTokens: 0 });
    read('tool.execution_start', { toolCallId: 't1', toolName: 'bash', arguments: { command: 'ls' } });
    read('tool.execution_complete', { toolCallId: 't1', success: false, error: { message: 'denied' } });
    read('tool.execution_start', { toolCallId: 't2', toolName: 'vote', arguments: {} });
    read('tool.execution_complete', { toolCallId: 't2', success: true, result: { content: 'ok' } });
    expect(seen).toEqual([
      ['reasoning', 'think'],
      ['text', 'Hel'],
      ['text', 'lo'],
      ['text', 'Whole'],
      ['usage', { inputTokens: 10, outputTokens: 3, cachedInputTokens: 4 }],
      ['call', 'bash', { command: 'ls' }],
      ['result', 'bash', 'denied', true],
    ]);
    expect(reader.text()).toBe('Hello\n\nWhole');
    expect(reader.failure()).toBe(undefined);
    read('session.error', {
      errorType: 'http',
      message: '500 Internal error\n  Check your COPILOT_PROVIDER_API_KEY',
    });
    expect([reader.failure(), reader.keyRefused]).toEqual(['Copilot failed: 500 Internal error', false]);
    read('session.error', { errorType: 'authentication', message: 'refused', statusCode: 401 });
    expect(reader.keyRefused).toBe(true);
  });
});
