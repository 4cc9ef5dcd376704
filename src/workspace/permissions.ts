/**
 * The ONE permission function of agent workspaces. Every path a file tool touches is resolved
 * (relative to the agent's workspace, symlinks followed) and checked against the rules:
 *
 * - the agent's own workspace: read and write;
 * - peers' snapshots (the shared temp-workspace root): read only;
 * - `context_paths` with `permission: read`: read only;
 * - `context_paths` with `permission: write`: read only, writable only for the final presenter;
 * - `protected_paths` under a context path: never writable;
 * - anything else: denied.
 */
import { realpathSync } from 'node:fs';
import path from 'node:path';

/** What a tool wants to do with a path. */
export type Access = 'read' | 'write';

/** A context path with absolute, canonical paths. */
export interface ResolvedContextPath {
  path: string;
  permission: 'read' | 'write';
  protectedPaths: string[];
}

/** The rules of one agent. */
export interface PathPolicy {
  /** The agent's own workspace (canonical). */
  workspace: string;
  /** Where peers' snapshots are shared, read-only (canonical). */
  peerRoot: string;
  contextPaths: readonly ResolvedContextPath[];
  /** Whether the agent is presenting the final answer now (write context paths become writable). */
  presenting: () => boolean;
}

/** The decision about one path. */
export type PathDecision = { allow: true; path: string } | { allow: false; path: string; rule: string };

/** Whether `target` is `root` or inside it. */
export function isInside(target: string, root: string): boolean {
  const rel = path.relative(root, target);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/**
 * The canonical absolute form of `target`: resolved against `base`, with the longest existing
 * ancestor's symlinks followed (so a link out of the workspace is judged by where it points).
 */
export function canonicalPath(target: string, base: string): string {
  const absolute = path.resolve(base, target);
  const rest: string[] = [];
  let current = absolute;
  for (;;) {
    try {
      return path.join(realpathSync(current), ...rest.reverse());
    } catch {
      const parent = path.dirname(current);
      if (parent === current) return absolute;
      rest.push(path.basename(current));
      current = parent;
    }
  }
}

/** Checks one path against an agent's rules. */
export function checkPath(policy: PathPolicy, target: string, access: Access): PathDecision {
  const resolved = canonicalPath(target, policy.workspace);
  const deny = (rule: string): PathDecision => ({ allow: false, path: resolved, rule });
  if (isInside(resolved, policy.workspace)) return { allow: true, path: resolved };
  if (isInside(resolved, policy.peerRoot)) {
    return access === 'read'
      ? { allow: true, path: resolved }
      : deny(`peers' workspace snapshots under ${policy.peerRoot} are read-only`);
  }
  const context = [...policy.contextPaths]
    .filter((c) => isInside(resolved, c.path))
    .sort((a, b) => b.path.length - a.path.length)[0];
  if (!context) {
    return deny(
      `the path is outside your workspace (${policy.workspace}), peers' snapshots and the context paths`,
    );
  }
  if (access === 'read') return { allow: true, path: resolved };
  const prot = context.protectedPaths.find((p) => isInside(resolved, p));
  if (prot) return deny(`${prot} is a protected path of context path ${context.path}; it is never writable`);
  if (context.permission === 'read') return deny(`context path ${context.path} is read-only`);
  if (!policy.presenting()) {
    return deny(
      `context path ${context.path} is writable only for the agent presenting the final answer; during coordination it is read-only`,
    );
  }
  return { allow: true, path: resolved };
}
