/**
 * One line of a hash-chained audit ledger: its canonical text and its hash.
 *
 * A line is a JSON object `{ seq, prev, hash, ...fields }` on one line:
 * - `seq`: 1 for the file's first line, then +1 per line (a gap shows a line removed);
 * - `prev`: the `hash` of the line before; the first line's `prev` is {@link GENESIS} (64 zeros);
 * - `hash`: sha256, in lowercase hex, of the UTF-8 text `prev + body`, where `body` is the
 *   canonical JSON of the line without its `hash` member.
 *
 * Canonical JSON: no white space; the members of the line itself in the order `seq`, `prev`, `hash`,
 * then every other key in ascending order of UTF-16 code units; every nested object's keys in that
 * same ascending order; arrays in their order; strings and numbers as `JSON.stringify` writes them.
 * A line is written exactly in this form, so any change to its bytes either changes a value (the hash
 * no longer matches) or leaves text that is not canonical — both are detected.
 */
import { createHash } from 'node:crypto';

/** The `prev` of a ledger's first line. */
export const GENESIS = '0'.repeat(64);

/** The members that lead a line, in this order. */
const LEADING = ['seq', 'prev', 'hash'] as const;

const HEX64 = /^[0-9a-f]{64}$/;

/** The chain members of a line. */
export interface ChainFields {
  seq: number;
  prev: string;
  hash: string;
}

/** A plain JSON value (what `JSON.parse` gives). */
type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const byCodeUnits = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Canonical JSON of a plain JSON value (keys sorted at every level). */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const keys = Object.keys(value).sort(byCodeUnits);
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, Json>)[k])}`).join(',')}}`;
}

/** The canonical text of a whole line object: `seq`, `prev`, `hash` first (those present), then the rest sorted. */
export function lineJson(line: Record<string, unknown>): string {
  const keys = Object.keys(line);
  const leading = LEADING.filter((k) => keys.includes(k));
  const rest = keys.filter((k) => !(LEADING as readonly string[]).includes(k)).sort(byCodeUnits);
  const members = [...leading, ...rest].map((k) => `${JSON.stringify(k)}:${canonicalJson(line[k])}`);
  return `{${members.join(',')}}`;
}

/** The hash of a line: sha256(prev + canonical body without `hash`), hex. */
export function lineHash(line: Record<string, unknown>): string {
  const { hash: _hash, ...body } = line;
  return createHash('sha256')
    .update(`${String(line.prev)}${lineJson(body)}`, 'utf8')
    .digest('hex');
}

/**
 * A plain copy of `fields` (through JSON, so `undefined`, functions and `toJSON` are settled the way
 * they will be read back). Throws on a cycle or a BigInt.
 */
export function plainFields(fields: object): Record<string, unknown> {
  const plain = JSON.parse(JSON.stringify(fields)) as Record<string, unknown>;
  for (const key of LEADING) delete plain[key];
  return plain;
}

/** Chains `fields` after the line with hash `prev` and number `seq - 1`; returns the line's text and hash. */
export function chainLine(
  fields: Record<string, unknown>,
  seq: number,
  prev: string,
): { text: string; hash: string } {
  const line: Record<string, unknown> = { seq, prev, ...fields };
  const hash = lineHash(line);
  return { text: lineJson({ seq, prev, hash, ...fields }), hash };
}

/** The chain members of a parsed line, or undefined when it is not a ledger line. */
export function chainFields(value: unknown): ChainFields | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const v = value as Record<string, unknown>;
  if (!Number.isSafeInteger(v.seq) || (v.seq as number) < 1) return undefined;
  if (typeof v.prev !== 'string' || !HEX64.test(v.prev)) return undefined;
  if (typeof v.hash !== 'string' || !HEX64.test(v.hash)) return undefined;
  return { seq: v.seq as number, prev: v.prev, hash: v.hash };
}
