/**
 * The workspaces of a run's log folder: each agent's snapshots (`<agent>/<timestamp>/workspace/`,
 * and `attempt_K/<agent>/<timestamp>/workspace/` after a restart, named `attempt_K-<timestamp>`) and
 * the final workspace (`final/<winner>/workspace/`); listing them and finding one file in them.
 */
import { existsSync } from 'node:fs';
import { lstat, readdir } from 'node:fs/promises';
import path from 'node:path';
import { safePathSegment } from '../events/log-dir.js';
import type { WorkspaceFile, WorkspaceListing } from './api-types.js';
import { confinedFile } from './confined-file.js';

export type { WorkspaceFile, WorkspaceListing };

/** Most files listed per workspace. */
const MAX_FILES = 5000;

/** Regular files under `root`, depth first, sorted; symbolic links are not followed. */
async function listFiles(root: string): Promise<WorkspaceFile[]> {
  const files: WorkspaceFile[] = [];
  const walk = async (dir: string, prefix: string): Promise<void> => {
    let entries: import('node:fs').Dirent[];
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch {
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : 1));
    for (const entry of entries) {
      if (files.length >= MAX_FILES) return;
      const full = path.join(dir, entry.name);
      const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
      if (entry.isDirectory()) await walk(full, rel);
      else if (entry.isFile()) files.push({ path: rel, size: (await lstat(full)).size });
    }
  };
  await walk(root, '');
  return files;
}

async function dirs(dir: string, pattern?: RegExp): Promise<string[]> {
  try {
    return (await readdir(dir, { withFileTypes: true }))
      .filter((e) => e.isDirectory() && (!pattern || pattern.test(e.name)))
      .map((e) => e.name)
      .sort();
  } catch {
    return [];
  }
}

/** The snapshot folders of one agent: name → `…/workspace`. */
async function snapshotsOf(turnDir: string, agentId: string): Promise<Map<string, string>> {
  const agent = safePathSegment(agentId);
  const found = new Map<string, string>();
  const add = async (base: string, prefix: string) => {
    for (const stamp of await dirs(path.join(base, agent))) {
      const workspace = path.join(base, agent, stamp, 'workspace');
      if (existsSync(workspace)) found.set(`${prefix}${stamp}`, workspace);
    }
  };
  for (const attempt of await dirs(turnDir, /^attempt_\d+$/))
    await add(path.join(turnDir, attempt), `${attempt}-`);
  await add(turnDir, '');
  return found;
}

/** The final workspace folder, if any. */
async function finalWorkspace(turnDir: string): Promise<string | undefined> {
  for (const agent of await dirs(path.join(turnDir, 'final'))) {
    const workspace = path.join(turnDir, 'final', agent, 'workspace');
    if (existsSync(workspace)) return workspace;
  }
  return undefined;
}

export async function listWorkspaces(
  turnDir: string,
  agentIds: readonly string[],
): Promise<WorkspaceListing> {
  const agents: WorkspaceListing['agents'] = [];
  for (const agentId of agentIds) {
    const snapshots: Array<{ name: string; files: WorkspaceFile[] }> = [];
    for (const [name, dir] of await snapshotsOf(turnDir, agentId))
      snapshots.push({ name, files: await listFiles(dir) });
    agents.push({ agentId, snapshots });
  }
  const final = await finalWorkspace(turnDir);
  return { agents, ...(final ? { final: { files: await listFiles(final) } } : {}) };
}

/**
 * The file `final/<path>` or `<agentId>/<snapshot>/<path>` names, inside its workspace only; undefined
 * when there is none (or the path tries to leave the workspace).
 */
export async function workspaceFile(
  turnDir: string,
  agentIds: readonly string[],
  rest: string,
): Promise<string | undefined> {
  const [first, ...tail] = rest.split('/');
  if (first === 'final') {
    const root = await finalWorkspace(turnDir);
    return root ? confinedFile(root, tail.join('/')) : undefined;
  }
  if (!first || !agentIds.includes(first)) return undefined;
  const [snapshot, ...file] = tail;
  const root = snapshot === undefined ? undefined : (await snapshotsOf(turnDir, first)).get(snapshot);
  return root ? confinedFile(root, file.join('/')) : undefined;
}
