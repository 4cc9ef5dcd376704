/**
 * What a simple command really runs: the program under `env X=1`, `sudo`, `doas`, `nice`, `nohup`,
 * `timeout`, `xargs`, `command`, `exec`, `stdbuf`, `busybox`, …; the script of `sh -c`, `bash -c`,
 * `su -c`, `eval`, `trap`, `watch`, `alias` (judged where it is defined); and the commands
 * `find -exec` runs. A program given by a path is
 * known only from the system's program folders (`/usr/bin/rm` is `rm`, `./rm` is a script).
 */
import path from 'node:path';
import {
  hasFlag,
  optionValues,
  positionals,
  shown,
  takesNextArgument,
  type ValueOptions,
} from './command-args.js';
import type { ShellWord } from './shell-script.js';

/** One program run with its arguments. `via`: the wrappers around it, outermost first. */
export interface Invocation {
  name: string;
  args: ShellWord[];
  via: string[];
}

/** What one command runs. */
export type Unwrapped =
  | { kind: 'program'; invocation: Invocation }
  | { kind: 'script'; source: string; via: string[] }
  | { kind: 'unknown'; reason: string; args: ShellWord[]; via: string[] };

const SYSTEM_BIN = new Set([
  '/bin',
  '/sbin',
  '/usr/bin',
  '/usr/sbin',
  '/usr/local/bin',
  '/usr/local/sbin',
  '/opt/homebrew/bin',
  '/run/current-system/sw/bin',
]);
const SHELLS = new Set(['sh', 'bash', 'dash', 'zsh', 'ksh', 'mksh', 'ash', 'fish']);
const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*=/;
const MAX_WRAPPERS = 16;

const set = (list: string) => new Set(list.split(' ')) as ValueOptions;

const WRAPPER_VALUES: Record<string, ValueOptions> = {
  env: set('-u --unset -C --chdir -S --split-string'),
  sudo: set(
    '-u -g -C -D -h -p -r -t -U -T --user --group --close-from --chdir --host --prompt --role --type --other-user --command-timeout',
  ),
  doas: set('-u -C'),
  nice: set('-n --adjustment'),
  ionice: set('-c -n -p -P -u --class --classdata --pid --pgid --uid'),
  nohup: set(''),
  setsid: set(''),
  unbuffer: set(''),
  chronic: set(''),
  stdbuf: set('-i -o -e --input --output --error'),
  time: set('-f -o --format --output'),
  timeout: set('-s -k --signal --kill-after'),
  command: set(''),
  builtin: set(''),
  exec: set('-a'),
  xargs: set(
    '-a -d -E -I -L -n -P -s --arg-file --delimiter --eof --replace --max-lines --max-args --max-procs --max-chars --process-slot-var',
  ),
  busybox: set(''),
  toybox: set(''),
};

/** Index of the first argument that is not an option, an option value or (with `assignments`) NAME=VALUE. */
function commandStart(args: readonly ShellWord[], values: ValueOptions, assignments = false): number {
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg.dynamic) return i;
    if (arg.value === '--') return i + 1;
    if (arg.value.startsWith('-') && arg.value !== '-') {
      if (takesNextArgument(arg.value, values)) i++;
      continue;
    }
    if (assignments && ASSIGNMENT.test(arg.value)) continue;
    return i;
  }
  return args.length;
}

/** The program a command word names, or why it cannot be known. */
function programName(word: ShellWord): { name: string } | { reason: string } {
  if (word.dynamic) return { reason: 'the program’s name is only known when the command runs' };
  const value = word.value;
  if (!value.includes('/')) return { name: value };
  if (value.startsWith('/') && SYSTEM_BIN.has(path.posix.dirname(path.posix.normalize(value)))) {
    return { name: path.posix.basename(value) };
  }
  return { reason: `it runs ${value}, a program or script whose effect cannot be known` };
}

