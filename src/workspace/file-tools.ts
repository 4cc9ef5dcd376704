/**
 * The built-in file tools of an agent with a workspace: `read_file`, `write_file`, `edit_file`,
 * `list_directory`, `search_files`. Their paths are checked by {@link checkPath} (in the registry's
 * before-call hook, see {@link workspacePermissionHook}, and again when the tool runs); relative
 * paths resolve against the workspace. They work on regular files and folders only and open them
 * without following links (see safe-open.ts).
 */
import { mkdir, realpath } from 'node:fs/promises';
import path from 'node:path';
import type { BeforeCallHook, ToolEntry, ToolOutput } from '../tools/types.js';
import { PathPermissionError, WorkspaceToolError } from './errors.js';
import { type Access, checkPath, type PathPolicy } from './permissions.js';
import { openRegular, type Recheck, readAtMost, readFolder, replaceContent } from './safe-open.js';
import { searchFiles } from './search.js';

/** Largest file `read_file` returns whole (bigger files need `offset`/`limit` lines). */
const MAX_READ_BYTES = 1_000_000;
const MAX_LIST_ENTRIES = 500;

/** Which argument of each file tool is a path, the access it needs, and its default. */
export const PATH_ARGS: Readonly<Record<string, { arg: string; access: Access; fallback?: string }>> = {
  read_file: { arg: 'path', access: 'read' },
  write_file: { arg: 'path', access: 'write' },
  edit_file: { arg: 'path', access: 'write' },
  list_directory: { arg: 'path', access: 'read', fallback: '.' },
  search_files: { arg: 'path', access: 'read', fallback: '.' },
  /** The media tool (src/media/read-media-tool.ts): the same check as the file tools. */
  read_media: { arg: 'path', access: 'read' },
};

type Args = Record<string, unknown>;

/** The path argument of a file-tool call, checked; throws PathPermissionError when denied. */
export function allowedPath(policy: PathPolicy, toolName: string, input: unknown): string {
  const spec = PATH_ARGS[toolName];
  if (!spec) throw new WorkspaceToolError(`${toolName} is not a file tool`);
  const raw = (input as Args | undefined)?.[spec.arg] ?? spec.fallback;
  if (typeof raw !== 'string' || raw === '') throw new WorkspaceToolError(`${spec.arg} must be a path`);
  const decision = checkPath(policy, raw, spec.access);
  if (!decision.allow) throw new PathPermissionError(decision.path, spec.access, decision.rule);
  return decision.path;
}

/** The before-call hook that applies {@link checkPath} to every file-tool call of an agent. */
export function workspacePermissionHook(policy: PathPolicy): BeforeCallHook {
  return (call, entry) => {
    if (entry.source !== 'workspace' || !PATH_ARGS[entry.name]) return { allow: true };
    try {
      allowedPath(policy, entry.name, call.input);
      return { allow: true };
    } catch (error) {
      if (PathPermissionError.isInstance(error)) return { allow: false, reason: error.message };
      throw error;
    }
  };
}

const str = (description: string) => ({ type: 'string', description });

function entry(
  name: string,
  description: string,
  properties: Record<string, unknown>,
  required: string[],
  run: (args: Args, target: string) => Promise<string>,
  policy: PathPolicy,
  timeoutMs: number,
): ToolEntry {
  return {
    name,
    description,
    inputSchema: { type: 'object', properties, required, additionalProperties: false },
    source: 'workspace',
    timeoutMs,
    origin: 'workspace',
    async execute(input): Promise<ToolOutput> {
      const target = allowedPath(policy, name, input);
      return { value: await run((input ?? {}) as Args, target) };
    },
  };
}

/** The rules again, for the place an opened file or folder really is. */
function recheckWith(policy: PathPolicy): Recheck {
  return (real, access) => {
    const decision = checkPath(policy, real, access);
    return decision.allow ? undefined : `${access} access to ${real} denied: ${decision.rule}`;
  };
}

/** The text of a file that is not binary and at most {@link MAX_READ_BYTES}. */
function decodeText(target: string, bytes: Buffer, more: boolean): string {
  if (more) throw new WorkspaceToolError(`${target} is larger than 1 MB`);
  if (bytes.subarray(0, 8192).includes(0)) throw new WorkspaceToolError(`${target} is a binary file`);
  return bytes.toString('utf8');
}

async function readText(target: string, recheck: Recheck): Promise<string> {
  const { handle } = await openRegular(target, 'read', recheck);
  try {
    const { bytes, more } = await readAtMost(handle, MAX_READ_BYTES);
    return decodeText(target, bytes, more);
  } finally {
    await handle.close();
  }
}

