/**
 * Word wrapping of styled output into display lines. Widths count UTF-16 units, which is exact for
 * most text; wider characters are cut by the terminal renderer's truncation instead of breaking the
 * layout.
 */
import type { Span, TextBuffer } from './text-buffer.js';

/** One display line: the spans it is made of. */
export type Line = Span[];

/** [start, end) offsets of each wrapped line of `text`; newlines and the spaces lines break at are left out. */
export function wrapRanges(text: string, width: number): Array<[number, number]> {
  const w = Math.max(1, Math.floor(width));
  const ranges: Array<[number, number]> = [];
  let lineStart = 0;
  while (lineStart <= text.length) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd === -1) lineEnd = text.length;
    let pos = lineStart;
    while (lineEnd - pos > w) {
      const space = text.lastIndexOf(' ', pos + w);
      if (space > pos) {
        ranges.push([pos, space]);
        pos = space + 1;
      } else {
        ranges.push([pos, pos + w]);
        pos += w;
      }
    }
    ranges.push([pos, lineEnd]);
    if (lineEnd === text.length) break;
    lineStart = lineEnd + 1;
  }
  // Text ending with a newline has no visible line after it.
  if (text.endsWith('\n')) ranges.pop();
  return ranges;
}

/** Wraps spans to `width` columns, keeping each piece's kind. */
export function wrapSpans(spans: readonly Span[], width: number): Line[] {
  const text = spans.map((s) => s.text).join('');
  const starts: number[] = [];
  let offset = 0;
  for (const s of spans) {
    starts.push(offset);
    offset += s.text.length;
  }
  const lines: Line[] = [];
  let first = 0;
  for (const [start, end] of wrapRanges(text, width)) {
    while (first < spans.length - 1 && starts[first]! + spans[first]!.text.length <= start) first++;
    const line: Line = [];
    for (let i = first; i < spans.length && starts[i]! < end; i++) {
      const s = spans[i]!;
      const from = Math.max(start, starts[i]!) - starts[i]!;
      const to = Math.min(end, starts[i]! + s.text.length) - starts[i]!;
      if (to > from) line.push({ kind: s.kind, text: s.text.slice(from, to) });
    }
    lines.push(line);
  }
  return lines;
}

/**
 * The last `count` display lines of a buffer wrapped to `width`. Only the buffer's tail is wrapped
 * (back to the start of its first line), so the cost does not grow with the output.
 */
export function tailLines(buffer: TextBuffer, width: number, count: number): Line[] {
  if (count <= 0) return [];
  const budget = (count + 2) * (Math.max(1, width) + 1);
  const limit = budget * 5;
  const tail: Span[] = [];
  let taken = 0;
  for (let i = buffer.spans.length - 1; i >= 0 && taken < limit; i--) {
    const s = buffer.spans[i]!;
    const room = limit - taken;
    const text = s.text.length > room ? s.text.slice(s.text.length - room) : s.text;
    tail.unshift({ kind: s.kind, text });
    taken += text.length;
  }
  // Start at the beginning of a line no further back than `limit`, so wrapping matches the full text.
  const joined = tail.map((s) => s.text).join('');
  const cut = Math.max(0, joined.length - budget);
  const lineStart = cut === 0 ? 0 : joined.lastIndexOf('\n', cut) + 1;
  const lines = wrapSpans(dropFront(tail, lineStart), width);
  return lines.slice(-count);
}

function dropFront(spans: Span[], chars: number): Span[] {
  let rest = chars;
  const out: Span[] = [];
  for (const s of spans) {
    if (rest >= s.text.length) {
      rest -= s.text.length;
      continue;
    }
    out.push(rest > 0 ? { kind: s.kind, text: s.text.slice(rest) } : s);
    rest = 0;
  }
  return out;
}
