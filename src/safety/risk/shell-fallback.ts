/**
 * A small shell lexer for what the shell parser refuses (`2>&1 >file`, `$'…'`, `<(…)`, `${HOME:?}`,
 * nested substitutions, unfinished input): it splits a command line into simple commands at `;`,
 * `&`, `|`, newlines and parentheses, removes quoting and escapes (ANSI-C `$'\x72m'` included),
 * reads `$HOME` as `~`, keeps redirections, and reads every `$(…)`, backtick and process
 * substitution as a command line of its own. Shell keywords that open a command (`if`, `then`, `do`,
 * `{`, `!`, …) are skipped. A command read this way is judged `unknown`; the hardline floor still
 * sees it.
 */
import { FIELD_BREAK } from './shell-fields.js';
import type { ShellScript, ShellWord, SimpleCommand } from './shell-script.js';

/** Reads a nested command line (a substitution) one level deeper. */
export type ReadNested = (source: string, depth: number) => ShellScript;

const KEYWORDS = new Set([
  'if',
  'then',
  'else',
  'elif',
  'fi',
  'do',
  'done',
  'while',
  'until',
  'case',
  'esac',
  '{',
  '}',
  '!',
  'time',
  'function',
  '[[',
  'coproc',
]);
const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*(\[[^\]]*\])?\+?=/;
const SIMPLE_ESCAPES: Record<string, string> = {
  a: '\x07',
  b: '\b',
  e: '\x1b',
  E: '\x1b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
  '\\': '\\',
  "'": "'",
  '"': '"',
  '?': '?',
};

/** Index of the `close` that matches the `open` just before `from` (quotes and escapes skipped). */
function findClose(source: string, from: number, open: string, close: string): number {
  let depth = 1;
  for (let i = from; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') i++;
    else if (c === "'") {
      const end = source.indexOf("'", i + 1);
      i = end < 0 ? source.length : end;
    } else if (c === '"') {
      for (i++; i < source.length && source[i] !== '"'; i++) if (source[i] === '\\') i++;
    } else if (c === open) depth++;
    else if (c === close && --depth === 0) return i;
  }
  return source.length;
}

/** Decodes an ANSI-C quoted string (`$'…'`) starting after its opening quote; returns [text, end]. */
function ansiC(source: string, from: number): [string, number] {
  let out = '';
  let i = from;
  for (; i < source.length && source[i] !== "'"; i++) {
    const c = source[i]!;
    if (c !== '\\') {
      out += c;
      continue;
    }
    const e = source[++i] ?? '';
    const hex = (max: number) => {
      const digits = /^[0-9a-fA-F]+/.exec(source.slice(i + 1, i + 1 + max))?.[0] ?? '';
      i += digits.length;
      return digits ? String.fromCodePoint(Number.parseInt(digits, 16)) : '';
    };
    if (e in SIMPLE_ESCAPES) out += SIMPLE_ESCAPES[e];
    else if (e === 'x') out += hex(2);
    else if (e === 'u') out += hex(4);
    else if (e === 'U') out += hex(8);
    else if (/[0-7]/.test(e)) {
      const digits = /^[0-7]{1,3}/.exec(source.slice(i))![0];
      i += digits.length - 1;
      out += String.fromCharCode(Number.parseInt(digits, 8) & 0xff);
    } else if (e === 'c') out += String.fromCharCode((source.charCodeAt(++i) || 64) & 0x1f);
    else out += `\\${e}`;
  }
  return [out, i + 1];
}

/** Escapes `text` for use inside a regular expression. */
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A function defined in the text that calls itself next to a pipe or `&` (a fork bomb). */
function forkBombIn(source: string): string | undefined {
  for (const match of source.matchAll(/([^\s(){};|&<>]+)\s*\(\s*\)\s*\{([^}]*)\}/g)) {
    const name = escapeRegExp(match[1]!);
    const body = match[2]!;
    if (new RegExp(`(^|[^\\w])${name}\\s*(\\||&(?!&))|\\|\\s*${name}($|[^\\w])`).test(body)) return match[1];
  }
  return undefined;
}