/** Creates the parent folders of `target`; refuses when they lead somewhere not allowed. */
async function makeParents(target: string, recheck: Recheck): Promise<void> {
  const parent = path.dirname(target);
  await mkdir(parent, { recursive: true }).catch((error: NodeJS.ErrnoException) => {
    throw new WorkspaceToolError(`cannot create the folder ${parent}: ${error.message}`);
  });
  const real = await realpath(parent);
  const refusal = real === parent ? undefined : recheck(real, 'write');
  if (refusal !== undefined) throw new PathPermissionError(real, 'write', refusal);
}

async function writeText(target: string, content: string, recheck: Recheck): Promise<number> {
  await makeParents(target, recheck);
  const { handle } = await openRegular(target, 'write', recheck);
  try {
    const bytes = Buffer.from(content, 'utf8');
    await replaceContent(handle, bytes);
    return bytes.length;
  } finally {
    await handle.close();
  }
}

/** `edit_file`: one descriptor for reading and rewriting, so the file edited is the file read. */
async function editText(args: Args, target: string, recheck: Recheck): Promise<string> {
  const from = String(args.old_string ?? '');
  if (from === '') throw new WorkspaceToolError('old_string must not be empty');
  const { handle } = await openRegular(target, 'update', recheck);
  try {
    const { bytes, more } = await readAtMost(handle, MAX_READ_BYTES);
    const text = decodeText(target, bytes, more);
    const count = text.split(from).length - 1;
    if (count === 0) throw new WorkspaceToolError(`old_string was not found in ${target}`);
    if (count > 1 && args.replace_all !== true) {
      throw new WorkspaceToolError(
        `old_string occurs ${count} times in ${target}; give more context or set replace_all`,
      );
    }
    await replaceContent(handle, Buffer.from(text.split(from).join(String(args.new_string ?? '')), 'utf8'));
    return `Replaced ${count} occurrence(s) in ${target}`;
  } finally {
    await handle.close();
  }
}

/** `list_directory`: folders end with `/`, links with `@`; FIFOs, sockets and devices are left out. */
async function listFolder(target: string, recheck: Recheck): Promise<string> {
  const items = await readFolder(target, recheck);
  const names = items
    .filter((d) => d.isDirectory() || d.isFile() || d.isSymbolicLink())
    .map((d) => (d.isDirectory() ? `${d.name}/` : d.isSymbolicLink() ? `${d.name}@` : d.name))
    .sort();
  const shown = names.slice(0, MAX_LIST_ENTRIES);
  const more = names.length - shown.length;
  const head = `${target}: ${names.length} entr${names.length === 1 ? 'y' : 'ies'}`;
  return [head, ...shown, ...(more > 0 ? [`… ${more} more`] : [])].join('\n');
}

/** The file tools of one agent. */
export function fileToolEntries(policy: PathPolicy, timeoutMs: number): ToolEntry[] {
  const where = `Relative paths are relative to your workspace (${policy.workspace}).`;
  const recheck = recheckWith(policy);
  return [
    entry(
      'read_file',
      `Read a text file. ${where}`,
      { path: str('File to read') },
      ['path'],
      (_args, target) => readText(target, recheck),
      policy,
      timeoutMs,
    ),
    entry(
      'write_file',
      `Create or overwrite a text file (parent folders are created). ${where}`,
      { path: str('File to write'), content: str('The whole new content') },
      ['path', 'content'],
      async (args, target) =>
        `Wrote ${await writeText(target, String(args.content ?? ''), recheck)} bytes to ${target}`,
      policy,
      timeoutMs,
    ),
    entry(
      'edit_file',
      `Replace an exact string in a text file (it must occur once unless replace_all is true). ${where}`,
      {
        path: str('File to edit'),
        old_string: str('The exact text to replace'),
        new_string: str('The replacement'),
        replace_all: { type: 'boolean', description: 'Replace every occurrence' },
      },
      ['path', 'old_string', 'new_string'],
      (args, target) => editText(args, target, recheck),
      policy,
      timeoutMs,
    ),
    entry(
      'list_directory',
      `List a folder (folders end with /, symbolic links with @). Default: your workspace. ${where}`,
      { path: str('Folder to list') },
      [],
      (_args, target) => listFolder(target, recheck),
      policy,
      timeoutMs,
    ),
    entry(
      'search_files',
      `Search the text files under a folder (default: your workspace) for a substring, or a regular expression with regex: true. Returns file:line: text, at most 200 matches. ${where}`,
      {
        pattern: str('Text (or regular expression) to find'),
        path: str('Folder or file to search'),
        regex: { type: 'boolean', description: 'Treat pattern as a JavaScript regular expression' },
      },
      ['pattern'],
      (args, target) =>
        searchFiles(target, String(args.pattern ?? ''), args.regex === true, {
          readable: (file) => checkPath(policy, file, 'read').allow,
          recheck,
        }),
      policy,
      timeoutMs,
    ),
  ];
}
