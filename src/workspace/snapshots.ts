/** Copying workspaces: snapshots (replacing the previous one) and the shared read-only views. */
import { cpSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';

/** Whether a folder is missing or empty. */
export function isEmptyDir(dir: string): boolean {
  return !existsSync(dir) || readdirSync(dir).length === 0;
}

/** Copies `from` to `to`, replacing `to` (symlinks are copied as links, not followed). */
export function replaceWithCopy(from: string, to: string): void {
  rmSync(to, { recursive: true, force: true });
  mkdirSync(path.dirname(to), { recursive: true });
  cpSync(from, to, { recursive: true, verbatimSymlinks: true });
}

/**
 * Like {@link replaceWithCopy}, but readers never see a half-copied folder: the copy is made next
 * to `to` and renamed into place.
 */
export function swapInCopy(from: string, to: string): void {
  const staging = `${to}.tmp-${process.pid}-${Date.now()}`;
  mkdirSync(path.dirname(to), { recursive: true });
  cpSync(from, staging, { recursive: true, verbatimSymlinks: true });
  rmSync(to, { recursive: true, force: true });
  renameSync(staging, to);
}
