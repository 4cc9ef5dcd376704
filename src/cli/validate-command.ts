/**
 * `massgen --validate FILE [--json]`: the config's schema, then its tools as a run would meet them
 * (custom tools loaded, MCP server entries resolved, nothing started). Exit 0 when valid, 1 if not.
 */
import os from 'node:os';
import { loadEnvFiles } from '../config/env.js';
import type { ValidationResult } from '../config/validate.js';
import { ConfigError } from '../errors.js';
import { EXIT } from './exit-codes.js';

export async function validateCommand(file: string, json: boolean): Promise<number> {
  const { loadConfigFile } = await import('../config/load.js');
  const { formatIssuesJson, formatIssuesText } = await import('../config/format.js');
  let result: ValidationResult;
  try {
    const loaded = await loadConfigFile(file, { cwd: process.cwd(), home: os.homedir() });
    // Variables of ./.env and ~/.massgen/.env count, as they do for a run.
    loadEnvFiles();
    const { toolIssues } = await import('./validate-tools.js');
    const errors = await toolIssues(loaded.config, {
      file: loaded.path,
      raw: loaded.raw,
      env: process.env,
      cwd: process.cwd(),
    });
    result = { valid: errors.length === 0, errors, warnings: loaded.warnings };
    if (result.valid) result.config = loaded.config;
  } catch (error) {
    if (!ConfigError.isInstance(error)) throw error;
    const errors = error.issues.length > 0 ? error.issues : [{ file, path: '', message: error.message }];
    result = { valid: false, errors, warnings: [] };
  }
  const { createRedactor } = await import('../events/redaction.js');
  const { redactText } = createRedactor({ env: process.env });
  const { terminalJson, terminalText } = await import('../ui/terminal-text.js');
  // A config can hold any text: its control characters are shown, not sent to the terminal.
  const text = json ? `${terminalJson(formatIssuesJson(result))}\n` : formatIssuesText(result);
  process.stdout.write(json ? redactText(text) : terminalText(redactText(text)));
  return result.valid ? EXIT.ok : EXIT.config;
}
