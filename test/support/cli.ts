/** Runs the built `massgen` command as a child process, with a clean environment. */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '../..');
export const CLI = path.join(ROOT, 'dist/bin/cli.mjs');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  cwd?: string;
  env?: Record<string, string>;
  timeoutMs?: number;
  /** Called with the child once started (to send signals). */
  onSpawn?: (child: ChildProcess) => void;
  /** Written to the child's stdin, which is then closed (default: no stdin). */
  stdin?: string;
  /** Keep stdin an open pipe (write to `child.stdin` from `onSpawn`); `stdin` text is written first. */
  keepStdinOpen?: boolean;
}

/** A fresh temp folder used as both cwd and HOME, so no real config or key leaks in. */
export function tempHome(): string {
  return mkdtempSync(path.join(os.tmpdir(), 'massgen-cli-'));
}

/** Writes a YAML (or any text) file into `dir` and returns its path. */
export function writeFile(dir: string, name: string, text: string): string {
  const file = path.join(dir, name);
  writeFileSync(file, text);
  return file;
}

export function runCli(args: string[], options: CliOptions = {}): Promise<CliResult> {
  const cwd = options.cwd ?? tempHome();
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: cwd,
    MASSGEN_RETRY_BASE_MS: '20',
    ...options.env,
  };
  return new Promise((resolve, reject) => {
    const piped = options.stdin !== undefined || options.keepStdinOpen === true;
    const child = spawn(process.execPath, [CLI, ...args], {
      cwd,
      env,
      stdio: [piped ? 'pipe' : 'ignore', 'pipe', 'pipe'],
    });
    if (options.stdin !== undefined) child.stdin?.write(options.stdin);
    if (piped && !options.keepStdinOpen) child.stdin?.end();
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (d) => {
      stdout += d;
    });
    child.stderr?.on('data', (d) => {
      stderr += d;
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 25_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    options.onSpawn?.(child);
  });
}

/** Value of a `KEY: value` line of automation output. */
export function field(stdout: string, key: string): string | undefined {
  return stdout
    .split('\n')
    .find((l) => l.startsWith(`${key}: `))
    ?.slice(key.length + 2);
}
