/**
 * `search_files`: a bounded substring / regex search over the regular text files under a path.
 * Links are not followed, FIFOs, sockets and devices are skipped, and every file is opened the
 * safe way (see safe-open.ts) and checked where it really is.
 */
import { lstat, readdir } from 'node:fs/promises';
import path from 'node:path';
import { WorkspaceToolError } from './errors.js';
import { openRegular, type Recheck, readAtMost } from './safe-open.js';

/** Which files a search may read. */
export interface SearchAccess {
  /** Whether a file found under the root may be read (checked before it is opened). */
  readable: (file: string) => boolean;
  /** The rules again for where an opened file really is. */
  recheck: Recheck;
}

const MAX_MATCHES = 200;
const MAX_FILES = 5000;
const MAX_FILE_BYTES = 1_000_000;
const MAX_LINE_CHARS = 300;
/** Folders never searched. */
const SKIPPED = new Set(['.git', 'node_modules', '__pycache__', '.venv', 'venv']);

/** Every match as `file:line: text` (relative to `root`), at most {@link MAX_MATCHES}. */
export async function searchFiles(
  root: string,
  pattern: string,
  regex: boolean,
  access: SearchAccess,
): Promise<string> {
  if (pattern === '') throw new WorkspaceToolError('pattern must not be empty');
  let test: (line: string) => boolean;
  if (regex) {
    let re: RegExp;
    try {
      re = new RegExp(pattern);
    } catch (error) {
      throw new WorkspaceToolError(`invalid regular expression: ${(error as Error).message}`);
    }
    test = (line) => re.test(line);
  } else {
    test = (line) => line.includes(pattern);
  }
  const info = await lstat(root).catch(() => undefined);
  if (!info) throw new WorkspaceToolError(`${root} does not exist`);
  if (!info.isDirectory() && !info.isFile()) {
    throw new WorkspaceToolError(`${root} is not a regular file or a folder; nothing to search`);
  }
  const files = info.isDirectory() ? await walk(root) : [root];
  const base = info.isDirectory() ? root : path.dirname(root);
  const out: string[] = [];
  let truncated = false;
  for (const file of files) {
    if (!access.readable(file)) continue;
    const bytes = await readSmall(file, access.recheck);
    if (!bytes || bytes.subarray(0, 8192).includes(0)) continue;
    const lines = bytes.toString('utf8').split('\n');
    for (const [i, line] of lines.entries()) {
      if (!test(line)) continue;
      if (out.length >= MAX_MATCHES) {
        truncated = true;
        break;
      }
      out.push(`${path.relative(base, file)}:${i + 1}: ${line.slice(0, MAX_LINE_CHARS)}`);
    }
    if (truncated) break;
  }
  if (out.length === 0) return `No matches for ${JSON.stringify(pattern)} under ${root}.`;
  if (truncated) out.push(`[stopped after ${MAX_MATCHES} matches]`);
  return out.join('\n');
}

/** A file's bytes when it is a regular file of at most {@link MAX_FILE_BYTES}; undefined otherwise. */
async function readSmall(file: string, recheck: Recheck): Promise<Buffer | undefined> {
  const opened = await openRegular(file, 'read', recheck).catch(() => undefined);
  if (!opened) return undefined;
  try {
    if (opened.size > MAX_FILE_BYTES) return undefined;
    return (await readAtMost(opened.handle, opened.size)).bytes;
  } finally {
    await opened.handle.close();
  }
}

/** Regular files under `root` (symlinks are not followed, special files skipped), at most {@link MAX_FILES}. */
async function walk(root: string): Promise<string[]> {
  const files: string[] = [];
  const queue = [root];
  while (queue.length > 0 && files.length < MAX_FILES) {
    const dir = queue.shift()!;
    const items = await readdir(dir, { withFileTypes: true }).catch(() => []);
    for (const item of items.sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(dir, item.name);
      if (item.isDirectory()) {
        if (!SKIPPED.has(item.name)) queue.push(full);
      } else if (item.isFile()) files.push(full);
    }
  }
  return files;
}
