/**
 * The `Range: bytes=…` header of a file request (RFC 9110 §14): one range, as `<audio>` and
 * `<video>` ask for to seek. Several ranges at once are answered with the whole file.
 */

/** The bytes `start`…`end` (inclusive) of a file. */
export interface ByteRange {
  start: number;
  end: number;
}

/**
 * The range `header` asks of a file of `size` bytes: undefined for no header or one this reads as
 * "the whole file" (malformed, several ranges); `'unsatisfiable'` when it starts past the end.
 */
export function byteRangeOf(
  header: string | undefined,
  size: number,
): ByteRange | 'unsatisfiable' | undefined {
  if (header === undefined) return undefined;
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!m || (m[1] === '' && m[2] === '')) return undefined;
  if (size === 0) return 'unsatisfiable';
  if (m[1] === '') {
    const suffix = Number(m[2]);
    if (suffix === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(m[1]);
  const end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
  if (start >= size) return 'unsatisfiable';
  if (end < start) return undefined;
  return { start, end };
}
