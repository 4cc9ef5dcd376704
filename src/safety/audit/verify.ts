/**
 * Checking a ledger file whole: every line's hash, its link to the line before, its number, and
 * whether the file ends with the seal a run ledger is closed with.
 */
import { errorText } from '../../error-text.js';
import { type ChainBreak, ChainChecker, type CheckedLine } from './chain-check.js';
import { AuditLedgerError } from './errors.js';
import { type FileLine, readLines } from './line-reader.js';

/** What {@link verifyLedger} found. */
export interface LedgerReport {
  file: string;
  /** Records that passed (seal lines not counted). */
  records: number;
  /** The last line is a seal: the ledger was closed by its run and nothing was cut from its end. */
  sealed: boolean;
  /** The first bad line, when the chain is broken. */
  broken?: ChainBreak;
}

/** The ledger file cannot be read at all (missing, a folder, no permission). */
function readError(file: string, cause: unknown): AuditLedgerError {
  const code = (cause as NodeJS.ErrnoException | undefined)?.code;
  const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a folder' : errorText(cause);
  return new AuditLedgerError(`cannot read the audit ledger ${file}: ${why}`, file);
}

/** Whether a checked line is a seal (`{ seq, prev, hash, at, sealed: true }`) rather than a record. */
export function isSealLine(value: Record<string, unknown>): boolean {
  return value.sealed === true && value.toolName === undefined;
}

/**
 * Verifies the chain of `file`, line by line (the file is never held whole); `onLine` sees every line
 * that passed, in order. Stops at the first bad line. Throws {@link AuditLedgerError} when the file
 * cannot be read.
 */
export async function verifyLedger(
  file: string,
  onLine?: (line: CheckedLine, lineNo: number) => void,
): Promise<LedgerReport> {
  const checker = new ChainChecker();
  const lines = readLines(file);
  let records = 0;
  let sealed = false;
  let lineNo = 0;
  try {
    for (;;) {
      let item: IteratorResult<FileLine>;
      try {
        item = await lines.next();
      } catch (error) {
        throw readError(file, error);
      }
      if (item.done) break;
      const { text, ended } = item.value;
      lineNo++;
      const result = checker.next(text);
      if (!result.ok) {
        const broken: ChainBreak =
          !ended && result.broken.fault === 'bad-json'
            ? {
                line: lineNo,
                fault: 'incomplete-line',
                reason: 'the last line is incomplete (cut off, or still being written)',
              }
            : result.broken;
        return { file, records, sealed: false, broken };
      }
      sealed = isSealLine(result.checked.value);
      if (!sealed) records++;
      onLine?.(result.checked, lineNo);
    }
  } finally {
    await lines.return(undefined).catch(() => {});
  }
  return { file, records, sealed };
}
