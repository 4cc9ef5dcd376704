/** Errors of an evaluation's input. */
import { ConfigError } from '../errors.js';

/** A dataset cannot be used: every problem names the file and the line (exit code of a config error). */
export class DatasetError extends ConfigError {}

/** A problem at a line of a dataset file, as a {@link DatasetError} issue. */
export function lineIssue(file: string, line: number, message: string, suggestion?: string) {
  return { file, path: `line ${line}`, message, ...(suggestion ? { suggestion } : {}) };
}
