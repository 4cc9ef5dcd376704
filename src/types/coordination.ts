/**
 * The settings coordination runs under and the answers it hands around: the rules the state
 * machine enforces, what the prompts are told, and one answer as an agent sees it.
 */

/** How demanding a check is (`voting_sensitivity`, `answer_novelty_requirement`). */
export type Strictness = 'lenient' | 'balanced' | 'strict';

/** The rules the coordination state machine enforces. */
export interface CoordinationRules {
  novelty: Strictness;
  /** Most answers one agent may give; null for no limit. */
  maxAnswersPerAgent: number | null;
  /** Consecutive failed executions after which an agent is dropped. */
  maxFailures: number;
}

/** One answer as an agent sees it. */
export interface AnswerView {
  agentId: string;
  /** `agentK` */
  label: string;
  /** `agentK.N` */
  answerLabel: string;
  content: string;
}

/** What a restarted attempt is told about the attempt before it. */
export interface RestartFeedback {
  reason: string;
  instructions: string;
  /** The previous attempt's final answer. */
  previousFinalAnswer?: string;
  /** The previous attempt's answers, labelled as then. */
  previousAnswers: readonly AnswerView[];
}

/** What the coordination prompts are built from, besides the task and the answers. */
export interface PromptSettings {
  votingSensitivity: Strictness;
  answerNovelty: Strictness;
  /** Set on attempts after a restart: why the previous attempt was rejected. */
  restart?: RestartFeedback;
  /** Long-term memories recalled for this agent (src/memory): the body of the `memory` section. */
  memory?: string;
}
