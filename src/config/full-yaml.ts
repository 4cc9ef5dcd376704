/**
 * The full YAML parser (the `yaml` package, loaded when a config needs it): every construct —
 * anchors, aliases (bounded, against alias bombs), merge keys, tags — as PyYAML `safe_load` reads
 * them, and the syntax errors worded with line and column. Plain configs take fast-yaml.ts.
 */
import {
  type CollectionTag,
  type Document,
  isMap,
  isScalar,
  parseDocument,
  type ScalarTag,
  visit,
} from 'yaml';
import { clip, MAX_YAML_ALIASES } from './limits.js';
import { fileError, lineColumn, syntaxError, tooDeep } from './parse-errors.js';
import { PY_FALSE, PY_TRUE } from './pyyaml-bool.js';

type Tag = ScalarTag | CollectionTag;

/** The yaml package's YAML 1.1 tags with PyYAML's booleans. */
function pyyamlTags<T extends Tag | string>(tags: T[]): T[] {
  return tags.map((tag): T => {
    if (typeof tag === 'string') return tag;
    const t: Tag = tag;
    if (t.tag !== 'tag:yaml.org,2002:bool' || t.collection) return tag;
    return { ...t, test: t.identify?.(true) ? PY_TRUE : PY_FALSE } as T;
  });
}

/** A key that appears twice in one mapping: its text and its offset in the file. */
export interface DuplicateKey {
  key: string;
  offset: number;
}

/**
 * The first mapping key that repeats an earlier key of the same mapping (scalar keys with equal
 * values, as the `yaml` package compares them), or undefined.
 */
export function findDuplicateKey(doc: Document): DuplicateKey | undefined {
  let found: DuplicateKey | undefined;
  visit(doc, {
    Map(_, map) {
      if (!isMap(map)) return undefined;
      const seen = new Set<unknown>();
      for (const pair of map.items) {
        if (!isScalar(pair.key)) continue;
        const value = pair.key.value;
        if (seen.has(value)) {
          found = { key: String(value), offset: pair.key.range?.[0] ?? 0 };
          return visit.BREAK;
        }
        seen.add(value);
      }
      return undefined;
    },
  });
  return found;
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
