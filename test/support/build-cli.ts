/** Vitest global setup: builds dist/ once so CLI tests run the real bundled `massgen` command. */
import { execFileSync } from 'node:child_process';
import path from 'node:path';

export default function setup(): void {
  const root = path.resolve(import.meta.dirname, '../..');
  execFileSync(
    process.execPath,
    [path.join(root, 'node_modules/tsdown/dist/run.mjs'), '--log-level', 'error'],
    {
      cwd: root,
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
}
