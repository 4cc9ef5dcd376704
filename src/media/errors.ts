/** An attachment that cannot be used: missing, unknown, corrupt or too large. */
import { ConfigError, MassGenError } from '../errors.js';

/** Names the file, the reason and the fix; a ConfigError, so the run stops before any agent starts (exit 1). */
export class AttachmentError extends ConfigError {
  readonly file: string;

  constructor(file: string, reason: string, fix?: string, origin?: string) {
    super(`attachment ${file}${origin ? ` (${origin})` : ''}: ${reason}${fix ? `; ${fix}` : ''}.`);
    this.file = file;
  }
}

/** PDF pages cannot be rendered as images: neither pdfjs's canvas nor `pdftoppm` can run (names both and how to get one). */
export class PageRenderError extends MassGenError {}
