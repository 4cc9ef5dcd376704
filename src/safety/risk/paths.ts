/**
 * Where a path a command or a file tool writes lies: inside the agent's workspace (snapshots can
 * restore it), outside it, a harmless device (`/dev/null`), another device, or bash's network
 * pseudo-files (`/dev/tcp/…`). And which paths the hardline floor protects: `/`, the system's
 * top-level folders, the home folder and its parents, and the shell start-up files.
 */
import path from 'node:path';
import { canonicalPath, isInside } from '../../workspace/permissions.js';
import type { ShellWord } from './shell-script.js';

/** What paths are judged against. */
export interface PathContext {
  /** The agent's workspace (absolute), when it has one: relative paths start there. */
  workspace?: string;
  /** The user's home folder (what `~` and `$HOME` mean to the hardline floor). */
  home: string;
}

/** The directory a command runs in, as far as it is known. */
export type Cwd =
  | { kind: 'workspace'; rel: string }
  | { kind: 'absolute'; path: string }
  | { kind: 'unknown' };

/** Where a written path is. `path` is absolute when known. */
export type Location =
  | { kind: 'workspace' }
  | { kind: 'outside'; path?: string }
  | { kind: 'harmless' }
  | { kind: 'device'; path: string }
  | { kind: 'network'; path: string };

const posix = path.posix;

const HARMLESS_DEVICES = new Set([
  '/dev/null',
  '/dev/zero',
  '/dev/full',
  '/dev/random',
  '/dev/urandom',
  '/dev/stdin',
  '/dev/stdout',
  '/dev/stderr',
  '/dev/tty',
]);
const HARMLESS_DEVICE_FOLDERS = ['/dev/fd', '/dev/pts', '/dev/shm'];

/** `/`, the system's top-level folders and the ones under /usr whose loss breaks the system. */
const SYSTEM_FOLDERS = new Set(
  [
    '/',
    ...'bin boot dev etc home lib lib32 lib64 libx32 media mnt opt proc root run sbin snap srv sys usr var'.split(
      ' ',
    ),
    ...'Applications Library System Users Volumes private cores'.split(' '),
    ...'usr/bin usr/lib usr/lib64 usr/local usr/sbin usr/share usr/include var/lib var/log'.split(' '),
  ].map((p) => (p === '/' ? p : `/${p}`)),
);

/** Shell start-up files, by name, in a home folder. */
const STARTUP_NAMES = new Set(
  '.bashrc .bash_profile .bash_login .bash_logout .profile .zshrc .zshenv .zprofile .zlogin .zlogout .kshrc .mkshrc .cshrc .tcshrc .login .xprofile .xsessionrc'.split(
    ' ',
  ),
);
const STARTUP_SYSTEM = [
  '/etc/profile',
  '/etc/bash.bashrc',
  '/etc/bashrc',
  '/etc/zshrc',
  '/etc/zprofile',
  '/etc/zshenv',
  '/etc/zlogin',
  '/etc/environment',
  '/etc/csh.cshrc',
  '/etc/csh.login',
];
const STARTUP_SYSTEM_FOLDERS = ['/etc/profile.d', '/etc/zsh'];

/** A path without trailing slashes, `.` and `..` parts, and a final `/*` (a folder's contents). */
export function normalise(p: string): string {
  let out = posix.normalize(p);
  for (;;) {
    const stripped = out.replace(/\/+(\*|\.\*|\*\*|\{\*,\.\*\}|\{\.\*,\*\})$/, '').replace(/\/+$/, '');
    if (stripped === out) break;
    out = stripped;
  }
  if (out === '' || out === '.') return p.startsWith('/') ? '/' : '.';
  return out;
}

/** A word's path with `~` (and `~user`) expanded against `home`, or undefined for `~user`. */
function expandTilde(value: string, home: string): string | undefined {
  if (value === '~' || value.startsWith('~/')) return home + value.slice(1);
  if (value.startsWith('~')) {
    const user = /^~([^/]*)/.exec(value)![1]!;
    return `/home/${user}${value.slice(1 + user.length)}`;
  }
  return value;
}

/**
 * The absolute path a word names when the command runs in `cwd` (parts only known at run time
 * left out, so `$DIR/` reads as `/`), or undefined when the directory is not known.
 */