/** The script of a shell's `-c`, or why the shell's commands cannot be known. */
function shellScript(name: string, args: ShellWord[], via: string[]): Unwrapped {
  let command = false;
  let i = 0;
  for (; i < args.length; i++) {
    const arg = args[i]!;
    if (arg.dynamic) break;
    if (arg.value === '--' || arg.value === '-') {
      i++;
      break;
    }
    if (/^[-+]o$/.test(arg.value) || arg.value === '--rcfile' || arg.value === '--init-file') {
      i++;
      continue;
    }
    if (arg.value.startsWith('--')) {
      if (arg.value === '--command') command = true;
      continue;
    }
    if (/^[-+][A-Za-z]+$/.test(arg.value)) {
      if (arg.value.startsWith('-') && arg.value.includes('c')) command = true;
      continue;
    }
    break;
  }
  const first = args[i];
  const inner = [...via, name];
  if (command) {
    if (!first) return { kind: 'unknown', reason: `${name} -c has no command`, args, via: inner };
    if (first.dynamic) {
      return {
        kind: 'unknown',
        reason: `${name} -c runs a command line only known when it runs`,
        args,
        via: inner,
      };
    }
    return { kind: 'script', source: first.value, via: inner };
  }
  if (first) return { kind: 'unknown', reason: `${name} runs the script ${shown(first)}`, args, via: inner };
  return { kind: 'unknown', reason: `${name} reads commands from its standard input`, args, via: inner };
}

/** A command line made of words (eval, sudo -s, watch). */
function joined(name: string, words: ShellWord[], via: string[]): Unwrapped {
  if (words.some((w) => w.dynamic)) {
    return {
      kind: 'unknown',
      reason: `${name} runs a command line only known when it runs`,
      args: words,
      via,
    };
  }
  return { kind: 'script', source: words.map((w) => w.value).join(' '), via };
}

