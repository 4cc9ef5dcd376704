/**
 * The configs of the server: those it was started with (`--config`, named by file name without
 * extension) and the packaged examples (`@examples/NAME`); resolving the config a request names
 * (`config`, `configPath` or `example`), and validating one as `massgen --validate` does.
 */
import path from 'node:path';
import type { ResolvedConfig } from '../cli/resolve-config.js';
import { validateLoaded } from '../cli/validate-command.js';
import { checkEnvReferences } from '../config/env-references.js';
import { EXAMPLES_PREFIX, listExamples } from '../config/examples.js';
import { type LoadedConfig, loadConfigFile } from '../config/load.js';
import { parseConfigText } from '../config/parse.js';
import type { ValidationResult } from '../config/validate.js';
import { validateConfigObject } from '../config/validate.js';
import { ConfigError } from '../errors.js';

/** A config offered by the server. */
export interface ServedConfig {
  /** The file name without extension, or `@examples/NAME`. */
  name: string;
  /** The file (absolute); absent for the packaged examples. */
  path?: string;
  example: boolean;
}

/** Where configs resolve. */
export interface ConfigPlaces {
  cwd: string;
  home: string;
  env: NodeJS.ProcessEnv;
}

/** Names of a request's config. */
export interface ConfigChoice {
  config?: unknown;
  configPath?: string;
  example?: string;
  yaml?: string;
}

const REQUEST_CONFIG = 'config of the request';

/** The configs the server was started with, then the packaged examples. */
export function servedConfigs(files: readonly string[], cwd: string): ServedConfig[] {
  const own = files.map((file) => {
    const full = file.startsWith(EXAMPLES_PREFIX) ? file : path.resolve(cwd, file);
    return full.startsWith(EXAMPLES_PREFIX)
      ? { name: full, example: true }
      : { name: path.basename(full).replace(/\.(ya?ml|json)$/i, ''), path: full, example: false };
  });
  const examples = listExamples().map((f) => ({
    name: `${EXAMPLES_PREFIX}${f.replace(/\.(ya?ml|json)$/i, '')}`,
    example: true,
  }));
  const seen = new Set<string>();
  return [...own, ...examples].filter((c) => !seen.has(c.name) && seen.add(c.name));
}

/** A config object checked like a file: a ConfigError with every issue when it is not valid. */
function loadObject(raw: unknown, source: string): LoadedConfig {
  const result = validateConfigObject(raw, source);
  if (!result.valid || !result.config) {
    throw new ConfigError(`The ${source} is not valid.`, result.errors);
  }
  return { config: result.config, path: source, raw, warnings: result.warnings };
}

/** The one choice a request makes, or a ConfigError saying what to give. */
function only(choice: ConfigChoice, keys: ReadonlyArray<keyof ConfigChoice>): keyof ConfigChoice {
  const given = keys.filter((k) => choice[k] !== undefined);
  if (given.length !== 1) {
    throw new ConfigError(
      `Give exactly one of ${keys.join(', ')} in the request body (${given.length === 0 ? 'none was given' : `got ${given.join(' and ')}`}).`,
    );
  }
  return given[0]!;
}

/** Loads what a request names; throws a ConfigError (with its issues) for a bad one. */
function loadChoice(
  choice: ConfigChoice,
  key: keyof ConfigChoice,
  places: ConfigPlaces,
): Promise<LoadedConfig> {
  const where = { cwd: places.cwd, home: places.home };
  switch (key) {
    case 'example': {
      const name = choice.example!;
      return loadConfigFile(name.startsWith(EXAMPLES_PREFIX) ? name : `${EXAMPLES_PREFIX}${name}`, where);
    }
    case 'configPath':
      return loadConfigFile(choice.configPath!, where);
    case 'yaml':
      return parseConfigText(choice.yaml!, REQUEST_CONFIG, 'yaml').then((raw) =>
        loadObject(raw, REQUEST_CONFIG),
      );
    default:
      return Promise.resolve().then(() => loadObject(choice.config, REQUEST_CONFIG));
  }
}

/** The config a run request names (`config`, `configPath` or `example`), ready to run. */
export async function resolveRunConfig(choice: ConfigChoice, places: ConfigPlaces): Promise<ResolvedConfig> {
  const key = only(choice, ['config', 'configPath', 'example']);
  const loaded = await loadChoice(choice, key, places);
  checkEnvReferences(loaded.raw, loaded.path, places.env);
  return { config: loaded.config, path: loaded.path, raw: loaded.raw, warnings: loaded.warnings };
}

/** `POST /api/configs/validate`: the same checks and messages as `massgen --validate`. */
export async function validateChoice(choice: ConfigChoice, places: ConfigPlaces): Promise<ValidationResult> {
  const key = only(choice, ['config', 'configPath', 'yaml']);
  const file = key === 'configPath' ? choice.configPath! : REQUEST_CONFIG;
  return validateLoaded(() => loadChoice(choice, key, places), file, {
    env: places.env,
    cwd: places.cwd,
  });
}
