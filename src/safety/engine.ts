/**
 * The safety engine: the before-call hook of every agent's tools. Each call is judged (its risk),
 * put to the policy (the hardline floor, then deny / ask / allow rules of every scope), and then:
 *
 * - during coordination, a call of an irreversible or unknown-risk tool is not carried out: the
 *   model is told it is recorded as planned (`tool-deferred`), for the final presenter;
 * - during the presentation the presenter carries calls out through the policy — `allow` runs,
 *   `ask` goes to the approval port (or, with none, to `automation_default`), `deny` refuses
 *   (`tool-denied`) — and each irreversible call runs once in the run;
 * - read-only and reversible calls run as before, unless a rule says otherwise.
 *
 * Every decision goes to the audit sink, when the run has one.
 */
import { createHash } from 'node:crypto';
import { errorText } from '../error-text.js';
import type { Redactor } from '../events/redaction.js';
import type { EventInput, StreamPhase } from '../events/types.js';
import type { BeforeCallDecision, BeforeCallHook, ToolEntry, ToolOutput } from '../tools/types.js';
import type { ToolCallRequest } from '../types/agent-tools.js';
import type {
  ApprovalDecision,
  ApprovalPort,
  AuditRecord,
  AuditSink,
  DecidedBy,
  PolicyVerdict,
  ToolRisk,
} from '../types/safety.js';
import { automationDecision, isRisky } from './automation-decision.js';
import { callKey, grantKey, isAttended, RunDecisions } from './decisions.js';
import {
  alreadyDoneText,
  deniedText,
  notDuringEvaluationText,
  plannedText,
  riskWords,
} from './engine-texts.js';
import { persistApproval } from './persist-approval.js';
import type { AgentPolicy } from './policy/agent-policy.js';
import { evaluatePolicy } from './policy/rules.js';
import type { RiskJudge } from './risk/judge.js';

/**
 * The hardline floor: why a call is refused whatever the policy says (see risk/hardline.ts), or
 * undefined.
 */
export type HardlineCheck = (toolName: string, input: unknown) => string | undefined;

export interface SafetyEngineOptions {
  /**
   * Decides `ask` calls: the terminal UI, the approval folder, a library caller's function. Absent:
   * each agent's `automation_default` decides (no human is there).
   */
  approve?: ApprovalPort;
  /** Hides secrets in the arguments shown in requests, events and the audit log. */
  redactor?: Redactor;
  /** Where every decision is recorded (the run's ledgers stamp the run id). */
  audit?: AuditSink;
}

/** What the engine knows about one agent. */
export interface AgentSafety {
  policy: AgentPolicy;
  /** Judges the risk of the agent's calls. */
  judge: RiskJudge;
  /** The hardline floor of the agent's calls (its workspace and home); absent: none. */
  hardline?: HardlineCheck;
  /** Resolves a relative path argument against the agent's workspace. */
  resolvePath?: (file: string) => string;
  /**
   * Decides the agent's `ask` calls instead of the engine's port (its approval folder); `false`:
   * nobody is asked, the agent's `automation_default` decides.
   */
  approve?: ApprovalPort | false;
}

/** The decision an `ask` got, and who gave it. */
interface Resolution {
  approved: boolean;
  by: DecidedBy;
  feedback?: string;
}

export class SafetyEngine {
  private readonly options: SafetyEngineOptions;
  private readonly decisions = new RunDecisions();

  constructor(options: SafetyEngineOptions) {
    this.options = options;
  }

  /**
   * Names the run in the ids of its approval requests (its id and turn), so that they are unique
   * across runs sharing an approval folder.
   */
  bindRun(runKey: string): void {
    this.decisions.setRequestPrefix(runKey);
  }

  /** The before-call hook of one agent. */
  hook(agentId: string, agent: AgentSafety): BeforeCallHook {
    return (call, entry, context) =>
      this.decide(call, entry, {
        agentId,
        agent,
        signal: context.signal,
        phase: context.phase ?? 'presentation',
        emit: context.emit ?? (() => {}),
      });
  }

  private redact<T>(value: T): T {
    return this.options.redactor ? this.options.redactor.redact(value) : value;
  }