/** `find`: the search itself, and every command its `-exec`/`-execdir`/`-ok`/`-okdir` runs. */
function findCommands(args: ShellWord[], via: string[], depth: number): Unwrapped[] {
  const firstExpr = args.findIndex((a) => !a.dynamic && /^[-(!]/.test(a.value));
  const roots = (firstExpr < 0 ? args : args.slice(0, firstExpr)).filter((a) => a.value !== '');
  const out: Unwrapped[] = [{ kind: 'program', invocation: { name: 'find', args, via } }];
  for (let i = 0; i < args.length; i++) {
    if (args[i]!.dynamic || !/^-(exec|execdir|ok|okdir)$/.test(args[i]!.value)) continue;
    let end = i + 1;
    while (end < args.length && !(args[end]!.value === ';' || args[end]!.value === '+')) end++;
    const [program, ...rest] = args.slice(i + 1, end);
    if (program) {
      // `{}` stands for each file found: judged as the folders searched.
      const each = roots.length > 0 ? roots : [{ value: '.', dynamic: false }];
      const expanded = rest.flatMap((a) => (a.value === '{}' && !a.dynamic ? each : [a]));
      out.push(...unwrap(program, expanded, [...via, 'find -exec'], depth + 1));
    }
    i = end;
  }
  return out;
}

/** What a command with this name and these arguments runs (see the file comment). */
export function unwrap(nameWord: ShellWord, args: ShellWord[], via: string[] = [], depth = 0): Unwrapped[] {
  const resolved = programName(nameWord);
  if ('reason' in resolved) return [{ kind: 'unknown', reason: resolved.reason, args, via }];
  const name = resolved.name;
  if (depth >= MAX_WRAPPERS) return [{ kind: 'unknown', reason: 'too many nested wrappers', args, via }];
  const inner = [...via, name];
  const rest = (start: number, extra: ShellWord[] = []): Unwrapped[] => {
    const [next, ...more] = args.slice(start);
    if (!next) return [{ kind: 'program', invocation: { name, args, via } }];
    return unwrap(next, [...more, ...extra], inner, depth + 1);
  };
  if (SHELLS.has(name)) return [shellScript(name, args, via)];
  switch (name) {
    case 'env': {
      if (hasFlag(args, 'C', ['--chdir'], WRAPPER_VALUES.env)) {
        return [{ kind: 'unknown', reason: 'env -C runs the command in another folder', args, via: inner }];
      }
      const split = optionValues(args, ['-S', '--split-string']);
      if (split.length > 0)
        return [
          joined('env -S', [...split, ...args.slice(commandStart(args, WRAPPER_VALUES.env!, true))], inner),
        ];
      return rest(commandStart(args, WRAPPER_VALUES.env!, true));
    }
    case 'sudo':
    case 'doas': {
      const values = WRAPPER_VALUES[name]!;
      const start = commandStart(args, values, name === 'sudo');
      if (hasFlag(args.slice(0, start), 'D', ['--chdir'], values) && name === 'sudo') {
        return [{ kind: 'unknown', reason: 'sudo -D runs the command in another folder', args, via: inner }];
      }
      if (hasFlag(args.slice(0, start), name === 'sudo' ? 'si' : 's', ['--shell', '--login'], values)) {
        const words = args.slice(start);
        if (words.length === 0)
          return [{ kind: 'unknown', reason: `${name} opens a shell`, args, via: inner }];
        return [joined(name, words, inner)];
      }
      if (name === 'sudo' && hasFlag(args.slice(0, start), 'e', ['--edit'], values)) {
        return [{ kind: 'program', invocation: { name: 'sudoedit', args: args.slice(start), via: inner } }];
      }
      return rest(start);
    }
    case 'timeout': {
      const start = commandStart(args, WRAPPER_VALUES.timeout!);
      return rest(start + 1);
    }
    case 'command':
      if (hasFlag(args, 'vV')) return [{ kind: 'program', invocation: { name: 'type', args, via } }];
      return rest(commandStart(args, WRAPPER_VALUES.command!));
    case 'xargs':
      // The arguments it adds come from its input.
      if (commandStart(args, WRAPPER_VALUES.xargs!) >= args.length) {
        return [{ kind: 'program', invocation: { name: 'echo', args: [], via: inner } }];
      }
      return rest(commandStart(args, WRAPPER_VALUES.xargs!), [{ value: '', dynamic: true }]);
    case 'eval':
      return [joined('eval', args, inner)];
    case 'watch':
      return [
        joined('watch', positionals(args, set('-n -d --interval --differences -q -g --chgexit')), inner),
      ];
    case 'su': {
      const command = optionValues(args, ['-c', '--command']);
      if (command.length === 0) return [{ kind: 'unknown', reason: 'su opens a shell', args, via: inner }];
      return [joined('su -c', command, inner)];
    }
    case 'trap': {
      const [action] = positionals(args);
      if (
        !action ||
        hasFlag(args, 'lp') ||
        action.value === '-' ||
        (action.value === '' && !action.dynamic)
      ) {
        return [{ kind: 'program', invocation: { name: 'true', args: [], via } }];
      }
      return [joined('trap', [action], inner)];
    }
    case 'flock': {
      const command = optionValues(args, ['-c', '--command']);
      if (command.length > 0) return [joined('flock -c', command, inner)];
      const start = commandStart(args, set('-w -E --timeout --conflict-exit-code'));
      return rest(start + 1);
    }
    case 'find':
      return findCommands(args, via, depth);
    case 'alias': {
      // What an alias runs is judged where it is defined.
      const bodies = args
        .filter((a) => !a.dynamic && /^[^=]+=/.test(a.value))
        .map((a) =>
          joined('alias', [{ value: a.value.slice(a.value.indexOf('=') + 1), dynamic: false }], inner),
        );
      return bodies.length > 0 ? bodies : [{ kind: 'program', invocation: { name, args, via } }];
    }
    default:
      if (name in WRAPPER_VALUES) return rest(commandStart(args, WRAPPER_VALUES[name]!));
      return [{ kind: 'program', invocation: { name, args, via } }];
  }
}
