/** Shared by the benchmarks: arguments, a config of N chatcompletion agents on the fake provider, medians. */
import { spawn } from 'node:child_process';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '..');
export const CLI = path.join(ROOT, 'dist/bin/cli.mjs');

/** The value of `--name`, or `fallback`. */
export function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1]! : fallback;
}

/** A config of `n` agents on the fake provider's Chat Completions endpoint. */
export function agentsConfig(n: number, baseUrl: string): string {
  const agents = Array.from({ length: n }, (_, i) =>
    [
      `  - id: agent_${i + 1}`,
      '    backend:',
      '      type: chatcompletion',
      `      model: model-${i + 1}`,
      `      base_url: ${baseUrl}`,
      '      api_key: k',
    ].join('\n'),
  );
  return `agents:\n${agents.join('\n')}\nui:\n  logging_enabled: true\n`;
}

export const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Runs the CLI with `args` in `cwd` and returns its stdout; throws on a non-zero exit. */
export function runCli(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      cwd,
      stdio: ['ignore', 'pipe', 'inherit'],
      env: { ...process.env, HOME: cwd, ...env },
    });
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
    });
    child.on('close', (code) =>
      code === 0 ? resolve(out) : reject(new Error(`massgen ${args.join(' ')} exited ${code}`)),
    );
  });
}

/** The value of a `KEY: value` automation line. */
export function field(stdout: string, key: string): string | undefined {
  return stdout
    .split('\n')
    .find((l) => l.startsWith(`${key}: `))
    ?.slice(key.length + 2);
}
