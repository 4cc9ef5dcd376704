/**
 * A log folder that cannot be created, said plainly: which folder, why (read-only file system,
 * permission, a file in the way, a missing parent, a full disk) and how to run anyway.
 */
import { accessSync, constants, existsSync } from 'node:fs';
import path from 'node:path';
import { ConfigError } from '../errors.js';

const REASONS: Record<string, string> = {
  EROFS: 'the file system is read-only',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  ENOENT: 'a folder on the way does not exist (was the working folder removed?)',
  ENOTDIR: 'a part of the path is a file, not a folder',
  EEXIST: 'a file of that name is in the way',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'the disk quota is exhausted',
};

const SUGGESTION =
  'run with --no-logs (or `ui.logging_enabled: false`; in the library, `logRoot: false` or a writable `logRoot`), or from a folder you can write to: logs go to <working folder>/.massgen/massgen_logs';

/**
 * The real reason of an ENOENT from a recursive `mkdir`, which Node.js also reports when the
 * nearest existing folder cannot be written to (a read-only file system, no permission).
 */
function unwritableAncestor(folder: string): { code: string; path: string } | undefined {
  let dir = path.resolve(folder);
  while (!existsSync(dir)) {
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
  try {
    accessSync(dir, constants.W_OK);
    return undefined;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return typeof code === 'string' ? { code, path: dir } : undefined;
  }
}

/** The ConfigError for `error`, raised while creating the log folder `folder`; other errors as they are. */
export function logFolderError(error: unknown, folder: string): unknown {
  const failure = error as NodeJS.ErrnoException;
  let code = failure?.code;
  let at = failure?.path;
  if (code === 'ENOENT') {
    const real = unwritableAncestor(folder);
    if (real) ({ code, path: at } = real);
  }
  const reason = typeof code === 'string' ? REASONS[code] : undefined;
  if (reason === undefined) return error;
  const detail = `${reason} (${code}${at ? ` at ${at}` : ''})`;
  return new ConfigError(`cannot create the log folder ${folder}: ${detail}`, [
    { file: folder, path: '', message: `cannot create the log folder: ${detail}`, suggestion: SUGGESTION },
  ]);
}
