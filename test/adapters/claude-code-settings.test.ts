/** How a claude_code backend block becomes Claude Code's options, and how its calls are judged. */
import { describe, expect, it } from 'vitest';
import { claudeCodeSettings } from '../../src/adapters/claude-code/settings.js';
import { claudeCodeBuiltin } from '../../src/adapters/claude-code/tool-names.js';
import { codexConfig } from '../../src/adapters/codex/settings.js';
import { MissingApiKeyError } from '../../src/errors.js';

const call = (toolName: string, input: Record<string, unknown>) => ({ toolCallId: 'c', toolName, input });

describe('claude_code settings', () => {
  it('take the base URL without its /v1 (Claude Code adds it), from the config or ANTHROPIC_BASE_URL', () => {
    const env = { ANTHROPIC_API_KEY: 'k', ANTHROPIC_BASE_URL: 'https://proxy.example/' };
    const fromConfig = claudeCodeSettings(
      'a',
      { type: 'claude_code', model: 'm', base_url: 'http://127.0.0.1:9/v1/' },
      env,
    );
    expect(fromConfig.baseUrl).toBe('http://127.0.0.1:9');
    expect(claudeCodeSettings('a', { type: 'claude_code', model: 'm' }, env).baseUrl).toBe(
      'https://proxy.example',
    );
    expect(
      claudeCodeSettings('a', { type: 'claude_code', model: 'm' }, { ANTHROPIC_API_KEY: 'k' }).baseUrl,
    ).toBe(undefined);
  });

  it('need ANTHROPIC_API_KEY (or api_key, with ${VAR} expanded)', () => {
    expect(() => claudeCodeSettings('a', { type: 'claude_code', model: 'm' }, {})).toThrow(
      MissingApiKeyError,
    );
    const settings = claudeCodeSettings(
      'a',
      { type: 'claude_code', model: 'm', api_key: '${MY_KEY}' },
      { MY_KEY: 's' },
    );
    expect(settings.apiKey).toBe('s');
  });

  it('give MCP servers in the SDK shape, ${VAR} expanded, and the tool lists and modes as they are', () => {
    const settings = claudeCodeSettings(
      'a',
      {
        type: 'claude_code',
        model: 'm',
        allowed_tools: ['Read', 'Bash'],
        disallowed_tools: ['WebFetch'],
        permission_mode: 'acceptEdits',
        max_thinking_tokens: 2000,
        mcp_servers: [
          { name: 'files', command: 'npx', args: ['-y', 'server', '${DIR}'], env: { TOKEN: '${T}' } },
          {
            name: 'web',
            url: 'https://mcp.example/${P}',
            headers: { Authorization: 'Bearer ${T}' },
            timeout_seconds: 5,
          },
        ],
      },
      { ANTHROPIC_API_KEY: 'k', DIR: '/data', T: 'tok', P: 'mcp' },
    );
    expect(settings).toMatchObject({
      tools: ['Read', 'Bash'],
      disallowedTools: ['WebFetch'],
      permissionMode: 'acceptEdits',
      maxThinkingTokens: 2000,
    });
    expect(settings.mcpServers).toEqual({
      files: { type: 'stdio', command: 'npx', args: ['-y', 'server', '/data'], env: { TOKEN: 'tok' } },
      web: {
        type: 'http',
        url: 'https://mcp.example/mcp',
        headers: { Authorization: 'Bearer tok' },
        timeout: 5000,
      },
    });
  });
});

describe("Claude Code's calls as MassGen tools", () => {
  it('judge Bash as execute_command and the file tools by their path', () => {
    expect(claudeCodeBuiltin(call('Bash', { command: 'ls -la', description: 'x' }))).toEqual({
      toolName: 'execute_command',
      input: { command: 'ls -la' },
    });
    expect(claudeCodeBuiltin(call('Write', { file_path: 'a.txt', content: 'x' }))).toEqual({
      toolName: 'write_file',
      input: { path: 'a.txt', content: 'x' },
    });
    expect(
      claudeCodeBuiltin(call('Edit', { file_path: '/etc/hosts', old_string: 'a', new_string: 'b' })),
    ).toEqual({
      toolName: 'edit_file',
      input: { path: '/etc/hosts' },
    });
    expect(claudeCodeBuiltin(call('Grep', { pattern: 'x' }))).toEqual({
      toolName: 'search_files',
      input: { path: '.' },
    });
    expect(claudeCodeBuiltin(call('TodoWrite', { todos: [] }))).toBe('internal');
    expect(claudeCodeBuiltin(call('mcp__files__read', {}))).toBeUndefined();
  });
});

describe('codex config', () => {
  it('is a provider of its own on the Responses API, without WebSockets, with the workflow server approved', () => {
    const config = codexConfig(
      {
        type: 'codex',
        model: 'gpt-5-codex',
        base_url: 'http://127.0.0.1:9/v1/',
        reasoning: { effort: 'high' },
      },
      {},
      'the coordination prompt',
      'http://127.0.0.1:7/mcp/token',
    );
    expect(config).toEqual({
      model_provider: 'massgen',
      model_providers: {
        massgen: {
          name: 'MassGen',
          base_url: 'http://127.0.0.1:9/v1',
          wire_api: 'responses',
          env_key: 'CODEX_API_KEY',
          supports_websockets: false,
        },
      },
      developer_instructions: 'the coordination prompt',
      model_reasoning_effort: 'high',
      mcp_servers: {
        massgen: { url: 'http://127.0.0.1:7/mcp/token', default_tools_approval_mode: 'approve' },
      },
    });
  });
});
