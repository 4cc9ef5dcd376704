/**
 * Printing validation results: plain text for people (no ANSI codes) and a JSON shape for tools
 * (`--validate --json`), matching MassGen's `{valid, error_count, warning_count, errors, warnings}`.
 */
import type { ConfigIssue } from '../errors.js';

/** The part of a validation result the formatters read. */
export interface IssueLists {
  errors: readonly ConfigIssue[];
  warnings: readonly ConfigIssue[];
}

/** One issue in the JSON report; `suggestion` is null when there is none. */
export interface IssueJson {
  file: string;
  path: string;
  message: string;
  suggestion: string | null;
}

/** The JSON report. */
export interface IssuesJson {
  valid: boolean;
  error_count: number;
  warning_count: number;
  errors: IssueJson[];
  warnings: IssueJson[];
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function issueLines(mark: string, issue: ConfigIssue): string[] {
  const where = issue.path ? `${issue.file}: ${issue.path}` : issue.file;
  const lines = [`${mark} ${where}: ${issue.message}`];
  if (issue.suggestion) lines.push(`  fix: ${issue.suggestion}`);
  return lines;
}

/**
 * Text report: `✖ <file>: <path>: <message>` then `  fix: <suggestion>` per error, the same with `⚠`
 * per warning, and a last line such as `1 error, 2 warnings`.
 */
export function formatIssuesText(result: IssueLists): string {
  const lines = [
    ...result.errors.flatMap((e) => issueLines('✖', e)),
    ...result.warnings.flatMap((w) => issueLines('⚠', w)),
    `${plural(result.errors.length, 'error')}, ${plural(result.warnings.length, 'warning')}`,
  ];
  return lines.join('\n');
}

const toJson = (issue: ConfigIssue): IssueJson => ({
  file: issue.file,
  path: issue.path,
  message: issue.message,
  suggestion: issue.suggestion ?? null,
});

/** JSON report object (pass it to `JSON.stringify`). `valid` is true when there are no errors. */
export function formatIssuesJson(result: IssueLists): IssuesJson {
  return {
    valid: result.errors.length === 0,
    error_count: result.errors.length,
    warning_count: result.warnings.length,
    errors: result.errors.map(toJson),
    warnings: result.warnings.map(toJson),
  };
}