  private async decide(call: ToolCallRequest, entry: ToolEntry, c: CallContext): Promise<BeforeCallDecision> {
    const { policy } = c.agent;
    if (!policy.enabled || entry.source === 'workflow' || entry.source === 'provider') return { allow: true };
    const risk = await c.agent.judge.judge(call, entry, {
      agentId: c.agentId,
      // The judge knows two phases: the post-evaluation follows the presentation.
      phase: c.phase === 'coordination' ? 'coordination' : 'presentation',
      signal: c.signal,
    });
    const hardline = c.agent.hardline?.(call.toolName, call.input);
    const verdict = evaluatePolicy(
      policy.rules,
      { toolName: call.toolName, input: call.input, risk, resolvePath: c.agent.resolvePath },
      hardline,
    );
    const record = (fields: Pick<AuditRecord, 'outcome' | 'decidedBy'> & Partial<AuditRecord>) =>
      this.record(c, call, risk, fields);

    if (verdict.action === 'deny') {
      const by: DecidedBy = verdict.scope === 'hardline' ? 'hardline' : 'policy';
      return this.deny(c, call, risk, by, `refused by the safety policy: ${verdict.reason}`, verdict.rule);
    }
    const risky = isRisky(risk);
    if (risky && c.phase === 'coordination') return this.defer(c, call, risk, verdict);
    if (risky && c.phase === 'evaluation') {
      record({ outcome: 'denied', decidedBy: 'policy', feedback: 'not during the evaluation' });
      return {
        allow: false,
        reason: 'not during the evaluation',
        result: { value: notDuringEvaluationText(call.toolName, risk), isError: true },
      };
    }
    const key = callKey(call.toolName, call.input);
    if (risky && !this.decisions.claim(key)) {
      record({ outcome: 'denied', decidedBy: 'policy', feedback: 'already carried out' });
      return {
        allow: false,
        reason: 'already carried out',
        result: { value: alreadyDoneText(call.toolName), isError: true },
      };
    }
    let resolution: Resolution;
    try {
      resolution = await this.resolve(c, call, risk, verdict);
    } catch (error) {
      if (risky) this.decisions.release(key);
      throw error;
    }
    if (!resolution.approved) {
      if (risky) this.decisions.release(key);
      return this.deny(
        c,
        call,
        risk,
        resolution.by,
        deniedText(`not approved (${resolution.by})`, resolution.feedback),
        undefined,
        resolution.feedback,
      );
    }
    return {
      allow: true,
      onResult: (output: ToolOutput, durationMs: number) => {
        // A call that failed did not happen: it may be tried again.
        if (risky && output.isError) this.decisions.release(key);
        record({
          outcome: 'run',
          decidedBy: resolution.by,
          ...(verdict.rule ? { rule: verdict.rule } : {}),
          ...(resolution.feedback ? { feedback: resolution.feedback } : {}),
          resultDigest: digest(output),
          durationMs,
        });
      },
    };
  }

