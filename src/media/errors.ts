/** An attachment that cannot be used: missing, unknown, corrupt or too large. */
import { ConfigError } from '../errors.js';

/** Names the file, the reason and the fix; a ConfigError, so the run stops before any agent starts (exit 1). */
export class AttachmentError extends ConfigError {
  readonly file: string;

  constructor(file: string, reason: string, fix?: string, origin?: string) {
    super(`attachment ${file}${origin ? ` (${origin})` : ''}: ${reason}${fix ? `; ${fix}` : ''}.`);
    this.file = file;
  }
}
