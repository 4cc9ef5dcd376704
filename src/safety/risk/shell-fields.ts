/**
 * The field splitting and brace expansion the shell does to a command's words before it runs them:
 * `rm${IFS}-rf${IFS}/` is three words, `{rm,-rf,/}` too. Quoting is not known here any more, so a
 * quoted `"{a,b}"` is expanded as well: a command is then judged on more words, never on fewer.
 */
import type { ShellWord } from './shell-script.js';

/** Where an `$IFS` expansion split a word (a character no shell word holds). */
export const FIELD_BREAK = '\u0000';

const MAX_WORDS = 256;
const BRACES = /\{([^{}]*,[^{}]*)\}/;

function braces(value: string, out: string[]): void {
  const match = BRACES.exec(value);
  if (!match || out.length >= MAX_WORDS) {
    out.push(value);
    return;
  }
  const head = value.slice(0, match.index);
  const tail = value.slice(match.index + match[0].length);
  for (const part of match[1]!.split(',')) braces(`${head}${part}${tail}`, out);
}

/** The words a command really gets. */
export function expandFields(words: readonly ShellWord[]): ShellWord[] {
  const out: ShellWord[] = [];
  for (const word of words) {
    const fields = word.value.split(FIELD_BREAK);
    for (const [i, field] of fields.entries()) {
      if (field === '' && fields.length > 1 && (i === 0 || i === fields.length - 1)) continue;
      const expanded: string[] = [];
      braces(field, expanded);
      for (const value of expanded) out.push({ value, dynamic: word.dynamic });
      if (out.length >= MAX_WORDS) return out;
    }
  }
  return out;
}
