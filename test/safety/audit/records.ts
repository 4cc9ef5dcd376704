/** Audit records for the ledger tests. */
import type { AuditRecord, RiskLevel } from '../../../src/types/safety.js';

/** A record of call `n` of `agentId`. */
export function auditRecord(n: number, overrides: Partial<AuditRecord> = {}): AuditRecord {
  const level: RiskLevel = overrides.risk?.level ?? 'irreversible';
  return {
    at: `2026-05-02T10:15:${String(n % 60).padStart(2, '0')}.000Z`,
    runId: 'log_20260502_101500_000000',
    agentId: 'agent1',
    toolName: 'mcp__mail__send',
    toolCallId: `call_${n}`,
    input: { to: 'ops@example.com', body: `message ${n}` },
    risk: {
      level,
      openWorld: true,
      source: 'mcp-annotations',
      reason: 'destructiveHint from trusted server "mail"',
    },
    outcome: 'denied',
    decidedBy: 'automation-default',
    ...overrides,
  };
}
