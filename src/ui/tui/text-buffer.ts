/**
 * An agent's streamed output as styled spans (answer text, dimmed reasoning, status notes), capped to
 * its tail so a long run keeps bounded memory. Buffers are immutable: every append returns a new one.
 */
import { terminalText } from '../terminal-text.js';

/**
 * How a piece of output is shown: plain text, dimmed reasoning, a coloured note or error line, or
 * text already styled for the terminal (rendered Markdown; display lines only, never in a buffer).
 */
export type SpanKind = 'text' | 'reasoning' | 'note' | 'error' | 'rendered';

/** A run of output of one kind. */
export interface Span {
  kind: SpanKind;
  text: string;
  /**
   * On the note line of an answer: the index of that answer in the agent's `answerTexts`, so a full
   * view can show the whole answer in its place. Such a span is never merged with another.
   */
  answer?: number;
}

/** An agent's output: the kept tail and how many characters were dropped before it. */
export interface TextBuffer {
  spans: readonly Span[];
  /** Characters kept (sum of span lengths). */
  length: number;
  /** Characters dropped from the front to respect the cap. */
  dropped: number;
}

/** Characters kept per agent by default. */
export const DEFAULT_BUFFER_CAP = 64_000;

export const EMPTY_BUFFER: TextBuffer = { spans: [], length: 0, dropped: 0 };

/**
 * Text made safe for a panel: control characters shown as symbols ({@link terminalText}), tabs as
 * two spaces (a tab's width depends on its column, which a panel does not know).
 */
export function sanitize(text: string): string {
  return terminalText(text).replace(/\t/g, '  ');
}

/** Appends streamed text of one kind; the tail is kept when the buffer passes `cap` characters. */
export function appendText(
  buffer: TextBuffer,
  kind: SpanKind,
  raw: string,
  cap = DEFAULT_BUFFER_CAP,
): TextBuffer {
  const clean = sanitize(raw);
  if (clean === '') return buffer;
  const spans = buffer.spans;
  const last = spans[spans.length - 1];
  // Reasoning and answer text each start on their own line.
  const text = last && last.kind !== kind && !last.text.endsWith('\n') ? `\n${clean}` : clean;
  const next =
    last?.kind === kind && last.answer === undefined
      ? [...spans.slice(0, -1), { kind, text: last.text + text }]
      : [...spans, { kind, text }];
  return trim({ spans: next, length: buffer.length + text.length, dropped: buffer.dropped }, cap);
}

/** Appends a whole line (a note such as a tool call or a vote), starting on a fresh line. */
export function appendLine(
  buffer: TextBuffer,
  kind: SpanKind,
  line: string,
  cap = DEFAULT_BUFFER_CAP,
): TextBuffer {
  const lastSpan = buffer.spans[buffer.spans.length - 1];
  // A change of kind already starts a new line (see appendText).
  const needsBreak = lastSpan?.kind === kind && !lastSpan.text.endsWith('\n');
  const flat = sanitize(line).replace(/\n+/g, ' ');
  return appendText(buffer, kind, `${needsBreak ? '\n' : ''}${flat}\n`, cap);
}

/**
 * Appends the one-line note of answer number `answer` (an index into the agent's answers), on a
 * fresh line. The span keeps the index even when the cap cuts into it.
 */
export function appendAnswerNote(
  buffer: TextBuffer,
  line: string,
  answer: number,
  cap = DEFAULT_BUFFER_CAP,
): TextBuffer {
  const last = buffer.spans[buffer.spans.length - 1];
  const flat = sanitize(line).replace(/\n+/g, ' ');
  const text = `${last && !last.text.endsWith('\n') ? '\n' : ''}${flat}\n`;
  const next = {
    spans: [...buffer.spans, { kind: 'note' as const, text, answer }],
    length: buffer.length + text.length,
    dropped: buffer.dropped,
  };
  return trim(next, cap);
}

/**
 * The last line of text the buffer holds (for one-line layouts), without trailing blank lines, and
 * at most its last `maxChars` characters: a line is measured on every frame, so it stays short.
 */
export function lastLine(buffer: TextBuffer, maxChars = 400): string {
  for (let i = buffer.spans.length - 1; i >= 0; i--) {
    const text = buffer.spans[i]!.text;
    let end = text.length;
    while (end > 0) {
      const start = text.lastIndexOf('\n', end - 1) + 1;
      const line = text.slice(Math.max(start, end - maxChars), end).trim();
      if (line !== '') return line;
      end = start - 1;
    }
  }
  return '';
}

/** The whole kept text as one string. */
export function bufferText(buffer: TextBuffer): string {
  return buffer.spans.map((s) => s.text).join('');
}

/** Drops whole spans (and the front of one) until the buffer is back to three quarters of `cap`. */
function trim(buffer: TextBuffer, cap: number): TextBuffer {
  if (buffer.length <= cap) return buffer;
  const target = Math.floor(cap * 0.75);
  let excess = buffer.length - target;
  const spans = [...buffer.spans];
  let dropped = buffer.dropped;
  while (excess > 0 && spans.length > 0) {
    const first = spans[0]!;
    if (first.text.length <= excess) {
      spans.shift();
      excess -= first.text.length;
      dropped += first.text.length;
    } else {
      spans[0] = { ...first, text: first.text.slice(excess) };
      dropped += excess;
      excess = 0;
    }
  }
  const length = spans.reduce((n, s) => n + s.text.length, 0);
  return { spans, length, dropped };
}
