import { describe, expect, it } from 'vitest';
import { validateConfigObject } from '../../src/config/validate.js';

const check = (backend: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
  validateConfigObject(
    { agents: [{ id: 'a', backend: { type: 'openai', model: 'gpt-5', ...backend } }], ...extra },
    'c.yaml',
  );
const paths = (issues: Array<{ path: string }>) => issues.map((i) => i.path);

describe('tool keys in the config', () => {
  it('accepts MCP servers, custom tools, filters and native flags without warnings', () => {
    const r = check(
      {
        enable_web_search: true,
        mcp_servers: [
          {
            name: 'fs',
            type: 'stdio',
            command: 'npx',
            args: ['-y', 'x'],
            env: { K: '${K}' },
            timeout_seconds: 5,
          },
          {
            name: 'api',
            type: 'streamable-http',
            url: 'http://localhost:8000/mcp',
            headers: { Authorization: 'Bearer ${T}' },
          },
        ],
        allowed_tools: ['mcp__fs__read_file'],
        exclude_tools: ['write_file'],
        max_mcp_message_history: 100,
        custom_tools: [
          { path: 'tools.ts', function: ['a', 'b'], preset_args: { unit: 'cm' } },
          { name: 'wc', command: ['wc', '-w', '{file}'], timeout_seconds: 2 },
        ],
      },
      { timeout_settings: { tool_timeout_seconds: 10 } },
    );
    expect(r.errors).toEqual([]);
    expect(r.warnings).toEqual([]);
    expect(r.config?.timeout_settings.tool_timeout_seconds).toBe(10);
  });

  it('rejects a server without command or url, and custom tools that mix or miss their forms', () => {
    const r = check({
      mcp_servers: [
        { name: 'a', type: 'stdio' },
        { name: 'b', type: 'streamable-http' },
      ],
      custom_tools: [
        { name: 'x', command: ['ls'], path: 't.ts' },
        { command: ['ls'] },
        { path: 't.ts' },
        { path: 't.ts', function: ['a', 'b'], name: ['only_one'] },
        { path: 'tool.rb', function: 'x' },
      ],
    });
    expect(paths(r.errors)).toEqual([
      'agents[0].backend.mcp_servers[0].command',
      'agents[0].backend.mcp_servers[1].url',
      'agents[0].backend.custom_tools[0].command',
      'agents[0].backend.custom_tools[1].name',
      'agents[0].backend.custom_tools[2].function',
      'agents[0].backend.custom_tools[3].name',
      'agents[0].backend.custom_tools[4].path',
    ]);
  });

  it('warns about Python custom tools and MassGen built-ins, naming them', () => {
    const r = check({
      custom_tools: [
        { name: 'two_num_tool', path: 'massgen/tool/_basic/_two_num_tool.py', function: 'two_num_tool' },
        { function: ['builtin_a'] },
      ],
    });
    expect(r.errors).toEqual([]);
    expect(r.warnings.map((w) => [w.path, w.message])).toEqual([
      [
        'agents[0].backend.custom_tools[0]',
        'not supported yet: agents[0].backend.custom_tools[0] (Python custom tool "two_num_tool") — the tool is skipped',
      ],
      [
        'agents[0].backend.custom_tools[1]',
        'not supported yet: agents[0].backend.custom_tools[1] (MassGen built-in tool "builtin_a") — the tool is skipped',
      ],
    ]);
  });

  it('still rejects a native tool the backend lacks, naming the backends that have it', () => {
    const r = check({ type: 'grok', model: 'grok-4', enable_code_execution: true });
    expect(r.errors[0]).toMatchObject({
      path: 'agents[0].backend.enable_code_execution',
      suggestion: 'remove `enable_code_execution`, or use a backend that has it: `claude`, `gemini`',
    });
  });
});
