/**
 * One headless run of the Gemini CLI as a child process: the prompt on its stdin (so a long prompt
 * fits), its stdout read line by line, the last of its stderr kept for messages. The child leads its
 * own process group, so stopping it also ends what it started (shell commands, stdio MCP servers).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { createInterface } from 'node:readline';

/** Where the CLI is: a `.js` entry run by this Node, or an executable. */
export interface GeminiCliCommand {
  program: string;
  /** Arguments before the CLI's own (the entry file for a `.js` CLI). */
  prefix: string[];
}

/** The variable that names another Gemini CLI (its `gemini.js`, or a `gemini` executable). */
export const CLI_PATH_VARIABLE = 'MASSGEN_GEMINI_CLI';

/** The CLI named by `MASSGEN_GEMINI_CLI`, else the installed `@google/gemini-cli`; undefined when neither is there. */
export function findGeminiCli(env: NodeJS.ProcessEnv): { command?: GeminiCliCommand; problem?: string } {
  const given = env[CLI_PATH_VARIABLE];
  let entry: string;
  if (given) {
    entry = path.resolve(given);
    if (!existsSync(entry)) return { problem: `${CLI_PATH_VARIABLE} names ${entry}, which does not exist` };
  } else {
    try {
      const pkg = createRequire(import.meta.url).resolve('@google/gemini-cli/package.json');
      entry = path.join(path.dirname(pkg), 'bundle', 'gemini.js');
    } catch {
      return { problem: 'the npm package @google/gemini-cli is not installed' };
    }
    if (!existsSync(entry)) return { problem: `@google/gemini-cli has no ${entry}` };
  }
  return /\.[cm]?js$/.test(entry)
    ? { command: { program: process.execPath, prefix: [entry] } }
    : { command: { program: entry, prefix: [] } };
}

/** How one run ended. */
export interface CliExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** The last lines of its stderr, without terminal colours. */
  stderr: string;
  /** Set when the process could not be started at all (`spawn` failed). */
  spawnError?: Error;
}

const ANSI = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*[A-Za-z]`, 'g');
const STDERR_KEPT = 4000;

/** A running CLI; `stop()` ends it and everything it started. */
export class GeminiCliProcess {
  private readonly child: ChildProcess;
  private stderr = '';
  private spawnError: Error | undefined;
  /** Resolves once the process is gone and its output is read. */
  readonly exited: Promise<CliExit>;

  constructor(
    command: GeminiCliCommand,
    args: string[],
    options: { cwd: string; env: Record<string, string>; input: string; onLine: (line: string) => void },
  ) {
    this.child = spawn(command.program, [...command.prefix, ...args], {
      cwd: options.cwd,
      env: options.env,
      stdio: ['pipe', 'pipe', 'pipe'],
      detached: true,
    });
    this.child.on('error', (error) => {
      this.spawnError ??= error;
    });
    this.child.stdin?.on('error', () => {}); // a child that died early closes its stdin
    this.child.stdin?.end(options.input);
    this.child.stderr?.setEncoding('utf8');
    this.child.stderr?.on('data', (chunk: string) => {
      this.stderr = (this.stderr + chunk).slice(-STDERR_KEPT);
    });
    const lines = this.child.stdout ? createInterface({ input: this.child.stdout }) : undefined;
    lines?.on('line', options.onLine);
    const closed = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
      this.child.once('close', (code, signal) => resolve({ code, signal }));
    });
    this.exited = closed.then(({ code, signal }) => ({
      code,
      signal,
      stderr: this.stderr.replace(ANSI, '').trim(),
      ...(this.spawnError ? { spawnError: this.spawnError } : {}),
    }));
  }

  /**
   * Ends the process group at once (nothing of the CLI's is worth waiting for), also what is left of
   * it after the CLI exited by itself, and waits for the exit.
   */
  async stop(): Promise<CliExit> {
    const pid = this.child.pid;
    if (pid !== undefined) {
      try {
        process.kill(-pid, 'SIGKILL');
      } catch {
        // The group is gone already, or there are no process groups (Windows): end the CLI itself.
        if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGKILL');
      }
    }
    return this.exited;
  }
}
