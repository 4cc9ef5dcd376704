/** The Gemini CLI's built-in tools as the MassGen tools the safety policy judges them as. */
import { describe, expect, it } from 'vitest';
import { geminiCliBuiltin } from '../../src/adapters/gemini-cli/tool-names.js';

const call = (toolName: string, input: Record<string, unknown>) => ({ toolCallId: 'c', toolName, input });

describe('gemini_cli tool names', () => {
  it('map its file and shell tools onto MassGen tools, with their paths', () => {
    expect(geminiCliBuiltin(call('run_shell_command', { command: 'ls -la', dir_path: 'src' }))).toEqual({
      toolName: 'execute_command',
      input: { command: 'ls -la' },
    });
    expect(geminiCliBuiltin(call('write_file', { file_path: 'a.md', content: 'x' }))).toEqual({
      toolName: 'write_file',
      input: { path: 'a.md', content: 'x' },
    });
    expect(
      geminiCliBuiltin(call('replace', { file_path: 'a.md', old_string: 'x', new_string: 'y' })),
    ).toEqual({ toolName: 'edit_file', input: { path: 'a.md' } });
    expect(geminiCliBuiltin(call('read_file', { file_path: '/etc/passwd' }))).toEqual({
      toolName: 'read_file',
      input: { path: '/etc/passwd' },
    });
    expect(geminiCliBuiltin(call('list_directory', {}))).toEqual({
      toolName: 'list_directory',
      input: { path: '.' },
    });
    expect(geminiCliBuiltin(call('grep_search', { pattern: 'x', dir_path: 'lib' }))).toEqual({
      toolName: 'search_files',
      input: { path: 'lib' },
    });
  });

  it('leave its own bookkeeping alone and judge other tools by their own names', () => {
    expect(geminiCliBuiltin(call('write_todos', { todos: [] }))).toBe('internal');
    expect(geminiCliBuiltin(call('update_topic', { title: 't' }))).toBe('internal');
    expect(geminiCliBuiltin(call('google_web_search', { query: 'q' }))).toBe(undefined);
    expect(geminiCliBuiltin(call('mcp_files_read', { path: 'x' }))).toBe(undefined);
  });
});
