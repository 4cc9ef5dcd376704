/**
 * Copying workspace trees off the event loop, with bounded cost: folders, regular files (sparse
 * files stay sparse; copy-on-write clones where the file system has them) and symlinks (copied as
 * links, never followed). FIFOs, sockets and devices are skipped. Copies of a snapshot — which
 * nothing writes — share its files through hard links. A tree larger than its limits is refused.
 */
import { constants, type Dirent } from 'node:fs';
import {
  copyFile,
  type FileHandle,
  link,
  lstat,
  mkdir,
  open,
  readdir,
  readlink,
  rm,
  symlink,
} from 'node:fs/promises';
import path from 'node:path';
import { WorkspaceToolError } from './errors.js';

/** How much a workspace tree may hold. */
export interface TreeLimits {
  /** Apparent size of its regular files, in bytes (a sparse file counts its full length). */
  maxBytes: number;
  /** Files, folders and links. */
  maxEntries: number;
}

/** Default of `orchestrator.max_workspace_bytes`: 1 GiB. */
export const DEFAULT_MAX_WORKSPACE_BYTES = 1024 ** 3;
/** Entries a workspace may hold. */
export const MAX_WORKSPACE_ENTRIES = 100_000;

/** The limits of a workspace with `orchestrator.max_workspace_bytes` (default 1 GiB). */
export function treeLimits(maxBytes: number | undefined): TreeLimits {
  return { maxBytes: maxBytes ?? DEFAULT_MAX_WORKSPACE_BYTES, maxEntries: MAX_WORKSPACE_ENTRIES };
}

export const DEFAULT_TREE_LIMITS: TreeLimits = treeLimits(undefined);

/** A tree holds more than its limits allow. */
export class TreeTooLargeError extends WorkspaceToolError {
  constructor(
    readonly root: string,
    readonly limit: 'bytes' | 'entries',
    readonly limits: TreeLimits,
  ) {
    super(
      limit === 'bytes'
        ? `${root} holds more than ${formatBytes(limits.maxBytes)} of files`
        : `${root} holds more than ${limits.maxEntries} files and folders`,
    );
  }
}

/** `1.5 GiB`, `300 MiB`, `12 KiB`, `7 bytes`. */
export function formatBytes(bytes: number): string {
  const units = ['GiB', 'MiB', 'KiB'] as const;
  for (const [i, unit] of units.entries()) {
    const size = 1024 ** (units.length - i);
    if (bytes >= size) return `${Number((bytes / size).toFixed(1))} ${unit}`;
  }
  return `${bytes} bytes`;
}

/** What a tree holds, counted up to just past its limits. */
export interface TreeSize {
  bytes: number;
  entries: number;
  /** The limit it is over, if any. */
  over?: 'bytes' | 'entries';
}

class Budget {
  bytes = 0;
  entries = 0;
  constructor(
    private readonly root: string,
    private readonly limits: TreeLimits,
  ) {}

  /** Counts an entry (and a file's size); throws past the limits. */
  add(size = 0): void {
    this.entries++;
    this.bytes += size;
    if (this.entries > this.limits.maxEntries) throw new TreeTooLargeError(this.root, 'entries', this.limits);
    if (this.bytes > this.limits.maxBytes) throw new TreeTooLargeError(this.root, 'bytes', this.limits);
  }
}

/** Files of one folder handled at once. */
const PARALLEL = 8;

async function eachEntry(dir: string, visit: (item: Dirent) => Promise<void>): Promise<void> {
  const items = await readdir(dir, { withFileTypes: true });
  for (let i = 0; i < items.length; i += PARALLEL) {
    await Promise.all(items.slice(i, i + PARALLEL).map(visit));
  }
}

