/** Vitest global setup: builds dist/ once so CLI tests run the real bundled `massgen` command. */
import { execFileSync } from 'node:child_process';
import path from 'node:path';

export default function setup(): void {
  execFileSync('npm', ['run', '--silent', 'build'], {
    cwd: path.resolve(import.meta.dirname, '../..'),
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}
