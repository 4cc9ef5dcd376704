/**
 * Parses config file text (YAML or JSON) into a plain value. Syntax errors become a `ConfigError`
 * naming the file, line and column; so do YAML aliases that expand too far ("billion laughs") and
 * nesting deeper than {@link MAX_CONFIG_DEPTH}.
 */
import { fastYaml } from './fast-yaml.js';
import { MAX_CONFIG_DEPTH } from './limits.js';
import { lineColumn, syntaxError, tooDeep } from './parse-errors.js';
import { flowNestsDeeperThan, forbiddenCharOffset } from './yaml-checks.js';

/** File formats a config can be written in. */
export type ConfigFormat = 'yaml' | 'json';

/** The format for a file name, from its extension; undefined for other extensions. */
export function formatForFile(file: string): ConfigFormat | undefined {
  if (/\.ya?ml$/i.test(file)) return 'yaml';
  if (/\.json$/i.test(file)) return 'json';
  return undefined;
}

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

/** Flow collections (`[`, `{`) nested deeper than this are refused before parsing. */
const MAX_FLOW_DEPTH = 1000;

/** Parses YAML as PyYAML `safe_load` would (YAML 1.1, merge keys, unique keys). */
async function parseYaml(text: string, file: string): Promise<unknown> {
  const bad = forbiddenCharOffset(text);
  if (bad >= 0) {
    const { line, column } = lineColumn(text, bad);
    const code = text.codePointAt(bad)!.toString(16).toUpperCase().padStart(4, '0');
    throw syntaxError(file, 'YAML', line, column, `the control character U+${code} is not allowed in YAML`);
  }
  if (flowNestsDeeperThan(text, MAX_FLOW_DEPTH)) throw tooDeep(file);
  return fastYaml(text) ?? (await import('./full-yaml.js')).fullYaml(text, file);
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
export async function parseConfigText(text: string, file: string, format: ConfigFormat): Promise<unknown> {
  const value = format === 'json' ? parseJson(text, file) : await parseYaml(text, file);
  if (nestsDeeperThan(value, MAX_CONFIG_DEPTH)) throw tooDeep(file);
  return value;
}
