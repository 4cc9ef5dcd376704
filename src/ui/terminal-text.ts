/**
 * Text that came from a model, a tool, a question or a log file, made safe to print on a terminal.
 * A terminal obeys control characters: ESC and the C1 controls start sequences that can write the
 * clipboard (OSC 52), set the window title (OSC 0/2), clear the screen (CSI 2J, ESC c) or ask the
 * terminal for a reply that is then typed into our input (DSR `CSI 6n`, DA `CSI c`, DECRQSS). So every
 * such character is shown instead, as a visible symbol: C0 controls as their Unicode control pictures
 * (ESC → `␛`, BEL → `␇`, NUL → `␀`), DEL as `␡`, and a C1 control as the ESC sequence it stands for
 * (0x9B, the 8-bit CSI, → `␛[`). Nothing is removed, so an attempt stays visible. Only our own
 * styling (see {@link keepStyling}) reaches the terminal.
 */

/** Every C0 control, DEL and every C1 control. */
const CONTROLS = /[\u0000-\u001f\u007f-\u009f]/g;
/** The same, but for line feed and tab, which multi-line text keeps. */
const CONTROLS_BUT_LAYOUT = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;
/** Select Graphic Rendition (colours, bold, underline): the only sequence {@link keepStyling} keeps. */
const SGR = /\u001b\[[0-9;:]*m/g;

/** The visible stand-in of one control character. */
function visible(control: string): string {
  const code = control.charCodeAt(0);
  if (code < 0x20) return String.fromCharCode(0x2400 + code);
  if (code === 0x7f) return '\u2421';
  // A C1 control is the one-byte form of ESC followed by the character 0x40 below it.
  return `\u241b${String.fromCharCode(code - 0x40)}`;
}

/**
 * Multi-line text for a terminal: line feeds and tabs kept (CRLF read as a line feed), every other
 * control character shown as a symbol. Idempotent.
 */
export function terminalText(text: string): string {
  return text.replace(/\r\n/g, '\n').replace(CONTROLS_BUT_LAYOUT, visible);
}

/**
 * A value printed on one line of its own (a `KEY: value` line): every control character shown as a
 * symbol, line feeds and tabs too (`␊`, `␉`), so the value cannot start a line of its own.
 */
export function terminalLine(text: string): string {
  return text.replace(CONTROLS, visible);
}

/** Text on one line: runs of white space (line breaks included) as one space, controls shown. */
export function oneLine(text: string): string {
  return terminalLine(text.replace(/\s+/g, ' ').trim());
}

/** The first `max` characters of a text on one line (see {@link oneLine}), `…` when cut. */
export function preview(text: string, max = 200): string {
  const flat = oneLine(text);
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}

/**
 * Text styled by us (rendered Markdown): its colour sequences (SGR) are kept, every other control
 * character is shown, as {@link terminalText} does.
 */
export function keepStyling(styled: string): string {
  let out = '';
  let last = 0;
  for (const match of styled.matchAll(SGR)) {
    out += terminalText(styled.slice(last, match.index)) + match[0];
    last = match.index + match[0].length;
  }
  return out + terminalText(styled.slice(last));
}

/**
 * An event (or any JSON-like value) with every string in it, keys included, passed through
 * {@link terminalText}: what a display shows of it can hold no control sequence.
 */
export function terminalSafe<T>(value: T): T {
  return safeValue(value) as T;
}

function safeValue(value: unknown): unknown {
  if (typeof value === 'string') return terminalText(value);
  if (Array.isArray(value)) return value.map(safeValue);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) out[terminalText(key)] = safeValue(item);
  return out;
}

/**
 * JSON for a terminal: `JSON.stringify` escapes C0 controls but leaves DEL and the C1 controls raw;
 * they are written as `\u` escapes too, so the JSON is the same value and holds no control.
 */
export function terminalJson(value: unknown, indent = 2): string {
  return (JSON.stringify(value, null, indent) ?? '').replace(
    /[\u007f-\u009f]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
