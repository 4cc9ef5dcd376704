/**
 * Parses config file text (YAML or JSON) into a plain value. Syntax errors become a `ConfigError`
 * naming the file, line and column; so do YAML aliases that expand too far ("billion laughs") and
 * nesting deeper than {@link MAX_CONFIG_DEPTH}.
 */
import { type CollectionTag, parseDocument, type ScalarTag } from 'yaml';
import { ConfigError } from '../errors.js';
import { fastYaml } from './fast-yaml.js';
import { clip, MAX_CONFIG_DEPTH, MAX_YAML_ALIASES } from './limits.js';
import { findDuplicateKey, flowNestsDeeperThan, forbiddenCharOffset } from './yaml-checks.js';

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

function fileError(file: string, message: string, suggestion: string): ConfigError {
  return new ConfigError(`${file}: ${message}`, [{ file, path: '', message, suggestion }]);
}

const tooDeep = (file: string) =>
  fileError(
    file,
    `the config is nested more than ${MAX_CONFIG_DEPTH} levels deep`,
    'a MassGen config needs a few levels: check the file',
  );

/** Whether mappings and lists nest deeper than `max` in `value` (walked without recursion). */
export function nestsDeeperThan(value: unknown, max: number): boolean {
  const stack: Array<[unknown, number]> = [[value, 0]];
  // The deepest level each object (an alias target may appear in several places) was seen at.
  const seen = new Map<object, number>();
  while (stack.length > 0) {
    const [item, depth] = stack.pop()!;
    if (typeof item !== 'object' || item === null || (seen.get(item) ?? -1) >= depth) continue;
    if (depth >= max) return true;
    seen.set(item, depth);
    for (const inner of Object.values(item)) stack.push([inner, depth + 1]);
  }
  return false;
}

/** The plain value of a parsed YAML document, with its limits as config errors. */
function yamlValue(doc: ReturnType<typeof parseDocument>, file: string): unknown {
  try {
    return doc.toJS({ maxAliasCount: MAX_YAML_ALIASES });
  } catch (error) {
    if (error instanceof RangeError) throw tooDeep(file);
    const message = (error as Error).message;
    if (/alias/i.test(message)) {
      throw fileError(
        file,
        `its YAML aliases (*name) expand to too much data (more than ${MAX_YAML_ALIASES} alias uses): an alias bomb, or a config that repeats itself too much`,
        'write the repeated parts out, or use fewer nested aliases',
      );
    }
    throw fileError(file, `invalid YAML: ${message}`, 'fix the YAML');
  }
}

/** Flow collections (`[`, `{`) nested deeper than this are refused before parsing. */
const MAX_FLOW_DEPTH = 1000;

/** Parses YAML as PyYAML `safe_load` would (YAML 1.1, merge keys, unique keys). */
function parseYaml(text: string, file: string): unknown {
  const bad = forbiddenCharOffset(text);
  if (bad >= 0) {
    const { line, column } = lineColumn(text, bad);
    const code = text.codePointAt(bad)!.toString(16).toUpperCase().padStart(4, '0');
    throw syntaxError(file, 'YAML', line, column, `the control character U+${code} is not allowed in YAML`);
  }
  if (flowNestsDeeperThan(text, MAX_FLOW_DEPTH)) throw tooDeep(file);
  return fastYaml(text) ?? fullYaml(text, file);
}

/** Parses YAML with the full parser (every construct; the errors worded with line and column). */
export function fullYaml(text: string, file: string): unknown {
  let doc: ReturnType<typeof parseDocument>;
  try {
    // Duplicate keys are found below in one pass; the parser's own check compares every pair.
    doc = parseDocument(text, {
      version: '1.1',
      customTags: pyyamlTags,
      prettyErrors: true,
      uniqueKeys: false,
    });
  } catch (error) {
    if (error instanceof RangeError) throw tooDeep(file);
    throw error;
  }
  const error = doc.errors[0];
  if (error) {
    if (/call stack/i.test(error.message)) throw tooDeep(file);
    const pos = error.linePos?.[0] ?? lineColumn(text, error.pos[0]);
    const line = 'line' in pos ? pos.line : 1;
    const column = 'col' in pos ? pos.col : (pos as { column: number }).column;
    throw syntaxError(file, 'YAML', line, column, error.message.split(/ at line \d+, column \d+/)[0]!);
  }
  const duplicate = findDuplicateKey(doc);
  if (duplicate) {
    const { line, column } = lineColumn(text, duplicate.offset);
    throw syntaxError(
      file,
      'YAML',
      line,
      column,
      `Map keys must be unique ("${clip(duplicate.key)}" appears twice)`,
    );
  }
  return yamlValue(doc, file);
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

/**
 * Parses the text of a config file. Throws `ConfigError` on a syntax error, on YAML aliases that
 * expand too far and on nesting deeper than {@link MAX_CONFIG_DEPTH}.
 */
export function parseConfigText(text: string, file: string, format: ConfigFormat): unknown {
  const value = format === 'json' ? parseJson(text, file) : parseYaml(text, file);
  if (nestsDeeperThan(value, MAX_CONFIG_DEPTH)) throw tooDeep(file);
  return value;
}
