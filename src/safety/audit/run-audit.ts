/**
 * The audit of one run: every tool call of every agent in the turn's `audit.jsonl`, and the
 * decisions among them also in the user's ledger, `<home>/.massgen/audit/<yyyy-mm>.jsonl` (one file
 * per month, UTC), which every run of the user appends to.
 */
import path from 'node:path';
import type { Redactor } from '../../events/redaction.js';
import type { AuditRecord, AuditSink } from '../../types/safety.js';
import { AuditLedger } from './audit-ledger.js';
import { AuditWriteError } from './errors.js';

/** The name of a turn's ledger in its log folder. */
export const RUN_LEDGER_FILE = 'audit.jsonl';

/** The user's ledger folder. */
export function userLedgerDir(homeDir: string): string {
  return path.join(homeDir, '.massgen', 'audit');
}

/** The user's ledger file for the month of `date` (UTC). */
export function userLedgerFile(homeDir: string, date: Date): string {
  const month = `${date.getUTCFullYear()}-${String(date.getUTCMonth() + 1).padStart(2, '0')}`;
  return path.join(userLedgerDir(homeDir), `${month}.jsonl`);
}

/**
 * Whether a record is a decision the user's ledger keeps: a call denied or deferred, one decided by
 * anything but a plain policy verdict (a human, the approval folder, the automation default, the
 * hardline, the classifier, a timeout), or a call of an irreversible or unknown-risk tool (a record
 * without a risk counts as unknown). A read or a workspace write the policy let through is not.
 */
export function isDecision(record: AuditRecord): boolean {
  return (
    record.outcome !== 'run' ||
    record.decidedBy !== 'policy' ||
    (record.risk?.level !== 'read-only' && record.risk?.level !== 'reversible')
  );
}

/** Options of {@link createRunAudit}. */
export interface RunAuditOptions {
  /** The turn's log folder (its `audit.jsonl` gets every record); absent when the run writes no logs. */
  turnDir?: string;
  /** The user's home folder (its `.massgen/audit/` gets the decisions). */
  homeDir: string;
  /** Hides secrets in every record before it is hashed and written. */
  redactor: Redactor;
  /** The run's id, set on every record. */
  runId?: string;
  /** The clock choosing the user ledger's month and dating the seal; default `new Date()`. */
  now?: () => Date;
}

/** The run's audit sink: writes the run's ledger and the user's. */
export function createRunAudit(options: RunAuditOptions): AuditSink {
  const now = options.now ?? (() => new Date());
  const run = options.turnDir
    ? new AuditLedger(path.join(options.turnDir, RUN_LEDGER_FILE), { seal: true, now })
    : undefined;
  const users = new Map<string, AuditLedger>();
  let closing: Promise<void> | undefined;
  const userLedger = (): AuditLedger => {
    const file = userLedgerFile(options.homeDir, now());
    let ledger = users.get(file);
    if (!ledger) {
      ledger = new AuditLedger(file, { shared: true });
      users.set(file, ledger);
    }
    return ledger;
  };
  return {
    append(record) {
      if (closing) return;
      let stamped: AuditRecord;
      try {
        stamped = options.redactor.redact(options.runId ? { ...record, runId: options.runId } : record);
      } catch {
        stamped = { ...record, input: '[arguments could not be recorded]' };
      }
      run?.append(stamped);
      if (isDecision(stamped)) userLedger().append(stamped);
    },
    close() {
      closing ??= (async () => {
        const ledgers = [...(run ? [run] : []), ...users.values()];
        const results = await Promise.allSettled(ledgers.map((l) => l.close()));
        // Each ledger's failures are an AuditWriteError of its own: gathered into one.
        const failed = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as AuditWriteError] : []));
        if (failed.length === 1) throw failed[0];
        if (failed.length > 1) {
          throw new AuditWriteError(
            failed.flatMap((e) => e.files ?? []),
            failed.flatMap((e) => e.errors ?? [e]),
          );
        }
      })();
      return closing;
    },
  };
}
