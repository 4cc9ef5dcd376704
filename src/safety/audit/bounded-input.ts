/**
 * A call's arguments as the ledger keeps them: long strings (a file's whole content, a long script)
 * are cut to their start, followed by their length and sha256, so the ledger stays small and what it
 * keeps can still be checked against the full text.
 */
import { createHash } from 'node:crypto';

/** Longest string kept whole in a recorded argument. */
export const MAX_ARGUMENT_CHARS = 4096;

/** `text` if short enough, else its first `max` characters with a note of its length and digest. */
function boundText(text: string, max: number): string {
  if (text.length <= max) return text;
  const digest = createHash('sha256').update(text, 'utf8').digest('hex');
  return `${text.slice(0, max)}… [${text.length} characters, sha256 ${digest}]`;
}

/** A copy of a JSON value with every string longer than `max` cut (the value itself when none is). */
export function boundInput(value: unknown, max = MAX_ARGUMENT_CHARS): unknown {
  if (typeof value === 'string') return boundText(value, max);
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item) => boundInput(item, max));
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    Object.defineProperty(out, key, {
      value: boundInput(item, max),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return out;
}
