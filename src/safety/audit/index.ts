/** The audit log: hash-chained JSONL ledgers of tool calls, their writers and their checker. */
export { AuditLedger, type AuditLedgerOptions, AuditWriteError } from './audit-ledger.js';
export { type ChainBreak, ChainChecker, type ChainFault } from './chain-check.js';
export { type LateAuditSink, lateAuditSink } from './late-audit-sink.js';
export { canonicalJson, GENESIS, lineHash, lineJson } from './ledger-line.js';
export { LedgerNotFoundError, locateLedgers, monthFiles } from './locate-ledger.js';
export {
  createRunAudit,
  isDecision,
  RUN_LEDGER_FILE,
  type RunAuditOptions,
  userLedgerDir,
  userLedgerFile,
} from './run-audit.js';
export { isSealLine, LedgerReadError, type LedgerReport, verifyLedger } from './verify.js';
