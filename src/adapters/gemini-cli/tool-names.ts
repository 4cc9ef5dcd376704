/**
 * The Gemini CLI's built-in tools as the MassGen tools they stand for, so that the safety policy and
 * the workspace rules judge a `run_shell_command` call as `execute_command` and a `write_file` as
 * `write_file`.
 */
import type { AdapterToolCall } from '../../types/agent-adapter.js';

/** Calls that only change the CLI's own state (its topic, to-dos, plan, task tracker, memory). */
const INTERNAL = new Set([
  'update_topic',
  'write_todos',
  'enter_plan_mode',
  'exit_plan_mode',
  'complete_task',
  'get_internal_docs',
  'save_memory',
  'tracker_create_task',
  'tracker_update_task',
  'tracker_get_task',
  'tracker_list_tasks',
  'tracker_add_dependency',
  'tracker_visualize',
]);

const str = (value: unknown) => (typeof value === 'string' ? value : undefined);

/** The MassGen tool a Gemini CLI call stands for; `internal`; or undefined (judged by its own name). */
export function geminiCliBuiltin(
  call: AdapterToolCall,
): { toolName: string; input: unknown } | 'internal' | undefined {
  const input = call.input;
  if (INTERNAL.has(call.toolName)) return 'internal';
  switch (call.toolName) {
    case 'run_shell_command':
      return { toolName: 'execute_command', input: { command: str(input.command) ?? '' } };
    case 'read_file':
      return { toolName: 'read_file', input: { path: str(input.file_path) ?? '' } };
    case 'write_file':
      return { toolName: 'write_file', input: { path: str(input.file_path) ?? '', content: input.content } };
    case 'replace':
      return { toolName: 'edit_file', input: { path: str(input.file_path) ?? '' } };
    case 'list_directory':
      return { toolName: 'list_directory', input: { path: str(input.dir_path) ?? '.' } };
    case 'glob':
    case 'grep_search':
      return { toolName: 'search_files', input: { path: str(input.dir_path) ?? '.' } };
    default:
      return undefined;
  }
}
