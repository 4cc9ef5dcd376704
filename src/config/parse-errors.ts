/** The errors of config parsing: a syntax error at a line and column, a file too deep or too large. */
import { ConfigError } from '../errors.js';
import { MAX_CONFIG_DEPTH } from './limits.js';

/** A syntax error of a `kind` (YAML, JSON) file at a line and column. */
export function syntaxError(
  file: string,
  kind: string,
  line: number,
  column: number,
  message: string,
): ConfigError {
  const text = `line ${line}, column ${column}: ${message}`;
  return new ConfigError(`${file}:${line}:${column}: invalid ${kind}: ${message}`, [
    {
      file,
      path: '',
      message: `invalid ${kind} at ${text}`,
      suggestion: `fix the ${kind} syntax near line ${line}`,
    },
  ]);
}

/** The 1-based line and column of `offset` in `text`. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, Math.max(0, Math.min(offset, text.length)));
  const lines = before.split('\n');
  return { line: lines.length, column: (lines[lines.length - 1]?.length ?? 0) + 1 };
}

/** A problem with a whole file (no line to point at). */
export function fileError(file: string, message: string, suggestion: string): ConfigError {
  return new ConfigError(`${file}: ${message}`, [{ file, path: '', message, suggestion }]);
}

/** A file nested deeper than {@link MAX_CONFIG_DEPTH} levels. */
export const tooDeep = (file: string) =>
  fileError(
    file,
    `the config is nested more than ${MAX_CONFIG_DEPTH} levels deep`,
    'a MassGen config needs a few levels: check the file',
  );
