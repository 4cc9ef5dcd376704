/**
 * Checks of YAML text and documents that keep parsing bounded: flow collections nested so deep that
 * the parser would run out of memory, characters YAML does not allow (as PyYAML refuses them), and
 * duplicate keys found in one pass (the `yaml` package's own check compares every pair of keys).
 */
import { type Document, isMap, isScalar, visit } from 'yaml';

/**
 * Whether `[` and `{` nest deeper than `max` anywhere in `text`. Brackets inside quoted or plain
 * scalars count too: a real config never has that many unclosed ones.
 */
export function flowNestsDeeperThan(text: string, max: number): boolean {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x5b || c === 0x7b) {
      if (++depth > max) return true;
    } else if ((c === 0x5d || c === 0x7d) && depth > 0) depth--;
  }
  return false;
}

/**
 * Offset of the first character YAML does not allow in a stream (C0 controls other than tab, LF
 * and CR; DEL; C1 controls other than NEL; lone surrogates; U+FFFE and U+FFFF), or -1.
 */
export function forbiddenCharOffset(text: string): number {
  const match =
    /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u0084\u0086-\u009f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.exec(
      text,
    );
  return match ? match.index : -1;
}

/** A key that appears twice in one mapping: its text and its offset in the file. */
export interface DuplicateKey {
  key: string;
  offset: number;
}

/**
 * The first mapping key that repeats an earlier key of the same mapping (scalar keys with equal
 * values, as the `yaml` package compares them), or undefined.
 */
export function findDuplicateKey(doc: Document): DuplicateKey | undefined {
  let found: DuplicateKey | undefined;
  visit(doc, {
    Map(_, map) {
      if (!isMap(map)) return undefined;
      const seen = new Set<unknown>();
      for (const pair of map.items) {
        if (!isScalar(pair.key)) continue;
        const value = pair.key.value;
        if (seen.has(value)) {
          found = { key: String(value), offset: pair.key.range?.[0] ?? 0 };
          return visit.BREAK;
        }
        seen.add(value);
      }
      return undefined;
    },
  });
  return found;
}
