/**
 * Opening a file by a path a request gives, inside one folder only: no `..`, no absolute path, and
 * no symbolic link leading out of the folder.
 */
import { realpath, stat } from 'node:fs/promises';
import path from 'node:path';

/**
 * The real path of `relative` inside `root` when it is a regular file there, else undefined (also
 * for a path that tries to leave the folder).
 */
export async function confinedFile(root: string, relative: string): Promise<string | undefined> {
  const parts = relative.split('/');
  if (relative === '' || relative.includes('\\') || relative.includes('\0')) return undefined;
  if (parts.some((p) => p === '..' || p === '.' || p === '') || path.isAbsolute(relative)) return undefined;
  try {
    const realRoot = await realpath(root);
    const real = await realpath(path.join(realRoot, ...parts));
    if (!real.startsWith(realRoot + path.sep)) return undefined;
    return (await stat(real)).isFile() ? real : undefined;
  } catch {
    return undefined;
  }
}
