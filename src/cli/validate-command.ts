/**
 * `massgen --validate FILE [--json]`: the config's schema, then its tools as a run would meet them
 * (custom tools loaded, MCP server entries resolved, nothing started). Exit 0 when valid, 1 if not.
 */
import os from 'node:os';
import { loadEnvFiles } from '../config/env.js';
import type { LoadedConfig } from '../config/load.js';
import type { ValidationResult } from '../config/validate.js';
import { ConfigError } from '../errors.js';
import { EXIT } from './exit-codes.js';

/**
 * Validates a config as `--validate` does: `load` reads and checks its schema (throwing a
 * ConfigError), then its tools are checked. `file` names the config in issues when loading fails
 * without naming one.
 */
export async function validateLoaded(
  load: () => Promise<LoadedConfig>,
  file: string,
  context: { env: NodeJS.ProcessEnv; cwd: string },
): Promise<ValidationResult> {
  try {
    const loaded = await load();
    const { toolIssues } = await import('./validate-tools.js');
    const errors = await toolIssues(loaded.config, {
      file: loaded.path,
      raw: loaded.raw,
      env: context.env,
      cwd: context.cwd,
    });
    const result: ValidationResult = { valid: errors.length === 0, errors, warnings: loaded.warnings };
    if (result.valid) result.config = loaded.config;
    return result;
  } catch (error) {
    if (!ConfigError.isInstance(error)) throw error;
    const errors = error.issues.length > 0 ? error.issues : [{ file, path: '', message: error.message }];
    return { valid: false, errors, warnings: [] };
  }
}

/** `--validate` of a config with `crew:`: the crew folder is read and checked as a run would. */
async function validateCrewConfig(file: string, raw: Record<string, unknown>): Promise<ValidationResult> {
  const [{ readCrewConfig }, { loadCrew }] = await Promise.all([
    import('../crew/crew-config.js'),
    import('../crew/load-crew.js'),
  ]);
  loadEnvFiles();
  try {
    const { dir, overrides } = readCrewConfig(raw, file);
    return { valid: true, errors: [], warnings: loadCrew(dir, overrides, process.env).warnings };
  } catch (error) {
    if (!ConfigError.isInstance(error)) throw error;
    return { valid: false, errors: error.issues, warnings: [] };
  }
}

export async function validateCommand(file: string, json: boolean): Promise<number> {
  const { loadConfigFile } = await import('../config/load.js');
  const { formatIssuesJson, formatIssuesText } = await import('../config/format.js');
  const { peekCrewConfig } = await import('./crew-command.js');
  const crew = await peekCrewConfig(file);
  const result = crew
    ? await validateCrewConfig(crew.file, crew.raw)
    : await validateLoaded(
        async () => {
          const loaded = await loadConfigFile(file, { cwd: process.cwd(), home: os.homedir() });
          // Variables of ./.env and ~/.massgen/.env count, as they do for a run.
          loadEnvFiles();
          return loaded;
        },
        file,
        { env: process.env, cwd: process.cwd() },
      );
  const { createRedactor } = await import('../events/redaction.js');
  const { redactText } = createRedactor({ env: process.env });
  const { terminalJson, terminalText } = await import('../ui/terminal-text.js');
  // A config can hold any text: its control characters are shown, not sent to the terminal.
  const text = json ? `${terminalJson(formatIssuesJson(result))}\n` : formatIssuesText(result);
  process.stdout.write(json ? redactText(text) : terminalText(redactText(text)));
  return result.valid ? EXIT.ok : EXIT.config;
}
