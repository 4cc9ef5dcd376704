/**
 * `execute_command` (`enable_mcp_command_line: true`): runs a shell command in the agent's
 * workspace, refused when the backend's command lists say so, inside bubblewrap (see sandbox.ts:
 * the workspace writable, the context paths and peers' snapshots read-only, no home folder, no
 * network) when it is available — otherwise unsandboxed, which the tool description and a notice
 * at the start of the run say plainly. Commands get a minimal environment (see command-env.ts),
 * and whatever they leave running is ended with them.
 */
import { spawnCollect } from '../tools/spawn-collect.js';
import type { ToolEntry, ToolOutput } from '../tools/types.js';
import { type CommandLists, commandRefusal } from './command-policy.js';
import { WorkspaceToolError } from './errors.js';
import { bwrapArgs, type SandboxMounts } from './sandbox.js';

/** Longest a command may run. */
export const MAX_COMMAND_SECONDS = 600;
/** Characters shown of each of stdout and stderr. */
const MAX_STREAM_CHARS = 20_000;
/** Bytes kept of each stream: enough for MAX_STREAM_CHARS characters of any width. */
const MAX_STREAM_BYTES = MAX_STREAM_CHARS * 4;

export interface CommandToolOptions {
  workspace: string;
  lists: CommandLists;
  /** What a command sees inside bubblewrap; absent: commands run unsandboxed. */
  sandbox?: SandboxMounts;
  /** Default limit of one command, in seconds. */
  defaultTimeoutSeconds: number;
  /** The whole environment of a command (see command-env.ts). */
  env: Readonly<Record<string, string>>;
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
  const box = options.sandbox;
  const how = box
    ? `inside a bubblewrap sandbox: ${box.readOnlyWorkspace ? 'nothing is writable (your role is read-only)' : 'only the workspace is writable'}, the context paths and the other agents' snapshots are read-only, nothing else of the host is there and ${box.network ? 'the network is reachable' : 'there is no network'}`
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
    origin: box
      ? box.network
        ? 'workspace (bubblewrap, network)'
        : 'workspace (bubblewrap)'
      : 'workspace (unsandboxed)',
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
  const [file, argv] = options.sandbox
    ? ['bwrap', bwrapArgs(options.sandbox, command)]
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
