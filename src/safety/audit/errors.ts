/** The audit log's errors: a ledger that cannot be found or read, and records that could not be written. */
import { errorText } from '../../error-text.js';
import { MassGenError } from '../../errors.js';

/** No ledger where a command looked, or one that cannot be read (exit code 1). */
export class AuditLedgerError extends MassGenError {
  override readonly exitCode = 1;
  /** The file or folder concerned. */
  readonly file: string;

  constructor(message: string, file: string) {
    super(message);
    this.file = file;
  }
}

/** Some audit records could not be written (the run itself is unaffected). */
export class AuditWriteError extends MassGenError {
  /** The ledger files concerned. */
  readonly files: readonly string[];
  /** Every failed write. */
  readonly errors: readonly unknown[];

  constructor(files: readonly string[], errors: readonly unknown[]) {
    super(
      errors.length === 1
        ? `Could not write the audit ledger ${files[0]}: ${errorText(errors[0])}`
        : `Could not write the audit ledgers ${files.join(', ')}: ${errors.map(errorText).join('; ')}`,
    );
    this.files = files;
    this.errors = errors;
  }
}