/** Measures a tree (links not followed, special files not counted), stopping past `limits`. */
export async function measureTree(root: string, limits: TreeLimits = DEFAULT_TREE_LIMITS): Promise<TreeSize> {
  const budget = new Budget(root, limits);
  const visit = async (dir: string): Promise<void> =>
    eachEntry(dir, async (item) => {
      const full = path.join(dir, item.name);
      if (item.isDirectory()) {
        budget.add();
        await visit(full);
      } else if (item.isFile()) {
        budget.add((await lstat(full)).size);
      } else if (item.isSymbolicLink()) budget.add();
    });
  try {
    await visit(root);
  } catch (error) {
    if (error instanceof TreeTooLargeError) {
      return { bytes: budget.bytes, entries: budget.entries, over: error.limit };
    }
    throw error;
  }
  return { bytes: budget.bytes, entries: budget.entries };
}

/** Options of {@link copyTree}. */
export interface CopyTreeOptions {
  /** Hard-link the files (the source is a snapshot nothing writes); copies where links cannot be made. */
  link?: boolean;
  limits?: TreeLimits;
}

/**
 * Copies the tree `from` to `to`, which must not exist yet (its parent is created). Throws
 * {@link TreeTooLargeError} past the limits, after removing what it had copied.
 */
export async function copyTree(from: string, to: string, options: CopyTreeOptions = {}): Promise<void> {
  const budget = new Budget(from, options.limits ?? DEFAULT_TREE_LIMITS);
  await mkdir(path.dirname(to), { recursive: true });
  const copyDir = async (src: string, dst: string): Promise<void> => {
    await mkdir(dst);
    await eachEntry(src, async (item) => {
      const a = path.join(src, item.name);
      const b = path.join(dst, item.name);
      if (item.isDirectory()) {
        budget.add();
        await copyDir(a, b);
      } else if (item.isSymbolicLink()) {
        budget.add();
        await symlink(await readlink(a), b);
      } else if (item.isFile()) {
        const info = await lstat(a);
        budget.add(info.size);
        await copyOne(a, b, info, options.link === true);
      }
    });
  };
  try {
    await copyDir(from, to);
  } catch (error) {
    await rm(to, { recursive: true, force: true }).catch(() => {});
    throw error;
  }
}

/** Errors after which a hard link falls back to a copy. */
const NO_LINK = new Set(['EXDEV', 'EPERM', 'EMLINK', 'ENOTSUP', 'EOPNOTSUPP']);

async function copyOne(
  from: string,
  to: string,
  info: { size: number; blocks: number; mode: number },
  hardLink: boolean,
): Promise<void> {
  if (hardLink) {
    try {
      await link(from, to);
      return;
    } catch (error) {
      if (!NO_LINK.has((error as NodeJS.ErrnoException).code ?? '')) throw error;
    }
  }
  // Fewer blocks than its length: holes, which a plain copy would fill with written zeros.
  if (info.blocks * 512 < info.size) await copySparse(from, to, info.size, info.mode);
  else await copyFile(from, to, constants.COPYFILE_EXCL | constants.COPYFILE_FICLONE);
}

const CHUNK = 1024 * 1024;
const BLOCK = 64 * 1024;
const ZEROS = Buffer.alloc(BLOCK);

/** Copies a sparse file, leaving holes where the source reads as zeros. */
async function copySparse(from: string, to: string, size: number, mode: number): Promise<void> {
  const { O_RDONLY, O_WRONLY, O_CREAT, O_EXCL, O_NOFOLLOW, O_NONBLOCK } = constants;
  let src: FileHandle | undefined;
  let dst: FileHandle | undefined;
  try {
    src = await open(from, O_RDONLY | O_NOFOLLOW | O_NONBLOCK);
    dst = await open(to, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW, mode & 0o777);
    const buffer = Buffer.alloc(CHUNK);
    for (let at = 0; at < size; ) {
      const { bytesRead } = await src.read(buffer, 0, Math.min(CHUNK, size - at), at);
      if (bytesRead === 0) break;
      // Written in blocks, each only when it holds data: a hole stays a hole.
      for (let offset = 0; offset < bytesRead; offset += BLOCK) {
        const block = buffer.subarray(offset, Math.min(offset + BLOCK, bytesRead));
        if (!block.equals(ZEROS.subarray(0, block.length)))
          await dst.write(block, 0, block.length, at + offset);
      }
      at += bytesRead;
    }
    await dst.truncate(size);
  } finally {
    await src?.close();
    await dst?.close();
  }
}
