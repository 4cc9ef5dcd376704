/**
 * The hardline floor on one program of a parsed command: a recursive delete of `/`, `/*`, a system
 * folder, `~`, `$HOME` or a folder holding the home folder (`rm -rf`, `rm -r -f`, `find … -delete`),
 * moving one of them away, `rsync --delete` into one, formatting a file system (`mkfs*`), writing
 * to a device (`dd of=/dev/sda`, `> /dev/sda`) or to a shell start-up file (`~/.bashrc`,
 * `/etc/profile.d/…`). Nothing overrides it.
 */
import { hasFlag, positionals } from './command-args.js';
import type { Invocation } from './command-wrappers.js';
import { destructiveDevice, protectedFolder, startupFile } from './paths.js';
import type { ShellWord } from './shell-script.js';

/** The absolute path of a word where the command runs (run-time parts left out), if known. */
export type Resolve = (word: ShellWord) => string | undefined;

const MKFS = /^(mkfs(\..+)?|mke2fs|mkdosfs|mkntfs|mkexfatfs|newfs(_.+)?)$/;
const RM_RECURSIVE: [string, string[]] = ['rR', ['--recursive']];

function firstProtected(targets: readonly ShellWord[], resolve: Resolve, home: string): string | undefined {
  for (const target of targets) {
    const abs = resolve(target);
    const what = abs === undefined ? undefined : protectedFolder(abs, home);
    if (what) return what;
  }
  return undefined;
}

/** Why writing `target` is refused (a device, a shell start-up file), or undefined. */
export function writeTargetHardline(target: ShellWord, resolve: Resolve, home: string): string | undefined {
  const abs = resolve(target);
  if (abs === undefined) return undefined;
  if (destructiveDevice(abs)) return `writes to the device ${abs}`;
  if (startupFile(abs, home)) return `changes the shell start-up file ${abs}`;
  return undefined;
}

/** Why a program is refused by the floor, or undefined. */
export function programHardline(invocation: Invocation, resolve: Resolve, home: string): string | undefined {
  const { name, args } = invocation;
  if (name === 'rm' && hasFlag(args, ...RM_RECURSIVE)) {
    const what = firstProtected(positionals(args), resolve, home);
    if (what) return `recursive delete of ${what}`;
  }
  if (name === 'find' && args.some((a) => a.value === '-delete' && !a.dynamic)) {
    const firstExpr = args.findIndex((a) => !a.dynamic && /^[-(!]/.test(a.value));
    const what = firstProtected(firstExpr < 0 ? args : args.slice(0, firstExpr), resolve, home);
    if (what) return `find -delete over ${what}`;
  }
  if (name === 'mv') {
    const list = positionals(args, new Set(['-t', '-S', '--target-directory', '--suffix']));
    const sources = args.some((a) => a.value === '-t' || a.value.startsWith('--target-directory'))
      ? list
      : list.slice(0, -1);
    const what = firstProtected(sources, resolve, home);
    if (what) return `moves ${what} away`;
  }
  if (name === 'rsync' && args.some((a) => a.value.startsWith('--delete'))) {
    const dest = positionals(args).at(-1);
    const what = dest ? firstProtected([dest], resolve, home) : undefined;
    if (what) return `rsync --delete into ${what}`;
  }
  if (MKFS.test(name)) return `formats a file system (${name})`;
  return undefined;
}

/** A command whose name is computed, given the arguments of a recursive delete of a protected folder. */
export function computedProgramHardline(
  args: readonly ShellWord[],
  resolve: Resolve,
  home: string,
): string | undefined {
  if (!hasFlag(args, ...RM_RECURSIVE)) return undefined;
  const what = firstProtected(positionals(args), resolve, home);
  return what ? `a computed command with the arguments of a recursive delete of ${what}` : undefined;
}