export function resolveTarget(word: ShellWord, cwd: Cwd, ctx: PathContext): string | undefined {
  const value = expandTilde(word.value, ctx.home);
  if (value === undefined || value === '') return undefined;
  if (value.startsWith('/')) return normalise(value);
  if (cwd.kind === 'absolute') return normalise(posix.join(cwd.path, value));
  if (cwd.kind === 'workspace' && ctx.workspace) return normalise(posix.join(ctx.workspace, cwd.rel, value));
  return undefined;
}

function locateAbsolute(abs: string, ctx: PathContext): Location {
  if (HARMLESS_DEVICES.has(abs) || HARMLESS_DEVICE_FOLDERS.some((d) => isInside(abs, d))) {
    return { kind: 'harmless' };
  }
  if (isInside(abs, '/dev/tcp') || isInside(abs, '/dev/udp')) return { kind: 'network', path: abs };
  if (isInside(abs, '/dev')) return { kind: 'device', path: abs };
  if (ctx.workspace && isInside(abs, ctx.workspace)) {
    // A link inside the workspace that leads out of it is judged by where it leads.
    const real = canonicalPath(abs, ctx.workspace);
    return isInside(real, ctx.workspace) ? { kind: 'workspace' } : { kind: 'outside', path: real };
  }
  return { kind: 'outside', path: abs };
}

/** Where a written word lies (a word only known at run time is outside: it may be anything). */
export function locate(word: ShellWord, cwd: Cwd, ctx: PathContext): Location {
  if (word.dynamic) return { kind: 'outside' };
  const value = word.value;
  if (!value.startsWith('/') && !value.startsWith('~') && cwd.kind === 'workspace') {
    const rel = normalise(posix.join(cwd.rel, value));
    if (rel !== '..' && !rel.startsWith('../')) {
      return ctx.workspace ? locateAbsolute(posix.join(ctx.workspace, rel), ctx) : { kind: 'workspace' };
    }
  }
  const abs = resolveTarget(word, cwd, ctx);
  return abs === undefined ? { kind: 'outside' } : locateAbsolute(abs, ctx);
}

/** The directory after `cd <word>` (`cd` alone, `cd -` and computed folders: unknown). */
export function changeDir(cwd: Cwd, word: ShellWord | undefined, ctx: PathContext): Cwd {
  if (!word || word.dynamic || word.value === '-') return { kind: 'unknown' };
  const value = word.value;
  if (!value.startsWith('/') && !value.startsWith('~') && cwd.kind === 'workspace') {
    const rel = normalise(posix.join(cwd.rel, value));
    if (rel !== '..' && !rel.startsWith('../')) return { kind: 'workspace', rel: rel === '.' ? '' : rel };
  }
  const abs = resolveTarget(word, cwd, ctx);
  if (abs === undefined) return { kind: 'unknown' };
  if (ctx.workspace && isInside(abs, ctx.workspace)) {
    return { kind: 'workspace', rel: posix.relative(ctx.workspace, abs) };
  }
  return { kind: 'absolute', path: abs };
}

/** Why deleting or moving `abs` away is catastrophic, or undefined. */
export function protectedFolder(abs: string, home: string): string | undefined {
  const p = normalise(abs);
  const h = normalise(home);
  if (p === '/') return '/';
  if (p === h) return 'the home folder';
  if (isInside(h, p)) return `${p} (it holds the home folder)`;
  if (SYSTEM_FOLDERS.has(p)) return p;
  if (/^\/home\/[^/]+$|^\/Users\/[^/]+$/.test(p)) return `${p} (a home folder)`;
  return undefined;
}

/** Whether `abs` is a shell start-up file (of the user, of any home folder, or system-wide). */
export function startupFile(abs: string, home: string): boolean {
  const p = normalise(abs);
  if (STARTUP_SYSTEM.includes(p) || STARTUP_SYSTEM_FOLDERS.some((d) => isInside(p, d) && p !== d))
    return true;
  const dir = posix.dirname(p);
  const homeLike = dir === normalise(home) || dir === '/root' || /^\/home\/[^/]+$|^\/Users\/[^/]+$/.test(dir);
  if (homeLike && STARTUP_NAMES.has(posix.basename(p))) return true;
  return p === posix.join(normalise(home), '.config/fish/config.fish');
}

/** Whether `abs` is a device whose writing destroys data (any device but the harmless ones). */
export function destructiveDevice(abs: string): boolean {
  return locateAbsolute(normalise(abs), { home: '/' }).kind === 'device';
}
