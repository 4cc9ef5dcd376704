/**
 * Where a run's workspace folders go (MassGen's CLI layout): relative paths are relocated under
 * `<base>/.massgen/`; each workspace gets a fresh 8-hex suffix per run.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { WorkspaceConfigError } from './errors.js';
import { canonicalPath, type ResolvedContextPath } from './permissions.js';

/** A `context_paths` entry as in the config. */
export interface ContextPathConfig {
  path: string;
  permission?: 'read' | 'write';
  protected_paths?: string[];
}

/** `value` relocated under `<base>/.massgen/` unless absolute or already there. */
export function relocate(base: string, value: string): string {
  if (path.isAbsolute(value)) return value;
  const parts = path.normalize(value).split(path.sep);
  return parts[0] === '.massgen' ? path.join(base, value) : path.join(base, '.massgen', value);
}

/** A fresh workspace folder for a backend `cwd`: `<base>/.massgen/workspaces/<cwd>_<8hex>`. */
export function workspaceFolder(base: string, cwd: string): string {
  const name = path.basename(path.normalize(cwd)).replace(/[^A-Za-z0-9._-]/g, '_') || 'workspace';
  return path.join(base, '.massgen', 'workspaces', `${name}_${randomBytes(4).toString('hex')}`);
}

/**
 * Orchestrator context paths merged with an agent's (orchestrator entries win on the same path),
 * resolved against `base`. Throws WorkspaceConfigError for a path that does not exist.
 */
export function resolveContextPaths(
  base: string,
  orchestrator: readonly ContextPathConfig[],
  agent: readonly ContextPathConfig[],
  at: string,
): ResolvedContextPath[] {
  const byPath = new Map<string, ResolvedContextPath>();
  const sources: Array<[string, readonly ContextPathConfig[]]> = [
    [`${at}.context_paths`, agent],
    ['orchestrator.context_paths', orchestrator],
  ];
  for (const [where, list] of sources) {
    for (const entry of list) {
      const absolute = path.resolve(base, entry.path);
      if (!existsSync(absolute)) {
        throw new WorkspaceConfigError(
          `${where}: context path ${entry.path} does not exist (${absolute}); create it or fix the path`,
        );
      }
      const real = canonicalPath(absolute, base);
      const folder = statSync(real).isDirectory() ? real : path.dirname(real);
      // Later sources (the orchestrator's) win on the same path.
      byPath.set(real, {
        path: real,
        permission: entry.permission ?? 'read',
        protectedPaths: (entry.protected_paths ?? []).map((p) => canonicalPath(p, folder)),
      });
    }
  }
  return [...byPath.values()];
}
