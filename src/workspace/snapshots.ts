/**
 * Snapshots of workspaces: replacing a folder with a fresh copy (readers never see a half-copied
 * folder: the copy is made next to it and renamed into place), and the order of the jobs that read
 * or replace one snapshot folder — a copy of a snapshot queued before the snapshot is replaced
 * reads the old one, never the new one.
 */
import { existsSync, readdirSync } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { type CopyTreeOptions, copyTree } from './tree-copy.js';

/** Whether a folder is missing or empty. */
export function isEmptyDir(dir: string): boolean {
  return !existsSync(dir) || readdirSync(dir).length === 0;
}

let counter = 0;

/** Replaces `to` with a copy of `from` (see {@link copyTree}); on failure `to` is removed. */
export async function swapInCopy(from: string, to: string, options: CopyTreeOptions = {}): Promise<void> {
  const tag = `${process.pid}-${++counter}`;
  const staging = `${to}.tmp-${tag}`;
  const old = `${to}.old-${tag}`;
  try {
    await copyTree(from, staging, options);
  } catch (error) {
    await rm(to, { recursive: true, force: true });
    throw error;
  }
  await rename(to, old).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'ENOENT') throw error;
  });
  await rename(staging, to);
  await rm(old, { recursive: true, force: true });
}

const queues = new Map<string, Promise<void>>();

/**
 * Runs `job` once every job queued before it under any of `keys` (snapshot folders it reads or
 * writes) has ended; resolves or rejects as `job` does. A failed job does not stop the later ones.
 */
export function queueOn(keys: string | readonly string[], job: () => Promise<void>): Promise<void> {
  const list = typeof keys === 'string' ? [keys] : [...new Set(keys)];
  const run = Promise.all(list.map((key) => queues.get(key))).then(job);
  const tail = run.catch(() => {});
  for (const key of list) queues.set(key, tail);
  void tail.then(() => {
    for (const key of list) if (queues.get(key) === tail) queues.delete(key);
  });
  return run;
}
