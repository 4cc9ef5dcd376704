import { describe, expect, it } from 'vitest';
import { applyToolFilter, isToolAllowed } from '../../src/tools/filter.js';
import {
  customToolName,
  MAX_TOOL_NAME_LENGTH,
  mcpToolName,
  sanitizeToolName,
  uniqueToolName,
} from '../../src/tools/names.js';

describe('tool names', () => {
  it('exposes MCP tools as mcp__<server>__<tool> and custom tools as custom_tool__<name>', () => {
    expect(mcpToolName('everything', 'get-sum')).toBe('mcp__everything__get-sum');
    expect(mcpToolName('my server', 'read.file')).toBe('mcp__my_server__read_file');
    expect(customToolName('add')).toBe('custom_tool__add');
  });

  it('keeps names within 64 characters, with a hash so that long names stay distinct', () => {
    const a = mcpToolName('s', `${'x'.repeat(80)}a`);
    const b = mcpToolName('s', `${'x'.repeat(80)}b`);
    expect(a).toHaveLength(MAX_TOOL_NAME_LENGTH);
    expect(a).not.toBe(b);
    expect(sanitizeToolName('')).toBe('_');
    expect(uniqueToolName('t', new Set(['t', 't_2']))).toBe('t_3');
  });

  it('filters match exposed names, bare names and unsanitised names', () => {
    const tools = [
      { name: 'mcp__fs__read_file', originalName: 'read_file' },
      { name: 'mcp__fs__write_file', originalName: 'write_file' },
      { name: 'mcp__my_srv__x', originalName: 'x' },
    ];
    expect(applyToolFilter(tools, { allowed: ['read_file', 'mcp__my srv__x'] }).map((t) => t.name)).toEqual([
      'mcp__fs__read_file',
      'mcp__my_srv__x',
    ]);
    expect(applyToolFilter(tools, { exclude: ['mcp__fs__write_file'] })).toHaveLength(2);
    expect(isToolAllowed(tools[0]!, { allowed: [], exclude: [] })).toBe(true);
  });
});
