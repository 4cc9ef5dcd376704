/**
 * `execute_command` (`enable_mcp_command_line: true`): runs a shell command in the agent's
 * workspace, refused when the backend's command lists say so, inside bubblewrap (workspace
 * writable, everything else read-only, no network) when it is available — otherwise unsandboxed,
 * which the tool description and a notice at the start of the run say plainly.
 */
import { spawnCollect } from '../tools/spawn-collect.js';
import type { ToolEntry, ToolOutput } from '../tools/types.js';
import { type CommandLists, commandRefusal } from './command-policy.js';
import { WorkspaceToolError } from './errors.js';
import { bwrapArgs } from './sandbox.js';

/** Longest a command may run. */
export const MAX_COMMAND_SECONDS = 600;
/** Characters shown of each of stdout and stderr. */
const MAX_STREAM_CHARS = 20_000;
/** Bytes kept of each stream: enough for MAX_STREAM_CHARS characters of any width. */
const MAX_STREAM_BYTES = MAX_STREAM_CHARS * 4;

export interface CommandToolOptions {
  workspace: string;
  lists: CommandLists;
  /** Run inside bubblewrap. */
  sandboxed: boolean;
  /** Default limit of one command, in seconds. */
  defaultTimeoutSeconds: number;
  env: NodeJS.ProcessEnv;
}

/** At most MAX_STREAM_CHARS of a stream's text, with a note of what is not shown. */
function cut(text: string, droppedBytes: number): string {
  if (text.length <= MAX_STREAM_CHARS && droppedBytes === 0) return text;
  const hidden = `${Math.max(0, text.length - MAX_STREAM_CHARS)} more characters`;
  const more = droppedBytes > 0 ? `${hidden} and ${droppedBytes} more bytes` : hidden;
  return `${text.slice(0, MAX_STREAM_CHARS)}\n[… ${more}]`;
}

/** The `execute_command` entry of one agent. */
export function commandToolEntry(options: CommandToolOptions): ToolEntry {
  const how = options.sandboxed
    ? 'inside a bubblewrap sandbox: only the workspace is writable, the rest of the file system is read-only and there is no network'
    : 'WITHOUT a sandbox (bubblewrap is not available): the command can touch anything the MassGen process can';
  return {
    name: 'execute_command',
    description: `Run a shell command in your workspace (${options.workspace}), ${how}. Returns the exit code, stdout and stderr.`,
    inputSchema: {
      type: 'object',
      properties: {
        command: { type: 'string', description: 'The shell command' },
        timeout_seconds: {
          type: 'number',
          description: `Limit in seconds (default ${options.defaultTimeoutSeconds}, at most ${MAX_COMMAND_SECONDS})`,
        },
      },
      required: ['command'],
      additionalProperties: false,
    },
    source: 'workspace',
    // The command's own limit applies; this only bounds a call that ignores it.
    timeoutMs: (MAX_COMMAND_SECONDS + 5) * 1000,
    origin: options.sandboxed ? 'workspace (bubblewrap)' : 'workspace (unsandboxed)',
    execute: (input, context) => runCommand(options, input, context.signal),
  };
}

async function runCommand(
  options: CommandToolOptions,
  input: unknown,
  signal: AbortSignal,
): Promise<ToolOutput> {
  const args = (input ?? {}) as { command?: unknown; timeout_seconds?: unknown };
  const command = typeof args.command === 'string' ? args.command : '';
  if (command.trim() === '') throw new WorkspaceToolError('command must not be empty');
  const refusal = commandRefusal(command, options.lists);
  if (refusal) return { value: `Not allowed: ${JSON.stringify(command)} refused: ${refusal}`, isError: true };
  const asked =
    typeof args.timeout_seconds === 'number' ? args.timeout_seconds : options.defaultTimeoutSeconds;
  const seconds = Math.min(MAX_COMMAND_SECONDS, Math.max(1, asked));
  const [file, argv] = options.sandboxed
    ? ['bwrap', bwrapArgs(options.workspace, command)]
    : ['/bin/sh', ['-c', command]];
  const run = await spawnCollect(file, {
    args: argv,
    cwd: options.workspace,
    env: options.env,
    timeoutMs: seconds * 1000,
    signal,
    maxOutputBytes: MAX_STREAM_BYTES,
  }).catch((error: Error) => {
    throw new WorkspaceToolError(`could not start the command: ${error.message}`);
  });
  const status = run.timedOut
    ? `timed out after ${seconds}s`
    : run.code === null
      ? `killed (${run.signal})`
      : `exit code ${run.code}`;
  const stdout = cut(run.stdout, run.droppedBytes.stdout);
  const stderr = cut(run.stderr, run.droppedBytes.stderr);
  return {
    value: `${status}\nstdout:\n${stdout}\nstderr:\n${stderr}`,
    isError: run.timedOut || run.code !== 0,
  };
}
