/**
 * The ONE permission function of agent workspaces. Every path a file tool touches is resolved
 * (relative to the agent's workspace, every symlink followed, dangling ones included: see
 * resolve-path.ts) and checked against the rules:
 *
 * - the agent's own workspace: read and write;
 * - peers' snapshots (the shared temp-workspace root): read only;
 * - MassGen's own folders (`.massgen/` of the project and of the home folder: logs, sessions,
 *   memory, other runs' files): never, unless a context path lies inside one;
 * - environment files (`.env`, `.env.*`) under a context path folder: never (they hold keys);
 * - `context_paths` with `permission: read`: read only;
 * - `context_paths` with `permission: write`: read only, writable only for the final presenter;
 * - `protected_paths` under a context path: never writable;
 * - anything else: denied.
 */
import path from 'node:path';
import { resolveReal } from './resolve-path.js';

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
  /**
   * Folders no tool may touch (canonical): MassGen's own folders. The workspace and the peer root
   * inside them stay open, and so does a context path inside one.
   */
  hidden?: readonly string[];
  /** Whether the agent is presenting the final answer now (write context paths become writable). */
  presenting: () => boolean;
}

/** The decision about one path. */
export type PathDecision = { allow: true; path: string } | { allow: false; path: string; rule: string };

/** Whether `target` is `root` or inside it. */
export function isInside(target: string, root: string): boolean {
  const rel = path.relative(root, target);
  if (rel === '') return true;
  // `..notes` is a name inside; only `..` itself or `../…` leads out.
  return rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel);
}

/**
 * The canonical absolute form of `target`: resolved against `base`, every symlink followed to where
 * it points, also when that does not exist (so a link out of the workspace is judged by its target).
 */
export function canonicalPath(target: string, base: string): string {
  return resolveReal(target, resolveReal(base, path.sep));
}

/** An environment file's name: `.env`, `.env.local`, … */
const ENV_FILE = /^\.env(\..+)?$/;

/** Whether a path below `root` goes through an environment file (`.env`, `.env.*`). */
function isEnvFile(target: string, root: string): boolean {
  if (target === root) return false;
  return path
    .relative(root, target)
    .split(path.sep)
    .some((part) => ENV_FILE.test(part));
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
  const hidden = policy.hidden?.find((h) => isInside(resolved, h) && !(context && isInside(context.path, h)));
  if (hidden) {
    return deny(`${hidden} is MassGen's own folder (logs, sessions, other runs' files); it is off limits`);
  }
  if (!context) {
    return deny(
      `the path is outside your workspace (${policy.workspace}), peers' snapshots and the context paths`,
    );
  }
  if (isEnvFile(resolved, context.path)) {
    return deny('environment files (.env, .env.*) hold keys; they are never readable or writable');
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
