/**
 * The example configs shipped in the package's `examples/` folder, reachable as `@examples/NAME`.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError } from '../errors.js';

/** Prefix of a `--config` value naming a packaged example. */
export const EXAMPLES_PREFIX = '@examples/';

let cachedRoot: string | undefined;

/**
 * The package root: the nearest directory at or above `from` (default: this module's directory)
 * holding a package.json named `massgen`. Works from `src/config/` (tsx, vitest) and `dist/`.
 */
export function findPackageRoot(from?: string): string {
  if (from === undefined && cachedRoot !== undefined) return cachedRoot;
  let dir = from ?? path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = path.join(dir, 'package.json');
    if (existsSync(manifest)) {
      try {
        if ((JSON.parse(readFileSync(manifest, 'utf8')) as { name?: unknown }).name === 'massgen') {
          if (from === undefined) cachedRoot = dir;
          return dir;
        }
      } catch {
        // unreadable package.json: keep walking up
      }
    }
    const parent = path.dirname(dir);
    if (parent === dir)
      throw new Error('cannot find the massgen package root (package.json named "massgen")');
    dir = parent;
  }
}

/** Absolute path of the packaged `examples/` folder. */
export function examplesDir(): string {
  return path.join(findPackageRoot(), 'examples');
}

/** File names of the packaged example configs (`.yaml`, `.yml`, `.json`), sorted. */
export function listExamples(dir = examplesDir()): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => /\.(ya?ml|json)$/i.test(f))
    .sort();
}

/**
 * Resolves `NAME` (the part after `@examples/`) to a packaged example: `NAME`, `NAME.yaml`,
 * `NAME.yml`, `NAME.json`, else the first file (sorted) whose name contains NAME. Throws
 * `ConfigError` listing the examples when none matches.
 */
export function resolveExample(name: string, dir = examplesDir()): string {
  const files = listExamples(dir);
  const exact = [name, `${name}.yaml`, `${name}.yml`, `${name}.json`].find((f) => files.includes(f));
  const match = exact ?? (name === '' ? undefined : files.find((f) => f.includes(name)));
  if (match !== undefined) return path.join(dir, match);
  const available = files.map((f) => `${EXAMPLES_PREFIX}${f.replace(/\.(ya?ml|json)$/i, '')}`);
  const message = `unknown example \`${EXAMPLES_PREFIX}${name}\``;
  const suggestion =
    available.length > 0 ? `available examples: ${available.join(', ')}` : `no examples found in ${dir}`;
  throw new ConfigError(`${message}; ${suggestion}`, [
    { file: `${EXAMPLES_PREFIX}${name}`, path: '', message, suggestion },
  ]);
}
