/**
 * JSONC (JSON with `//` and `/* *\/` comments and trailing commas), as CrewAI's crew.jsonc and
 * agents/*.jsonc are written: comments and trailing commas are blanked (keeping line numbers), then
 * the text is read as JSON. A syntax error names the line and column.
 */

/** The text with comments replaced by spaces and trailing commas removed; strings are untouched. */
export function stripJsonc(text: string): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      out += text.slice(i, j + 1);
      i = j + 1;
    } else if (c === '/' && text[i + 1] === '/') {
      while (i < text.length && text[i] !== '\n') {
        out += ' ';
        i++;
      }
    } else if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      const stop = end === -1 ? text.length : end + 2;
      out += text.slice(i, stop).replace(/[^\n]/g, ' ');
      i = stop;
    } else {
      out += c;
      i++;
    }
  }
  return withoutTrailingCommas(out);
}

/** Blanks each comma that only whitespace separates from a closing `}` or `]` (outside strings). */
function withoutTrailingCommas(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      out += text.slice(i, j + 1);
      i = j;
    } else if (c === ',' && /^\s*[}\]]/.test(text.slice(i + 1, i + 1 + 4096))) {
      out += ' ';
    } else out += c;
  }
  return out;
}

/** Line and column (1-based) of a character offset. */
function lineColumn(text: string, offset: number): string {
  const before = text.slice(0, offset).split('\n');
  return `line ${before.length}, column ${before.at(-1)!.length + 1}`;
}

/** Parses JSONC text; throws an Error whose message names the position of a syntax error. */
export function parseJsonc(text: string): unknown {
  const json = stripJsonc(text);
  try {
    return JSON.parse(json);
  } catch (error) {
    const message = (error as Error).message;
    const at = /position (\d+)/.exec(message);
    const where = at ? ` at ${lineColumn(json, Number(at[1]))}` : '';
    throw new Error(`invalid JSON${where}: ${message.replace(/ in JSON at position \d+.*$/, '')}`);
  }
}
