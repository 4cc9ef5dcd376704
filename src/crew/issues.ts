/** The errors and warnings found while reading a crew, each naming its file and key path. */
import { ConfigError, type ConfigIssue } from '../errors.js';

export class CrewIssues {
  readonly errors: ConfigIssue[] = [];
  readonly warnings: ConfigIssue[] = [];

  error(file: string, path: string, message: string, suggestion: string): void {
    if (this.errors.some((e) => e.file === file && e.path === path && e.message === message)) return;
    this.errors.push({ file, path, message, suggestion });
  }

  warn(file: string, path: string, message: string, suggestion: string): void {
    this.warnings.push({ file, path, message, suggestion });
  }

  /** Throws a ConfigError with every error, when there is one. */
  throwIfAny(): void {
    if (this.errors.length === 0) return;
    const first = this.errors[0]!;
    const more = this.errors.length > 1 ? ` (and ${this.errors.length - 1} more)` : '';
    throw new ConfigError(
      `invalid crew ${first.file}: ${first.path ? `${first.path}: ` : ''}${first.message}${more}`,
      this.errors,
    );
  }
}
