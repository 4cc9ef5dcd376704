/** How a gemini_cli backend block becomes the Gemini CLI's settings, and how the config accepts its keys. */
import { describe, expect, it } from 'vitest';
import { geminiCliSettings, settingsFile } from '../../src/adapters/gemini-cli/settings.js';
import { validateConfigObject } from '../../src/config/validate.js';
import { MissingApiKeyError } from '../../src/errors.js';

const backend = { type: 'gemini_cli', model: 'gemini-2.5-pro' };

describe('gemini_cli settings', () => {
  it('take the base URL without its /v1beta (the CLI adds it), from the config or GOOGLE_GEMINI_BASE_URL', () => {
    const env = { GEMINI_API_KEY: 'k', GOOGLE_GEMINI_BASE_URL: 'https://proxy.example/' };
    expect(geminiCliSettings('a', { ...backend, base_url: 'http://127.0.0.1:9/v1beta/' }, env).baseUrl).toBe(
      'http://127.0.0.1:9',
    );
    expect(geminiCliSettings('a', backend, env).baseUrl).toBe('https://proxy.example');
    expect(geminiCliSettings('a', backend, { GEMINI_API_KEY: 'k' }).baseUrl).toBe(undefined);
  });

  it('need GEMINI_API_KEY or GOOGLE_API_KEY (or api_key, with ${VAR} expanded)', () => {
    expect(() => geminiCliSettings('a', backend, {})).toThrow(MissingApiKeyError);
    expect(geminiCliSettings('a', backend, { GOOGLE_API_KEY: 'g' }).apiKey).toBe('g');
    expect(geminiCliSettings('a', { ...backend, api_key: '${MY_KEY}' }, { MY_KEY: 's' }).apiKey).toBe('s');
  });

  it('default to the headless default approval mode and pass the others as they are', () => {
    expect(geminiCliSettings('a', backend, { GEMINI_API_KEY: 'k' }).approvalMode).toBe('default');
    expect(
      geminiCliSettings('a', { ...backend, approval_mode: 'yolo' }, { GEMINI_API_KEY: 'k' }).approvalMode,
    ).toBe('yolo');
  });

  it('write a settings file that pins API-key auth, sends nothing to Google, and adds the workflow server', () => {
    const settings = geminiCliSettings(
      'a',
      {
        ...backend,
        allowed_tools: ['read_file', 'glob'],
        exclude_tools: ['google_web_search'],
        disallowed_tools: ['run_shell_command'],
        mcp_servers: [
          { name: 'files', command: 'npx', args: ['-y', 'server', '${DIR}'], env: { TOKEN: '${T}' } },
          {
            name: 'web',
            url: 'https://mcp.example/${P}',
            headers: { Authorization: 'Bearer ${T}' },
            timeout_seconds: 5,
            allowed_tools: ['fetch'],
          },
          { name: 'events', type: 'sse', url: 'https://sse.example/' },
        ],
      },
      { GEMINI_API_KEY: 'k', DIR: '/data', T: 'tok', P: 'mcp' },
    );
    expect(settingsFile(settings, 'http://127.0.0.1:5/mcp/x')).toEqual({
      security: { auth: { selectedType: 'gemini-api-key' }, folderTrust: { enabled: false } },
      privacy: { usageStatisticsEnabled: false },
      telemetry: { enabled: false },
      general: { enableAutoUpdate: false, enableAutoUpdateNotification: false },
      ide: { enabled: false },
      tools: { core: ['read_file', 'glob'], exclude: ['google_web_search', 'run_shell_command'] },
      mcpServers: {
        files: { command: 'npx', args: ['-y', 'server', '/data'], env: { TOKEN: 'tok' }, trust: true },
        web: {
          httpUrl: 'https://mcp.example/mcp',
          headers: { Authorization: 'Bearer tok' },
          trust: true,
          timeout: 5000,
          includeTools: ['fetch'],
        },
        events: { url: 'https://sse.example/', trust: true },
        massgen: { httpUrl: 'http://127.0.0.1:5/mcp/x', trust: true },
      },
    });
    // The presentation has no workflow server; without tools or servers those keys are left out.
    const bare = settingsFile(geminiCliSettings('a', backend, { GEMINI_API_KEY: 'k' }), undefined);
    expect(Object.keys(bare)).toEqual(['security', 'privacy', 'telemetry', 'general', 'ide']);
  });
});

describe('gemini_cli keys in a config', () => {
  const check = (b: Record<string, unknown>) =>
    validateConfigObject({ agents: [{ id: 'a', backend: b }] }, 'test.yaml');

  it('accepts MassGen’s keys of a gemini_cli backend without warnings', () => {
    const r = check({
      ...backend,
      cwd: 'ws',
      approval_mode: 'auto_edit',
      system_prompt: 'You are a careful coder.',
      append_system_prompt: 'Prefer small files.',
      allowed_tools: ['read_file'],
      exclude_tools: ['google_web_search'],
      mcp_servers: [{ name: 'files', command: 'npx', args: ['-y', 'server'] }],
    });
    expect(r.errors).toEqual([]);
    expect(r.warnings).toEqual([]);
  });

  it('rejects a bad approval mode and approval_mode on another backend, naming the key', () => {
    const bad = check({ ...backend, approval_mode: 'always' });
    expect(bad.errors.map((e) => e.path)).toEqual(['agents[0].backend.approval_mode']);
    const other = check({ type: 'gemini', model: 'gemini-2.5-flash', approval_mode: 'yolo' });
    expect(other.errors.map((e) => [e.path, e.message])).toEqual([
      ['agents[0].backend.approval_mode', '`approval_mode` is read by `type: gemini_cli` backends only'],
    ]);
  });
});
