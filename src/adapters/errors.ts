/** Failures of external agents run through an adapter. */
import { MassGenError } from '../errors.js';

/**
 * An external agent could not run or ended its turn wrongly: its process failed to start or exited,
 * its SDK reported an error, or it ended without the workflow call. The execution is retried.
 */
export class AdapterError extends MassGenError {
  override readonly isRetryable = true;
  /** The backend type of the adapter (`claude_code`). */
  readonly backendType: string;

  constructor(backendType: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.backendType = backendType;
  }
}
