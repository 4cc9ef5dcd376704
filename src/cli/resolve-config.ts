/**
 * Which config a run uses: `--config`, else quick-setup flags, else `./.massgen/config.yaml` or
 * `~/.config/massgen/config.yaml`, else one built from the provider keys that are set.
 */
import os from 'node:os';
import { findDefaultConfig } from '../config/discover.js';
import { loadConfigFile } from '../config/load.js';
import type { MassGenConfig } from '../config/schema.js';
import { validateConfigObject } from '../config/validate.js';
import { ConfigError, type ConfigIssue } from '../errors.js';
import { configFromKeys } from './default-config.js';
import { type QuickSetup, quickConfig } from './quick-config.js';

export interface ResolvedConfig {
  config: MassGenConfig;
  /** The file, or a description of where the config came from. */
  path: string;
  raw: unknown;
  warnings: ConfigIssue[];
}

function fromObject(raw: Record<string, unknown>, source: string): ResolvedConfig {
  const result = validateConfigObject(raw, source);
  if (!result.valid || !result.config) {
    throw new ConfigError(`The ${source} is not valid.`, result.errors);
  }
  return { config: result.config, path: source, raw, warnings: result.warnings };
}

/** Undefined when there is nothing to run with (no config and no key). */
export async function resolveConfig(
  flags: QuickSetup & { config?: string },
  env: NodeJS.ProcessEnv,
): Promise<ResolvedConfig | undefined> {
  const where = { cwd: process.cwd(), home: os.homedir() };
  if (flags.config) {
    if (flags.model) {
      throw new ConfigError(
        '--config cannot be combined with --model (the config names its models); use one or the other.',
      );
    }
    if (flags.backend && !flags.baseUrl) {
      throw new ConfigError(
        '--backend with --config only chooses the agents --base-url applies to; add --base-url URL, or drop --config for quick setup.',
      );
    }
    return loadConfigFile(flags.config, where);
  }
  if (flags.backend || flags.model) return fromObject(quickConfig(flags), 'command-line config');
  const found = findDefaultConfig(where);
  if (found) return loadConfigFile(found, where);
  const fromKeys = configFromKeys(env);
  return fromKeys ? fromObject(fromKeys, 'default config built from your API keys') : undefined;
}