/** Reads `source` with the lexer (see the file comment). */
export function readFallback(
  source: string,
  depth: number,
  nested: ReadNested,
  maxDepth: number,
  expand: (command: SimpleCommand) => SimpleCommand,
): ShellScript {
  const commands: SimpleCommand[] = [];
  const functions = new Set<string>();
  let forkBomb = forkBombIn(source);
  let current: SimpleCommand = { args: [], redirects: [] };
  let value = '';
  let dynamic = false;
  let started = false;
  let redirect: string | undefined;
  let quoted = false;

  const add = (text: string) => {
    value += text;
    started = true;
  };
  const computed = (inner?: string) => {
    dynamic = true;
    started = true;
    if (inner === undefined) return;
    if (depth >= maxDepth) {
      commands.push({ name: { value: '', dynamic: true }, args: [], redirects: [] });
      return;
    }
    const script = nested(inner, depth + 1);
    commands.push(...script.commands);
    for (const name of script.functions) functions.add(name);
    forkBomb ??= script.forkBomb;
  };
  const endWord = () => {
    if (!started) return;
    const word: ShellWord = { value, dynamic };
    value = '';
    dynamic = false;
    started = false;
    if (redirect !== undefined) {
      const dup = (redirect === '>&' || redirect === '<&') && /^(\d+-?|-)$/.test(word.value);
      if (!dup) current.redirects.push({ op: redirect === '>&' ? '>' : redirect, target: word });
      redirect = undefined;
    } else if (!current.name && !word.dynamic && (KEYWORDS.has(word.value) || ASSIGNMENT.test(word.value))) {
      // A keyword or an assignment before the command name.
    } else if (!current.name) current.name = word;
    else current.args.push(word);
  };
  const endCommand = () => {
    endWord();
    if (current.name || current.redirects.length > 0) commands.push(expand(current));
    current = { args: [], redirects: [] };
  };
  /** Reads a `$…` expansion at `i`; returns the index after it. */
  const dollar = (i: number): number => {
    const next = source[i + 1];
    if (next === '(' && source[i + 2] === '(') {
      computed();
      return findClose(source, i + 3, '(', ')') + 2;
    }
    if (next === '(') {
      const end = findClose(source, i + 2, '(', ')');
      computed(source.slice(i + 2, end));
      return end + 1;
    }
    if (next === '{') {
      const end = findClose(source, i + 2, '{', '}');
      const inner = source.slice(i + 2, end);
      const op = /^HOME(.*)$/s.exec(inner)?.[1];
      if (op !== undefined && /^(|:?[-?=].*)$/s.test(op)) add('~');
      else if (inner === 'IFS' && !quoted) add(FIELD_BREAK);
      else computed(/\$\(|`/.test(inner) ? inner.replace(/^[^$`]*/, 'echo ') : undefined);
      return end + 1;
    }
    const name = /^([A-Za-z_][A-Za-z0-9_]*|[0-9@*#?$!-])/.exec(source.slice(i + 1))?.[0];
    if (name === undefined) {
      add('$');
      return i + 1;
    }
    if (name === 'HOME') add('~');
    else if (name === 'IFS' && !quoted) add(FIELD_BREAK);
    else computed();
    return i + 1 + name.length;
  };
  const backtick = (i: number): number => {
    let end = i + 1;
    while (end < source.length && source[end] !== '`') end += source[end] === '\\' ? 2 : 1;
    computed(source.slice(i + 1, end).replace(/\\([`\\$])/g, '$1'));
    return end + 1;
  };

  for (let i = 0; i < source.length; ) {
    const c = source[i]!;
    const next = source[i + 1];
    if (c === '\\') {
      if (next !== '\n' && next !== undefined) add(next);
      i += 2;
    } else if (c === "'") {
      const end = source.indexOf("'", i + 1);
      add(source.slice(i + 1, end < 0 ? source.length : end));
      i = end < 0 ? source.length : end + 1;
    } else if (c === '$' && next === "'") {
      const [text, end] = ansiC(source, i + 2);
      add(text);
      i = end;
    } else if (c === '"') {
      started = true;
      quoted = true;
      for (i++; i < source.length && source[i] !== '"'; ) {
        const d = source[i]!;
        if (d === '\\' && '$`"\\\n'.includes(source[i + 1] ?? '')) {
          if (source[i + 1] !== '\n') add(source[i + 1]!);
          i += 2;
        } else if (d === '$') i = dollar(i);
        else if (d === '`') i = backtick(i);
        else {
          add(d);
          i++;
        }
      }
      quoted = false;
      i++;
    } else if (c === '$') i = dollar(i);
    else if (c === '`') i = backtick(i);
    else if (c === '#' && !started) {
      const end = source.indexOf('\n', i);
      i = end < 0 ? source.length : end;
    } else if (c === '\n') {
      endCommand();
      i++;
    } else if (/\s/.test(c)) {
      endWord();
      i++;
    } else if (c === '&' && next === '>') {
      endWord();
      redirect = source[i + 2] === '>' ? '&>>' : '&>';
      i += redirect.length;
    } else if ((c === '<' || c === '>') && next === '(') {
      endWord();
      const end = findClose(source, i + 2, '(', ')');
      computed(source.slice(i + 2, end));
      endWord();
      i = end + 1;
    } else if (c === '>' || c === '<') {
      if (started && !dynamic && /^\d+$/.test(value)) {
        value = '';
        started = false;
      } else endWord();
      const op = /^(>>|>\||>&|>|<<<|<<-|<<|<>|<&|<)/.exec(source.slice(i))![0];
      redirect = op;
      i += op.length;
    } else if (';&|()'.includes(c)) {
      endCommand();
      i++;
    } else {
      add(c);
      i++;
    }
  }
  endCommand();
  return { commands, functions, forkBomb, parsed: false };
}
