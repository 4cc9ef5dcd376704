/**
 * Checks of YAML text and documents that keep parsing bounded: flow collections nested so deep that
 * the parser would run out of memory, and characters YAML does not allow (as PyYAML refuses them).
 * Duplicate keys are found by full-yaml.ts.
 */

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
