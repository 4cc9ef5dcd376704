/**
 * The contracts of tool-call safety: how risky a tool call is, what the policy decides about it, how
 * a human (or a program) is asked, and what the audit log records. The engine judges every call in
 * the one tool-execution path; displays and approval front-ends only see these types.
 */

/**
 * How much harm a call can do: `read-only` (changes nothing), `reversible` (changes what a snapshot
 * can restore, e.g. a write inside the agent's own workspace), `irreversible` (sends, deletes,
 * deploys, writes outside), `unknown` (no evidence: treated like irreversible).
 */
export type RiskLevel = 'read-only' | 'reversible' | 'irreversible' | 'unknown';

/** Where a risk judgement came from, most trusted first. */
export type RiskSource = 'config' | 'mcp-annotations' | 'built-in' | 'command' | 'classifier' | 'default';

/** The risk of one tool, or of one call of it (commands are judged per call). */
export interface ToolRisk {
  level: RiskLevel;
  /** The call reaches outside the machine (network egress, email, APIs). */
  openWorld: boolean;
  source: RiskSource;
  /** One line saying why, for people (`destructiveHint from trusted server "github"`). */
  reason: string;
}

/** What a policy says about a call. `deny` beats `ask` beats `allow`, across every scope. */
export type PolicyAction = 'allow' | 'ask' | 'deny';

/** Where a decisive rule lives, highest first. `hardline`: the floor nothing overrides. */
export type PolicyScope = 'hardline' | 'config' | 'project' | 'user' | 'default';

/** The policy's verdict on one call. */
export interface PolicyVerdict {
  action: PolicyAction;
  scope: PolicyScope;
  /** The matching rule as written (`execute_command(git push*)`), when a rule decided. */
  rule?: string;
  /** The file the rule is in (project or user policy file, or the config). */
  file?: string;
  reason: string;
}

/** A call waiting for a decision (the `approval-request` event carries the same fields). */
export interface ApprovalRequest {
  /**
   * Unique across runs (it holds the run's id and turn) and safe in a file name; names the request
   * and response files of the approval folder.
   */
  id: string;
  agentId: string;
  toolName: string;
  /** The call's arguments, secrets redacted. */
  input: unknown;
  risk: ToolRisk;
  /** Why it needs a decision (the policy's reason). */
  reason: string;
  /** Aborted when the run stops waiting (deadline, interrupt): the request is then denied. */
  signal: AbortSignal;
  /**
   * How long a front-end nobody may be watching (the approval folder, the web UI) waits before it
   * denies the call (`permissions.approval_timeout`); the terminal modal waits for its user.
   */
  timeoutMs?: number;
}

/** How long an approval holds: this call, the rest of the run, or always (written to the policy file). */
export type ApprovalScope = 'once' | 'session' | 'always';

/** Who decided a call. */
export type DecidedBy =
  | 'policy'
  | 'hardline'
  | 'classifier'
  | 'human'
  | 'file'
  | 'automation-default'
  | 'timeout';

/** The answer to an approval request. */
export interface ApprovalDecision {
  approved: boolean;
  scope: ApprovalScope;
  /** Given back to the model with a denial (or an approval). */
  feedback?: string;
  by: DecidedBy;
}

/**
 * Asks for a decision: the terminal UI's modal, the approval folder's file handshake, or a library
 * caller's own function. Resolves with a denial when it cannot ask (never rejects for that).
 */
export type ApprovalPort = (request: ApprovalRequest) => Promise<ApprovalDecision>;

/** One line of the audit ledger, before it is chained (the ledger adds `seq`, `prev` and `hash`). */
export interface AuditRecord {
  /** ISO time the call was decided. */
  at: string;
  runId: string;
  agentId: string;
  toolName: string;
  toolCallId: string;
  /** Arguments, secrets redacted. */
  input: unknown;
  risk: ToolRisk;
  /** `run`, `deferred` (planned for the presenter), `denied`. */
  outcome: 'run' | 'deferred' | 'denied';
  decidedBy: DecidedBy;
  /** The rule or the human's feedback behind the decision. */
  rule?: string;
  feedback?: string;
  /** sha256 of the result text (hex), when the call ran. */
  resultDigest?: string;
  /** How long the call ran, in ms, when it ran. */
  durationMs?: number;
}

/** Where audit records go (the turn's `audit.jsonl`, the user's ledger). */
export interface AuditSink {
  append(record: AuditRecord): void;
  /** Flushes what was appended. */
  close(): Promise<void>;
}
