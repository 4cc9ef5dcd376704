/**
 * Turns an error into a short message on stderr and an exit code; never a stack trace unless asked,
 * never the value of a key variable of the environment (see events/redaction.ts), never a control
 * sequence (an error can quote a provider's reply or a tool's output: see ui/terminal-text.ts).
 */
import { errorText } from '../error-text.js';
import { ConfigError, MassGenError } from '../errors.js';
import { createRedactor } from '../events/redaction.js';
import { terminalText } from '../ui/terminal-text.js';
import { EXIT } from './exit-codes.js';

export function reportError(
  error: unknown,
  print: (text: string) => void = (t) => process.stderr.write(t),
): number {
  const { redactText } = createRedactor({ env: process.env });
  const write = (text: string) => print(terminalText(redactText(text)));
  if (ConfigError.isInstance(error)) {
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
  return MassGenError.isInstance(error) ? error.exitCode : EXIT.error;
}
