/**
 * The bubblewrap (`bwrap`) sandbox of `execute_command`: whether it can run here, and the
 * arguments that build it. Nothing of the host is there unless bound: the system folders
 * (read-only, minus the secrets of /etc), a private /tmp, /dev and /proc, the context paths and
 * the peers' snapshots (read-only) and the agent's workspace (writable). The user's home is not
 * bound, MassGen's own folders and `.env` files are masked where a bound folder holds them, there
 * is no network unless the agent's policy allows it (`permissions.allow_network`), a `read-only`
 * role binds the workspace read-only too, and every process of the command ends with it (its own
 * PID namespace).
 */
import { spawnSync } from 'node:child_process';
import { type Dirent, existsSync, lstatSync, readdirSync, readlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { isInside } from './permissions.js';

/** What a sandboxed command sees of the host. */
export interface SandboxMounts {
  /** The agent's workspace: writable, the working directory. */
  workspace: string;
  /** Folders (or files) bound read-only: context paths, the peers' snapshots. */
  readOnly: readonly string[];
  /** MassGen's own folders: masked with an empty folder where a read-only folder holds them. */
  hidden: readonly string[];
  /** Files masked (bound to an unreadable /dev/null): `.env` files under the read-only folders. */
  maskedFiles: readonly string[];
  /** The user's home: folders of PATH inside it are not bound. */
  home?: string;
  /** PATH of the command: its folders outside the home are bound read-only too. */
  pathVariable?: string;
  /** The command may reach the network (the policy allows egress); default: no network. */
  network?: boolean;
  /** The workspace is bound read-only (a `read-only` role). */
  readOnlyWorkspace?: boolean;
}

/** System folders bound read-only (or recreated as the links they are). */
const SYSTEM = ['/usr', '/bin', '/sbin', '/lib', '/lib32', '/lib64', '/libx32', '/etc', '/opt', '/nix'];
/** Secrets of /etc a sandboxed command does not read. */
const ETC_SECRETS = [
  '/etc/shadow',
  '/etc/shadow-',
  '/etc/gshadow',
  '/etc/gshadow-',
  '/etc/sudoers',
  '/etc/sudoers.d',
  '/etc/ssl/private',
];

let cached: { available: boolean; why?: string } | undefined;

/** Checks once per process that `bwrap` runs (it may be installed but lack user namespaces). */
export function bwrapStatus(): { available: boolean; why?: string } {
  if (cached) return cached;
  // The same options a command gets, so a sandbox that cannot work is found here, not on first use.
  const mounts: SandboxMounts = { workspace: tmpdir(), readOnly: [], hidden: [], maskedFiles: [] };
  const probe = spawnSync('bwrap', bwrapArgs(mounts, 'true'), { stdio: 'ignore', timeout: 5000 });
  if (probe.error) cached = { available: false, why: 'bwrap (bubblewrap) is not installed' };
  else if (probe.status !== 0) cached = { available: false, why: 'bwrap is installed but cannot run here' };
  else cached = { available: true };
  return cached;
}

function kind(file: string): 'dir' | 'file' | 'link' | undefined {
  try {
    const info = lstatSync(file);
    return info.isSymbolicLink() ? 'link' : info.isDirectory() ? 'dir' : 'file';
  } catch {
    return undefined;
  }
}

/** `--ro-bind` for a folder, `--symlink` for a link (merged /usr: /bin → usr/bin). */
function systemArgs(mounts: SandboxMounts): string[] {
  const args: string[] = [];
  const bound: string[] = [];
  for (const dir of SYSTEM) {
    const type = kind(dir);
    if (type === 'link') args.push('--symlink', readlinkSync(dir), dir);
    else if (type === 'dir') {
      args.push('--ro-bind', dir, dir);
      bound.push(dir);
    }
  }
  for (const secret of ETC_SECRETS) args.push(...maskArgs(secret));
  const sshDir = '/etc/ssh';
  if (kind(sshDir) === 'dir') {
    for (const name of readdirSync(sshDir)) {
      if (/^ssh_host_.*_key$/.test(name)) args.push(...maskArgs(path.join(sshDir, name)));
    }
  }
  // Programs on PATH outside the system folders (not those in the home folder).
  for (const dir of (mounts.pathVariable ?? '').split(':')) {
    if (!path.isAbsolute(dir) || bound.some((b) => isInside(dir, b)) || kind(dir) !== 'dir') continue;
    if (mounts.home && isInside(dir, mounts.home)) continue;
    if (mounts.hidden.some((h) => isInside(dir, h))) continue;
    args.push('--ro-bind', dir, dir);
    bound.push(dir);
  }
  return args;
}

/** Hides a file or folder that exists: an unreadable file, an empty folder. */
function maskArgs(target: string): string[] {
  const type = kind(target);
  if (type === 'dir') return ['--tmpfs', target];
  if (type === 'file') return ['--ro-bind', '/dev/null', target];
  return [];
}

/** `bwrap` arguments running `/bin/sh -c command` in the sandbox described by `mounts`. */
export function bwrapArgs(mounts: SandboxMounts, command: string): string[] {
  const args = [
    '--unshare-all',
    ...(mounts.network ? ['--share-net'] : []),
    '--die-with-parent',
    '--new-session',
    '--cap-drop',
    'ALL',
    ...systemArgs(mounts),
    '--dev',
    '/dev',
    '--proc',
    '/proc',
    '--tmpfs',
    '/tmp',
  ];
  const readOnly = mounts.readOnly.filter((p) => existsSync(p));
  const inHidden = (p: string) => mounts.hidden.some((h) => isInside(p, h));
  for (const p of readOnly.filter((p) => !inHidden(p))) args.push('--ro-bind', p, p);
  for (const h of mounts.hidden) {
    if (readOnly.some((p) => isInside(h, p) && h !== p)) args.push(...maskArgs(h));
  }
  for (const f of mounts.maskedFiles) args.push(...maskArgs(f));
  // Bound after the masks: the workspace and the peers' snapshots usually live in a hidden folder.
  for (const p of readOnly.filter(inHidden)) args.push('--ro-bind', p, p);
  args.push(mounts.readOnlyWorkspace ? '--ro-bind' : '--bind', mounts.workspace, mounts.workspace);
  // The folders bwrap made to mount on stay read-only; /tmp is the command's own.
  args.push('--remount-ro', '/', '--chdir', mounts.workspace);
  return [...args, '--', '/bin/sh', '-c', command];
}

/** Folders not searched for `.env` files. */
const SKIPPED = new Set(['node_modules', '.git', '.venv', 'venv', '__pycache__', '.massgen']);
/** Entries looked at when searching for `.env` files. */
const MAX_SCANNED = 20_000;

/** The `.env` / `.env.*` files under the given folders (bounded search; links not followed). */
export function envFilesUnder(roots: readonly string[]): string[] {
  const found: string[] = [];
  let scanned = 0;
  const queue = roots.filter((r) => kind(r) === 'dir');
  while (queue.length > 0 && scanned < MAX_SCANNED) {
    const dir = queue.shift()!;
    let items: Dirent[];
    try {
      items = readdirSync(dir, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const item of items) {
      scanned++;
      const full = path.join(dir, item.name);
      if (item.isDirectory() && !SKIPPED.has(item.name)) queue.push(full);
      else if (item.isFile() && /^\.env(\..+)?$/.test(item.name)) found.push(full);
    }
  }
  return found;
}
