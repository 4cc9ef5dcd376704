/**
 * Default config discovery when no `--config`, `--model` or `--backend` is given.
 */
import { existsSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Places searched for a default config, in order. */
export function defaultConfigCandidates(options: { cwd?: string; home?: string } = {}): string[] {
  const cwd = options.cwd ?? process.cwd();
  const home = options.home ?? os.homedir();
  return [path.join(cwd, '.massgen', 'config.yaml'), path.join(home, '.config', 'massgen', 'config.yaml')];
}

/** `./.massgen/config.yaml`, else `~/.config/massgen/config.yaml`, else undefined. */
export function findDefaultConfig(options: { cwd?: string; home?: string } = {}): string | undefined {
  return defaultConfigCandidates(options).find((p) => existsSync(p) && statSync(p).isFile());
}
