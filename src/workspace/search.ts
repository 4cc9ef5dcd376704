/** `search_files`: a bounded substring / regex search over the text files under a path. */
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { WorkspaceToolError } from './errors.js';

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
  readable: (file: string) => boolean,
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
  const info = await stat(root).catch(() => undefined);
  if (!info) throw new WorkspaceToolError(`${root} does not exist`);
  const files = info.isDirectory() ? await walk(root) : [root];
  const base = info.isDirectory() ? root : path.dirname(root);
  const out: string[] = [];
  let truncated = false;
  for (const file of files) {
    if (!readable(file)) continue;
    const bytes = await readFile(file).catch(() => undefined);
    if (!bytes || bytes.length > MAX_FILE_BYTES || bytes.subarray(0, 8192).includes(0)) continue;
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

/** Regular files under `root` (symlinked folders are not followed), at most {@link MAX_FILES}. */
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
