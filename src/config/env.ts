/**
 * `.env` loading: `./.env`, then `~/.massgen/.env`, then `~/.config/massgen/.env`, never overriding a
 * variable that is already set — the real environment wins, then the first file that defines a key.
 */
import os from 'node:os';
import path from 'node:path';
import { parseEnv } from 'node:util';
import { ConfigError } from '../errors.js';
import { readTextFileSync } from './read-text-file.js';

/** Options of `loadEnvFiles`. */
export interface LoadEnvOptions {
  /** Directory holding the project `.env`; default `process.cwd()`. */
  cwd?: string;
  /** Home directory; default `os.homedir()`. */
  home?: string;
  /** Environment to fill; default `process.env`. */
  env?: NodeJS.ProcessEnv;
}

/** The `.env` files read, in order of precedence (first wins). */
export function envFileCandidates(options: { cwd?: string; home?: string } = {}): string[] {
  const cwd = options.cwd ?? process.cwd();
  const home = options.home ?? os.homedir();
  return [
    path.join(cwd, '.env'),
    path.join(home, '.massgen', '.env'),
    path.join(home, '.config', 'massgen', '.env'),
  ];
}

/**
 * Loads the `.env` files into `env` without overriding variables already set. Returns the files that
 * were found and read. Throws `ConfigError` when a file exists but cannot be read, is not a regular
 * file (a FIFO would block), is larger than 1 MiB or is not UTF-8.
 */
export function loadEnvFiles(options: LoadEnvOptions = {}): string[] {
  const env = options.env ?? process.env;
  const loaded: string[] = [];
  for (const file of envFileCandidates(options)) {
    let text: string;
    try {
      text = readTextFileSync(file, '.env file');
    } catch (e) {
      if (ConfigError.isInstance(e)) throw e;
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') continue;
      const message = `cannot read ${file}: ${(e as Error).message}`;
      throw new ConfigError(message, [{ file, path: '', message }]);
    }
    for (const [key, value] of Object.entries(parseEnv(text))) {
      if (env[key] === undefined && value !== undefined) env[key] = value;
    }
    loaded.push(file);
  }
  return loaded;
}
