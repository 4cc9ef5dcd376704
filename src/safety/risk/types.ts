/**
 * The contract of risk judgement: how risky one tool call is, from the best evidence available
 * (config declarations, trusted MCP annotations, what built-in tools do, the parsed command line,
 * the classifier). The safety engine asks a {@link RiskJudge} before every call.
 */
import type { StreamPhase } from '../../events/types.js';
import type { ToolEntry } from '../../tools/types.js';
import type { ToolCallRequest } from '../../types/agent-tools.js';
import type { ToolRisk } from '../../types/safety.js';

/** What the judge knows about the moment of a call. */
export interface JudgeContext {
  agentId: string;
  /** The phase the agent is in: coordination (answering, voting), presentation or evaluation. */
  phase: StreamPhase;
  /** Aborted when the call's turn ends (a classifier request stops with it). */
  signal: AbortSignal;
}

/** Judges one call. Never rejects for want of evidence: it answers `unknown` then. */
export interface RiskJudge {
  judge(call: ToolCallRequest, entry: ToolEntry, context: JudgeContext): Promise<ToolRisk>;
}

/** What the shell parser makes of one command line. */
export interface CommandAnalysis {
  /** The programs the command runs (through `env`, `sudo`, `sh -c`, pipes and substitutions). */
  programs: string[];
  /** Set when the command is on the hardline floor (recursive delete of `/`, `mkfs`, …): why. */
  hardline?: string;
  risk: ToolRisk;
}

/**
 * The hardline floor: the reason a call is refused whatever the policy says (matched on the parsed
 * command for `execute_command`, on the path for file tools), or undefined.
 */
export type HardlineCheck = (toolName: string, input: unknown) => string | undefined;
