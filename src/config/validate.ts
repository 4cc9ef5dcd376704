/**
 * Validation of a config object (already parsed from YAML/JSON, or built in memory by the CLI's quick
 * setup): all errors and warnings at once, and the normalised config when there are no errors.
 */
import type { ConfigIssue } from '../errors.js';
import { translateAg2 } from './ag2/translate.js';
import { toConfigIssues } from './issues.js';
import { noticeWarnings } from './notices.js';
import { precheck } from './prechecks.js';
import { type MassGenConfig, massGenConfigSchema } from './schema.js';
import { unsupportedWarnings } from './unsupported.js';

/** Outcome of validating one config. */
export interface ValidationResult {
  /** True when there are no errors (warnings allowed). */
  valid: boolean;
  errors: ConfigIssue[];
  warnings: ConfigIssue[];
  /** The normalised config; set exactly when `valid`. */
  config?: MassGenConfig;
}

/** Configs this module produced (a validated config is used as it is). */
const validated = new WeakSet<object>();

/** Whether `value` is a config returned by {@link validateConfigObject} (or loaded from a file). */
export function isValidatedConfig(value: unknown): value is MassGenConfig {
  return typeof value === 'object' && value !== null && validated.has(value);
}

/**
 * Validates a raw config object. `file` names its origin in the issues (an absolute path, or a text
 * such as `command line`). Never throws.
 */
export function validateConfigObject(raw: unknown, file: string): ValidationResult {
  const early = precheck(raw, file);
  if (early.length > 0) return { valid: false, errors: early, warnings: [] };
  const ag2 = translateAg2(raw as Record<string, unknown>, file);
  const record = ag2.raw;
  const fromAg2 = (issue: ConfigIssue): ConfigIssue => ({ ...issue, path: ag2.originalPath(issue.path) });
  const warnings = [
    ...ag2.warnings,
    ...[...noticeWarnings(record, file), ...unsupportedWarnings(record, file)].map(fromAg2),
  ];
  if (ag2.errors.length > 0) return { valid: false, errors: ag2.errors, warnings };
  const parsed = massGenConfigSchema.safeParse(record, { reportInput: true });
  if (!parsed.success) {
    const errors = toConfigIssues(massGenConfigSchema, parsed.error.issues, file).map(fromAg2);
    return { valid: false, errors, warnings };
  }
  validated.add(parsed.data);
  return { valid: true, errors: [], warnings, config: parsed.data };
}
