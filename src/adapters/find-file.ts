/** The first file below a folder whose name matches: how CLI agents' session records are found in their homes. */
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';

/** Depth first, in directory order; undefined when `dir` is missing or holds no match. */
export function findFile(dir: string, matches: (name: string) => boolean): string | undefined {
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return undefined;
  }
  for (const name of entries) {
    const full = path.join(dir, name);
    if (matches(name)) return full;
    if (statSync(full).isDirectory()) {
      const found = findFile(full, matches);
      if (found) return found;
    }
  }
  return undefined;
}
