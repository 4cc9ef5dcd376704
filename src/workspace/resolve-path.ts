/**
 * Where a path really leads, judged the way the kernel walks it: component by component, every
 * symbolic link followed to where it points — also a dangling link, or one that points at a path
 * that does not exist yet (writing through it would create that path). `..` applies to the real
 * folder reached so far, not to the text of the path.
 */
import { lstatSync, readlinkSync } from 'node:fs';
import path from 'node:path';
import { WorkspaceToolError } from './errors.js';

/** Links followed before giving up (Linux's limit). */
const MAX_LINKS = 40;

/** The components of a path, without empty ones and `.`. */
function components(value: string): string[] {
  return value.split(path.sep).filter((part) => part !== '' && part !== '.');
}

/**
 * The absolute, link-free form of `target` (resolved against `base`, itself resolved the same way).
 * Components that do not exist are kept as they are written. Throws WorkspaceToolError when links
 * loop.
 */
export function resolveReal(target: string, base: string): string {
  // Not path.join: it would apply `..` to the text before the links are known.
  const start = path.isAbsolute(target) ? target : `${base}${path.sep}${target}`;
  let pending = components(start);
  let current: string = path.sep;
  let links = 0;
  while (pending.length > 0) {
    const name = pending.shift()!;
    if (name === '..') {
      current = path.dirname(current);
      continue;
    }
    const next = path.join(current, name);
    let link: string | undefined;
    try {
      if (lstatSync(next).isSymbolicLink()) link = readlinkSync(next);
    } catch {
      // Missing (or not reachable): nothing to follow here.
    }
    if (link === undefined) {
      current = next;
      continue;
    }
    if (++links > MAX_LINKS) throw new WorkspaceToolError(`${start}: too many levels of symbolic links`);
    if (path.isAbsolute(link)) current = path.sep;
    pending = [...components(link), ...pending];
  }
  return current;
}
