/**
 * The hardline floor of every tool call: refused whatever the policy, the approvals or the
 * declarations say. Command tools (`execute_command`, an MCP server's `run_command`, …) are judged on
 * the parsed command (see command.ts); file-writing tools on the path they write (a device, a shell
 * start-up file).
 */
import os from 'node:os';
import { analyseCommand, type CommandOptions } from './command.js';
import { writeTargetHardline } from './command-hardline.js';
import { resolveTarget } from './paths.js';

/** A tool that runs shell commands, by the last part of its name. */
const COMMAND_TOOL = /command|shell|bash|terminal|exec|run_script|^sh$/i;
/** A tool that writes or removes files, by the last part of its name. */
const WRITE_TOOL =
  /write|edit|append|create|save|put|copy|move|rename|replace|patch|upload|delete|remove|touch/i;
const COMMAND_KEYS = ['command', 'cmd', 'script'];
const PATH_KEYS = [
  'path',
  'file_path',
  'filepath',
  'file',
  'filename',
  'destination',
  'destination_path',
  'target',
  'target_path',
  'dest',
  'to',
  'new_path',
  'notebook_path',
];

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Why the floor refuses this call, or undefined. `options.workspace`: where relative paths start. */
export function hardlineReason(
  toolName: string,
  input: unknown,
  options: CommandOptions = {},
): string | undefined {
  if (!isObject(input)) return undefined;
  const short = toolName.split('__').at(-1) ?? toolName;
  const home = options.home ?? os.homedir();
  if (COMMAND_TOOL.test(short)) {
    for (const key of COMMAND_KEYS) {
      const command = input[key];
      if (typeof command !== 'string') continue;
      const reason = analyseCommand(command, { ...options, home }).hardline;
      if (reason) return reason;
    }
  }
  if (WRITE_TOOL.test(short)) {
    const resolve = (value: string) =>
      resolveTarget(
        { value, dynamic: false },
        { kind: 'workspace', rel: '' },
        { workspace: options.workspace, home },
      );
    for (const key of PATH_KEYS) {
      const value = input[key];
      if (typeof value !== 'string' || value === '') continue;
      const reason = writeTargetHardline({ value, dynamic: false }, (w) => resolve(w.value), home);
      if (reason) return reason;
    }
  }
  return undefined;
}
