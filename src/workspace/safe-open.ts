/**
 * Opening the files and folders a file tool was allowed to touch, without being led elsewhere:
 * only regular files and folders (a FIFO, socket or device is refused before it is opened, and
 * opening never blocks: `O_NONBLOCK`), never through a symlink (`O_NOFOLLOW`, new files with
 * `O_CREAT | O_EXCL`), never writing a file with other hard links, and once open, the place the descriptor really refers to is checked again
 * (`/proc/self/fd`), so a link or folder swapped in between the check and the open is caught.
 */
import { constants, type Dirent } from 'node:fs';
import { type FileHandle, lstat, open, readdir, readlink, realpath, unlink } from 'node:fs/promises';
import { PathPermissionError, WorkspaceToolError } from './errors.js';
import type { Access } from './permissions.js';

const { O_RDONLY, O_WRONLY, O_RDWR, O_CREAT, O_EXCL, O_NOFOLLOW, O_NONBLOCK, O_DIRECTORY } = constants;

/** Whether the real path of an opened file may be touched; a reason when it may not. */
export type Recheck = (real: string, access: Access) => string | undefined;

/** How a file is opened: `read`, `update` (read and write an existing file), `write` (create or replace). */
export type OpenMode = 'read' | 'update' | 'write';

const KIND_TEXT = 'is not a regular file (a FIFO, socket or device); file tools work on regular files only';

/** Where an open descriptor really is (Linux), else where `fallback` leads now. */
async function whereIs(handle: FileHandle, fallback: string): Promise<string> {
  try {
    const real = await readlink(`/proc/self/fd/${handle.fd}`);
    if (real.startsWith('/')) return real;
  } catch {
    // No /proc: resolve the path again instead.
  }
  return realpath(fallback);
}

/** A path descriptors can be read through (Linux), so a folder is listed as opened. */
function throughDescriptor(handle: FileHandle, fallback: string): string {
  return process.platform === 'linux' ? `/proc/self/fd/${handle.fd}` : fallback;
}

async function verify(
  handle: FileHandle,
  target: string,
  access: Access,
  recheck: Recheck,
  created: boolean,
): Promise<void> {
  const real = await whereIs(handle, target);
  const refusal = real === target ? undefined : recheck(real, access);
  if (refusal === undefined) return;
  await handle.close();
  if (created) await unlink(real).catch(() => {});
  throw new PathPermissionError(real, access, `${target} changed while it was opened; ${refusal}`);
}

/**
 * Opens the regular file `target` (already resolved and allowed). `write` creates it when missing
 * (never through a link) and does not truncate: the caller does, once the file is known to be the
 * right one. Throws WorkspaceToolError for a missing file, a folder or a special file.
 */
export async function openRegular(
  target: string,
  mode: OpenMode,
  recheck: Recheck,
): Promise<{ handle: FileHandle; size: number }> {
  const access: Access = mode === 'read' ? 'read' : 'write';
  const info = await lstat(target).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw new WorkspaceToolError(`${target}: ${error.message}`);
  });
  let handle: FileHandle;
  let created = false;
  if (!info) {
    if (mode !== 'write') throw new WorkspaceToolError(`${target} does not exist`);
    handle = await open(target, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_NONBLOCK, 0o666).catch(
      (error: NodeJS.ErrnoException) => {
        throw new WorkspaceToolError(`cannot create ${target}: ${error.message}`);
      },
    );
    created = true;
  } else {
    if (info.isSymbolicLink()) throw new WorkspaceToolError(`${target} is a symbolic link`);
    if (info.isDirectory()) throw new WorkspaceToolError(`${target} is a directory; use list_directory`);
    if (!info.isFile()) throw new WorkspaceToolError(`${target} ${KIND_TEXT}`);
    const flags = mode === 'read' ? O_RDONLY : mode === 'update' ? O_RDWR : O_WRONLY;
    handle = await open(target, flags | O_NOFOLLOW | O_NONBLOCK).catch((error: NodeJS.ErrnoException) => {
      throw new WorkspaceToolError(`cannot open ${target}: ${error.message}`);
    });
  }
  const opened = await handle.stat();
  if (!opened.isFile()) {
    await handle.close();
    throw new WorkspaceToolError(`${target} ${KIND_TEXT}`);
  }
  // Another name of the same file may be anywhere: writing would change it there too.
  if (access === 'write' && opened.nlink > 1) {
    await handle.close();
    throw new WorkspaceToolError(`${target} has other hard links; file tools do not write to such files`);
  }
  await verify(handle, target, access, recheck, created);
  return { handle, size: opened.size };
}

/** Reads at most `max` bytes of an open file; `more` tells whether there was more. */
export async function readAtMost(handle: FileHandle, max: number): Promise<{ bytes: Buffer; more: boolean }> {
  const buffer = Buffer.alloc(max + 1);
  let filled = 0;
  while (filled < buffer.length) {
    const { bytesRead } = await handle.read(buffer, filled, buffer.length - filled, filled);
    if (bytesRead === 0) break;
    filled += bytesRead;
  }
  return { bytes: buffer.subarray(0, Math.min(filled, max)), more: filled > max };
}

/** Replaces the whole content of an open file. */
export async function replaceContent(handle: FileHandle, content: Buffer): Promise<void> {
  await handle.truncate(0);
  let written = 0;
  while (written < content.length) {
    const { bytesWritten } = await handle.write(content, written, content.length - written, written);
    written += bytesWritten;
  }
}

/** The entries of the folder `target` (already resolved and allowed), never through a link. */
export async function readFolder(target: string, recheck: Recheck): Promise<Dirent[]> {
  const info = await lstat(target).catch(() => undefined);
  if (!info) throw new WorkspaceToolError(`${target} does not exist`);
  if (!info.isDirectory()) throw new WorkspaceToolError(`${target} is not a folder`);
  const handle = await open(target, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_NONBLOCK).catch(
    (error: NodeJS.ErrnoException) => {
      throw new WorkspaceToolError(`cannot open ${target}: ${error.message}`);
    },
  );
  try {
    await verify(handle, target, 'read', recheck, false);
    return await readdir(throughDescriptor(handle, target), { withFileTypes: true });
  } finally {
    await handle.close().catch(() => {});
  }
}