  /** Whether the call may run now: the verdict, a grant of the run, or a decider. */
  private async resolve(
    c: CallContext,
    call: ToolCallRequest,
    risk: ToolRisk,
    verdict: PolicyVerdict,
  ): Promise<Resolution> {
    const { policy } = c.agent;
    const risky = isRisky(risk);
    const limit = policy.maxConsecutiveAuto;
    const overLimit = risky && limit !== undefined && this.decisions.streak(c.agentId) >= limit;
    const grant = grantKey(call.toolName, call.input);
    if (!overLimit && verdict.action === 'allow') {
      if (risky) this.decisions.countApproval(c.agentId, false);
      return { approved: true, by: 'policy' };
    }
    if (!overLimit && this.decisions.isGranted(grant)) {
      if (risky) this.decisions.countApproval(c.agentId, false);
      return { approved: true, by: 'policy', feedback: 'approved for this run' };
    }
    const reason = overLimit
      ? `${limit} unattended approvals in a row (max_consecutive_auto): this call needs a human decision`
      : verdict.reason;
    const requestId = this.decisions.nextRequestId(c.agentId);
    const input = this.redact(call.input);
    c.emit({
      type: 'approval-request',
      agentId: c.agentId,
      requestId,
      toolCallId: call.toolCallId,
      toolName: call.toolName,
      input,
      risk,
      reason,
    });
    const approve = c.agent.approve === false ? undefined : (c.agent.approve ?? this.options.approve);
    let decision: ApprovalDecision;
    try {
      decision = approve
        ? await approve({
            id: requestId,
            agentId: c.agentId,
            toolName: call.toolName,
            input,
            risk,
            reason,
            signal: c.signal,
            timeoutMs: policy.approvalTimeoutMs,
          })
        : automationDecision(policy.automationDefault, risk);
    } catch (error) {
      if (c.signal.aborted) throw c.signal.reason;
      decision = {
        approved: false,
        scope: 'once',
        by: 'timeout',
        feedback: `the approval failed (${errorText(error)})`,
      };
    }
    // Past the limit only a person's approval counts; the limit is the reason of any other outcome.
    if (overLimit && !isAttended(decision.by)) {
      decision = { approved: false, scope: 'once', by: decision.by, feedback: reason };
    }
    c.emit({
      type: 'approval-decision',
      agentId: c.agentId,
      requestId,
      toolName: call.toolName,
      approved: decision.approved,
      scope: decision.scope,
      by: decision.by,
      ...(decision.feedback ? { feedback: decision.feedback } : {}),
    });
    if (isAttended(decision.by)) this.decisions.countApproval(c.agentId, true);
    else if (decision.approved && risky) this.decisions.countApproval(c.agentId, false);
    if (decision.approved && decision.scope !== 'once') {
      this.decisions.grant(grant);
      const file = c.agent.policy.persistFile;
      if (decision.scope === 'always' && file) persistApproval(file, call, c.agentId, c.emit);
    }
    return { approved: decision.approved, by: decision.by, feedback: decision.feedback };
  }

  private defer(
    c: CallContext,
    call: ToolCallRequest,
    risk: ToolRisk,
    verdict: PolicyVerdict,
  ): BeforeCallDecision {
    const reason = `${riskWords(risk)}: planned for the final presenter`;
    c.emit({
      type: 'tool-deferred',
      agentId: c.agentId,
      toolCallId: call.toolCallId,
      toolName: call.toolName,
      input: this.redact(call.input),
      risk,
      reason,
    });
    this.record(c, call, risk, {
      outcome: 'deferred',
      decidedBy: 'policy',
      ...(verdict.rule ? { rule: verdict.rule } : {}),
    });
    return { allow: false, reason, result: { value: plannedText(call.toolName, risk), isError: false } };
  }

  private deny(
    c: CallContext,
    call: ToolCallRequest,
    risk: ToolRisk,
    by: DecidedBy,
    reason: string,
    rule?: string,
    feedback?: string,
  ): BeforeCallDecision {
    c.emit({
      type: 'tool-denied',
      agentId: c.agentId,
      toolCallId: call.toolCallId,
      toolName: call.toolName,
      by,
      ...(rule ? { rule } : {}),
      reason,
    });
    this.record(c, call, risk, {
      outcome: 'denied',
      decidedBy: by,
      ...(rule ? { rule } : {}),
      ...(feedback ? { feedback } : {}),
    });
    return { allow: false, reason };
  }

  private record(
    c: CallContext,
    call: ToolCallRequest,
    risk: ToolRisk,
    fields: Pick<AuditRecord, 'outcome' | 'decidedBy'> & Partial<AuditRecord>,
  ): void {
    const audit = this.options.audit;
    if (!audit || !c.agent.policy.audit) return;
    audit.append({
      at: new Date().toISOString(),
      // The run's ledgers stamp the run's id.
      runId: '',
      agentId: c.agentId,
      toolName: call.toolName,
      toolCallId: call.toolCallId,
      input: this.redact(call.input),
      risk,
      ...fields,
    });
  }
}

interface CallContext {
  agentId: string;
  agent: AgentSafety;
  signal: AbortSignal;
  phase: StreamPhase;
  emit: (event: EventInput) => void;
}

/** sha256 (hex) of a result's text. */
function digest(output: ToolOutput): string {
  const text = typeof output.value === 'string' ? output.value : JSON.stringify(output.value);
  return createHash('sha256')
    .update(text ?? '')
    .digest('hex');
}
