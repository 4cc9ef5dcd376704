/**
 * Claude Code's built-in tools as the MassGen tools they stand for, so that the safety policy and
 * the workspace rules judge a `Bash` call as `execute_command` and a `Write` as `write_file`.
 */
import type { AdapterToolCall } from '../../types/agent-adapter.js';

/** Calls that only change Claude Code's own state. */
const INTERNAL = new Set(['TodoWrite', 'ToolSearch', 'TaskCreate', 'TaskGet', 'TaskList', 'TaskUpdate']);

const str = (value: unknown) => (typeof value === 'string' ? value : undefined);

/** The MassGen tool a Claude Code call stands for; `internal`; or undefined (judged by its own name). */
export function claudeCodeBuiltin(
  call: AdapterToolCall,
): { toolName: string; input: unknown } | 'internal' | undefined {
  const input = call.input;
  if (INTERNAL.has(call.toolName)) return 'internal';
  switch (call.toolName) {
    case 'Bash':
      return { toolName: 'execute_command', input: { command: str(input.command) ?? '' } };
    case 'Read':
    case 'NotebookRead':
      return {
        toolName: 'read_file',
        input: { path: str(input.file_path) ?? str(input.notebook_path) ?? '' },
      };
    case 'Write':
      return { toolName: 'write_file', input: { path: str(input.file_path) ?? '', content: input.content } };
    case 'Edit':
    case 'MultiEdit':
    case 'NotebookEdit':
      return {
        toolName: 'edit_file',
        input: { path: str(input.file_path) ?? str(input.notebook_path) ?? '' },
      };
    case 'Glob':
    case 'Grep':
      return { toolName: 'search_files', input: { path: str(input.path) ?? '.' } };
    case 'LS':
      return { toolName: 'list_directory', input: { path: str(input.path) ?? '.' } };
    default:
      return undefined;
  }
}
