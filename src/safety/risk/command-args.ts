/**
 * Reading a program's arguments the way most Unix programs do: short flags that may be combined
 * (`-rf`), options that take a value (`-o FILE`, `-oFILE`, `--output FILE`, `--output=FILE`), and
 * `--` ending the options.
 */
import type { ShellWord } from './shell-script.js';

/** Options that take a value, short (`-o`) and long (`--output`). */
export type ValueOptions = ReadonlySet<string>;

export const NO_VALUES: ValueOptions = new Set();

const isOption = (w: ShellWord) => !w.dynamic && w.value.startsWith('-') && w.value !== '-';

/**
 * Whether an option word (`--output`, `-o`, `-rfo`) takes the next argument as its value: a long
 * option without `=`, or combined short flags whose last letter takes a value (an earlier one takes
 * the rest of the word).
 */
export function takesNextArgument(option: string, values: ValueOptions): boolean {
  if (option.startsWith('--')) return !option.includes('=') && values.has(option);
  const letters = option.slice(1);
  for (let k = 0; k < letters.length; k++) {
    if (values.has(`-${letters[k]}`)) return k === letters.length - 1;
  }
  return false;
}

/** The arguments that are not options or option values. */
export function positionals(args: readonly ShellWord[], values: ValueOptions = NO_VALUES): ShellWord[] {
  const out: ShellWord[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (!arg.dynamic && arg.value === '--') {
      out.push(...args.slice(i + 1));
      break;
    }
    if (!isOption(arg)) {
      out.push(arg);
      continue;
    }
    if (takesNextArgument(arg.value, values)) i++;
  }
  return out;
}

/** Whether a short flag (`r` in `-r`, `-rf`, `-fr`) or a long option (`--recursive`) is given. */
export function hasFlag(
  args: readonly ShellWord[],
  short: string,
  long: readonly string[] = [],
  values: ValueOptions = NO_VALUES,
): boolean {
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (!isOption(arg)) continue;
    if (arg.value === '--') return false;
    if (arg.value.startsWith('--')) {
      const name = arg.value.split('=')[0]!;
      if (long.includes(name)) return true;
      if (!arg.value.includes('=') && values.has(name)) i++;
      continue;
    }
    const letters = arg.value.slice(1);
    for (let k = 0; k < letters.length; k++) {
      if (short.includes(letters[k]!)) return true;
      if (values.has(`-${letters[k]}`)) {
        if (k === letters.length - 1) i++;
        break;
      }
    }
  }
  return false;
}

/**
 * The values of an option (`-o FILE`, `-oFILE`, `-qo FILE`, `--output FILE`, `--output=FILE`).
 * `names` lists the short and long spellings.
 */
export function optionValues(args: readonly ShellWord[], names: readonly string[]): ShellWord[] {
  const out: ShellWord[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (!arg.dynamic && arg.value === '--') break;
    for (const name of names) {
      if (arg.value === name && !arg.dynamic) {
        const next = args[i + 1];
        if (next) out.push(next);
        i++;
        break;
      }
      if (name.startsWith('--') && arg.value.startsWith(`${name}=`)) {
        out.push({ value: arg.value.slice(name.length + 1), dynamic: arg.dynamic });
        break;
      }
      if (!name.startsWith('--') && arg.value.startsWith(name) && !arg.value.startsWith('--')) {
        out.push({ value: arg.value.slice(name.length), dynamic: arg.dynamic });
        break;
      }
      // A one-letter option at the end of a group of flags (`-czf FILE`, `-qO-`).
      const group = /^-([A-Za-z]+)/.exec(arg.value)?.[1];
      const at = name.length === 2 && group ? group.indexOf(name[1]!) : -1;
      if (at > 0) {
        const rest = arg.value.slice(at + 2);
        if (rest === '' && !arg.dynamic) {
          const next = args[i + 1];
          if (next) out.push(next);
          i++;
        } else out.push({ value: rest, dynamic: arg.dynamic });
        break;
      }
    }
  }
  return out;
}

/** `word` as text for messages. */
export const shown = (word: ShellWord) => (word.dynamic ? `${word.value}…` : word.value);
