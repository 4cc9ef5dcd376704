/**
 * The fast path of config parsing: plain YAML (no anchors, aliases, tags, merge keys, directives or
 * second documents, which are most configs) read with js-yaml's YAML 1.1 schema and PyYAML's
 * booleans, several times faster to load and to run than the full parser. Anything else, and any
 * text js-yaml refuses (a syntax error, a duplicate key, an empty file, a second document), returns
 * `undefined`: parse.ts then reads it with the full parser, which also words the errors. Both give
 * the same values (test/config/fast-yaml.test.ts checks MassGen's configs and the scalar forms).
 */
import {
  defineScalarTag,
  floatYaml11Tag,
  intYaml11Tag,
  load,
  NOT_RESOLVED,
  type ScalarTagDefinition,
  type Schema,
  YAML11_SCHEMA,
} from 'js-yaml';
import { PY_FALSE, PY_TRUE } from './pyyaml-bool.js';

/** PyYAML's booleans: YAML 1.1's without y/Y/n/N, which PyYAML reads as strings. */
const pyBool = defineScalarTag('tag:yaml.org,2002:bool', {
  implicit: true,
  implicitFirstChars: ['y', 'Y', 't', 'T', 'o', 'O', 'n', 'N', 'f', 'F'],
  resolve: (source) => (PY_TRUE.test(source) ? true : PY_FALSE.test(source) ? false : NOT_RESOLVED),
  identify: (data) => typeof data === 'boolean',
});

/**
 * A YAML 1.1 number tag that also reads `extra` forms as decimals, as the full parser does: floats
 * written as exponents without a dot (`1e3`), integers written with leading zeros that are not octal
 * (`08`, `0129`).
 */
function widened(
  base: ScalarTagDefinition<number>,
  extra: RegExp,
  firstChars: string,
): ScalarTagDefinition<number> {
  return defineScalarTag(base.tagName, {
    implicit: true,
    implicitFirstChars: [...firstChars],
    resolve: (source, explicit, tagName) => {
      const value = base.resolve(source, explicit, tagName);
      if (value !== NOT_RESOLVED) return value;
      return extra.test(source) ? Number(source.replace(/_/g, '')) : NOT_RESOLVED;
    },
    identify: base.identify,
  });
}

const exponentFloat = widened(floatYaml11Tag, /^[-+]?[0-9][0-9_]*[eE][-+]?[0-9]+$/, '+-0123456789.');
const zeroDecimalInt = widened(intYaml11Tag, /^[-+]?0[0-9_]*[89][0-9_]*$/, '+-0123456789');

let schema: Schema | undefined;

/**
 * YAML the fast path leaves to the full parser: anchors, aliases, tags, merge keys, directives, null
 * keys (a second document makes js-yaml throw). Text that only looks like one (`*bold*`) is merely
 * slower.
 */
const NOT_PLAIN = /(?:^|[\s[{,:-])[&*!][^\s]|<<\s*:|^%|^[ \t-]*(?:~|null|Null|NULL)[ \t]*:/m;

/** The value of a plain YAML text, or `undefined` when the full parser must read it. */
export function fastYaml(text: string): unknown {
  if (NOT_PLAIN.test(text)) return undefined;
  schema ??= YAML11_SCHEMA.withTags(pyBool, zeroDecimalInt, exponentFloat);
  try {
    return load(text, { schema });
  } catch {
    return undefined;
  }
}
