/**
 * Parses config file text (YAML or JSON) into a plain value. Syntax errors become a `ConfigError`
 * naming the file, line and column.
 */
import { type CollectionTag, parseDocument, type ScalarTag } from 'yaml';
import { ConfigError } from '../errors.js';

/** File formats a config can be written in. */
export type ConfigFormat = 'yaml' | 'json';

// PyYAML (YAML 1.1) booleans. The yaml package's 1.1 schema also reads y/Y/n/N as booleans; PyYAML
// does not, and MassGen configs are written for PyYAML.
const PY_TRUE = /^(?:yes|Yes|YES|true|True|TRUE|on|On|ON)$/;
const PY_FALSE = /^(?:no|No|NO|false|False|FALSE|off|Off|OFF)$/;

type Tag = ScalarTag | CollectionTag;

function pyyamlTags<T extends Tag | string>(tags: T[]): T[] {
  return tags.map((tag): T => {
    if (typeof tag === 'string') return tag;
    const t: Tag = tag;
    if (t.tag !== 'tag:yaml.org,2002:bool' || t.collection) return tag;
    return { ...t, test: t.identify?.(true) ? PY_TRUE : PY_FALSE } as T;
  });
}

/** The format for a file name, from its extension; undefined for other extensions. */
export function formatForFile(file: string): ConfigFormat | undefined {
  if (/\.ya?ml$/i.test(file)) return 'yaml';
  if (/\.json$/i.test(file)) return 'json';
  return undefined;
}

function syntaxError(file: string, kind: string, line: number, column: number, message: string): ConfigError {
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

function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, Math.max(0, Math.min(offset, text.length)));
  const lines = before.split('\n');
  return { line: lines.length, column: (lines[lines.length - 1]?.length ?? 0) + 1 };
}

/** Parses YAML as PyYAML `safe_load` would (YAML 1.1, merge keys, unique keys). */
function parseYaml(text: string, file: string): unknown {
  const doc = parseDocument(text, {
    version: '1.1',
    customTags: pyyamlTags,
    prettyErrors: true,
    uniqueKeys: true,
  });
  const error = doc.errors[0];
  if (error) {
    const pos = error.linePos?.[0] ?? lineColumn(text, error.pos[0]);
    const line = 'line' in pos ? pos.line : 1;
    const column = 'col' in pos ? pos.col : (pos as { column: number }).column;
    throw syntaxError(file, 'YAML', line, column, error.message.split(/ at line \d+, column \d+/)[0]!);
  }
  return doc.toJS({ maxAliasCount: 1000 });
}

function parseJson(text: string, file: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    const message = (e as Error).message;
    const offset = /position (\d+)/.exec(message)?.[1];
    const { line, column } = lineColumn(text, offset === undefined ? text.length : Number(offset));
    throw syntaxError(file, 'JSON', line, column, message.replace(/ in JSON at position \d+.*$/, ''));
  }
}

/** Parses the text of a config file. Throws `ConfigError` on a syntax error. */
export function parseConfigText(text: string, file: string, format: ConfigFormat): unknown {
  return format === 'json' ? parseJson(text, file) : parseYaml(text, file);
}
