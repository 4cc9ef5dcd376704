/**
 * The configs a run accepts: an object written by hand (type-checked with {@link defineConfig}),
 * a config validated by `validateConfigObject`, or what `loadConfigFile` returned (whose file
 * relative tool paths resolve against).
 */
import type { z } from 'zod';
import type { LoadedConfig } from '../config/load.js';
import type { MassGenConfig, massGenConfigSchema } from '../config/schema.js';
import { isValidatedConfig, validateConfigObject } from '../config/validate.js';
import { ConfigError } from '../errors.js';

/** A config as written (YAML keys, defaults optional): what {@link defineConfig} checks. */
export type MassGenConfigInput = z.input<typeof massGenConfigSchema>;

/** Type-checks a config written in code; returns it unchanged. */
export function defineConfig(config: MassGenConfigInput): MassGenConfigInput {
  return config;
}

/** Any config a run accepts. */
export type ConfigSource = MassGenConfigInput | MassGenConfig | LoadedConfig;

function isLoaded(source: ConfigSource): source is LoadedConfig {
  const s = source as Partial<LoadedConfig>;
  return typeof s.path === 'string' && Array.isArray(s.warnings) && typeof s.config === 'object';
}

/**
 * The validated config of a source and the file it came from. Throws a ConfigError (every problem
 * with its key path) for an invalid object.
 */
export function resolveConfigSource(source: ConfigSource): { config: MassGenConfig; configPath?: string } {
  if (isLoaded(source)) return { config: source.config, configPath: source.path };
  if (isValidatedConfig(source)) return { config: source };
  const result = validateConfigObject(source, 'config object');
  if (!result.valid || !result.config) {
    throw new ConfigError(
      `The config object is not valid: ${result.errors.map((e) => `${e.path || '(top)'}: ${e.message}`).join('; ')}`,
      result.errors,
    );
  }
  return { config: result.config };
}
