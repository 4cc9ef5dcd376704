/** Errors of the memory subsystem. None of them ever ends a run: they are reported and the run goes on. */
import { MassGenError } from '../errors.js';

/** Something in long-term or conversation memory failed (a model call, an embedding, the store). */
export class MemoryError extends MassGenError {}

/** The memory database cannot be used: corrupted, locked by another process, unwritable. Names the file. */
export class MemoryStoreError extends MemoryError {
  /** Absolute path of the database file. */
  readonly file: string;
  override readonly isRetryable: boolean;

  constructor(file: string, message: string, options: { cause?: unknown; isRetryable?: boolean } = {}) {
    super(`memory database ${file}: ${message}`, { cause: options.cause });
    this.file = file;
    this.isRetryable = options.isRetryable ?? false;
  }
}
