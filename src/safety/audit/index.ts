/** The audit log: hash-chained JSONL ledgers of tool calls, their writers and their checker. */
export { AuditLedger, type AuditLedgerOptions } from './audit-ledger.js';
export { type ChainBreak, ChainChecker, type ChainFault } from './chain-check.js';
export { AuditLedgerError, AuditWriteError } from './errors.js';
export { type LateAuditSink, lateAuditSink } from './late-audit-sink.js';
export { canonicalJson, GENESIS, lineHash, lineJson } from './ledger-line.js';
export { locateLedgers, monthFiles } from './locate-ledger.js';
export {
  createRunAudit,
  isDecision,
  RUN_LEDGER_FILE,
  type RunAuditOptions,
  userLedgerDir,
  userLedgerFile,
} from './run-audit.js';
export { isSealLine, type LedgerReport, verifyLedger } from './verify.js';
