/** Turns an error into a short message on stderr and an exit code; never a stack trace unless asked. */

import { errorText } from '../error-text.js';
import { ConfigError, MassGenError } from '../errors.js';
import { EXIT } from './exit-codes.js';

export function reportError(
  error: unknown,
  write: (text: string) => void = (t) => process.stderr.write(t),
): number {
  if (error instanceof ConfigError) {
    write(`error: ${error.message}\n`);
    for (const issue of error.issues) {
      const where = [issue.file, issue.path].filter(Boolean).join(': ');
      write(`  ✖ ${where ? `${where}: ` : ''}${issue.message}\n`);
      if (issue.suggestion) write(`    fix: ${issue.suggestion}\n`);
    }
    return EXIT.config;
  }
  const message = errorText(error);
  write(`error: ${message}\n`);
  if (process.env.MASSGEN_DEBUG && error instanceof Error && error.stack) write(`${error.stack}\n`);
  return error instanceof MassGenError ? error.exitCode : EXIT.error;
}
