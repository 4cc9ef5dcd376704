/**
 * Loading a config: resolve the `--config` value (`@examples/NAME` or a path), read and parse the
 * file, validate it, and return the normalised config with its warnings.
 */
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConfigError, type ConfigIssue } from '../errors.js';
import { EXAMPLES_PREFIX, resolveExample } from './examples.js';
import { formatForFile, parseConfigText } from './parse.js';
import { checkRegularFile, readTextFileSync } from './read-text-file.js';
import type { MassGenConfig } from './schema.js';
import { validateConfigObject } from './validate.js';

export { type ValidationResult, validateConfigObject } from './validate.js';

/** Where relative paths and `~` resolve. */
export interface LoadOptions {
  /** Directory plain paths are resolved against; default `process.cwd()`. */
  cwd?: string;
  /** Home directory; default `os.homedir()`. */
  home?: string;
}

/** A config that validated without errors. */
export interface LoadedConfig {
  /** The normalised config. */
  config: MassGenConfig;
  /** Absolute path of the file read. */
  path: string;
  /** The parsed file before validation and normalisation. */
  raw: unknown;
  /** Warnings (aliases, ignored keys, features not supported yet). */
  warnings: ConfigIssue[];
}

function notFound(ref: string, tried: string[]): ConfigError {
  const message = `config file not found: ${tried[0]}`;
  const suggestion =
    tried.length > 1
      ? `also looked in ${tried.slice(1).join(', ')}`
      : 'check the path, or use `@examples/NAME`';
  return new ConfigError(`${message} (${suggestion})`, [{ file: ref, path: '', message, suggestion }]);
}

/**
 * The absolute path a `--config` value names: `@examples/NAME` → the packaged example; otherwise a
 * path (with `~/` expanded) resolved against `cwd`; a bare name that is not a file there is also
 * looked up as `~/.config/massgen/agents/NAME[.yaml]`, as MassGen does. Throws `ConfigError`.
 */
export function resolveConfigPath(ref: string, options: LoadOptions = {}): string {
  if (ref.startsWith(EXAMPLES_PREFIX)) return resolveExample(ref.slice(EXAMPLES_PREFIX.length));
  const cwd = options.cwd ?? process.cwd();
  const home = options.home ?? os.homedir();
  const expanded = ref === '~' || ref.startsWith('~/') ? path.join(home, ref.slice(1)) : ref;
  const tried = [path.resolve(cwd, expanded)];
  if (!/[\\/]/.test(ref)) {
    const agents = path.join(home, '.config', 'massgen', 'agents');
    tried.push(path.join(agents, ref), path.join(agents, `${ref}.yaml`));
  }
  const found = tried.find((p) => existsSync(p));
  if (found === undefined) throw notFound(ref, tried);
  // A directory, a FIFO (which would block the read) or a device is refused here.
  checkRegularFile(found);
  return found;
}

function summary(file: string, errors: ConfigIssue[]): string {
  const first = errors[0]!;
  const more =
    errors.length > 1 ? ` (and ${errors.length - 1} more error${errors.length > 2 ? 's' : ''})` : '';
  return `invalid config ${file}: ${first.path ? `${first.path}: ` : ''}${first.message}${more}`;
}

/**
 * Reads, parses and validates a config. Throws `ConfigError` (with every error in `issues`) when the
 * file is missing, unreadable, not a regular file, larger than 1 MiB, not UTF-8, has a syntax error
 * (or aliases that expand too far, or nesting too deep) or fails validation.
 */
export async function loadConfigFile(ref: string, options: LoadOptions = {}): Promise<LoadedConfig> {
  const file = resolveConfigPath(ref, options);
  const format = formatForFile(file);
  if (format === undefined) {
    const message = `unsupported config file extension: ${path.basename(file)}`;
    throw new ConfigError(message, [
      { file, path: '', message, suggestion: 'use a .yaml, .yml or .json file' },
    ]);
  }
  let text: string;
  try {
    text = readTextFileSync(file);
  } catch (e) {
    if (ConfigError.isInstance(e)) throw e;
    const message = `cannot read config file: ${(e as Error).message}`;
    throw new ConfigError(message, [{ file, path: '', message }]);
  }
  const raw = await parseConfigText(text, file, format);
  const result = validateConfigObject(raw, file);
  if (!result.valid || result.config === undefined)
    throw new ConfigError(summary(file, result.errors), result.errors);
  return { config: result.config, path: file, raw, warnings: result.warnings };
}
