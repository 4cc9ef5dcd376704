/** Where an evaluation came from: the commit of massgen itself and of each config's repository. */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import pkg from '../../package.json' with { type: 'json' };

/** `git <args>` in `dir`, or undefined when that fails (no git, not a repository). */
function git(dir: string, args: string[]): string | undefined {
  try {
    return execFileSync('git', ['-C', dir, ...args], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
  } catch {
    return undefined;
  }
}

/** The folder of massgen's own package.json above this module. */
function packageRoot(): string | undefined {
  for (let dir = import.meta.dirname; ; dir = path.dirname(dir)) {
    try {
      if (JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')).name === pkg.name) return dir;
    } catch {
      // not here
    }
    if (path.dirname(dir) === dir) return undefined;
  }
}

/** The commit of the massgen checkout this program runs from (not of a repository it is installed in). */
export function massgenCommit(): string {
  const root = packageRoot();
  const top = root && git(root, ['rev-parse', '--show-toplevel']);
  const head = top && path.resolve(top) === path.resolve(root) ? git(root, ['rev-parse', 'HEAD']) : undefined;
  return head ?? 'unknown (not a git checkout)';
}

/** The commit (and whether the file has changes since) of the repository a config file is in. */
export function configCommit(file: string): string | undefined {
  const dir = path.dirname(file);
  const head = git(dir, ['rev-parse', 'HEAD']);
  if (!head) return undefined;
  const changed = git(dir, ['status', '--porcelain', '--', path.basename(file)]);
  return changed ? `${head} (with uncommitted changes)` : head;
}
