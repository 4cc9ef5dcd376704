/**
 * Events about the run as a whole: its start and end, orchestration attempts, the winner, the final
 * presentation and its evaluation, and notices.
 */
import type { AgentInfo, PresentationOutcome, RunStatus, TokenUsage } from './event-parts.js';

/** The run begins: the first event of every run. */
export interface RunStartEvent {
  type: 'run-start';
  /**
   * Version of the event format: 2 for the events described here. Absent in logs recorded before
   * it (version 1), whose `answer`, `vote` and `final-answer` events carry their `context` text,
   * `update-injected` its `message`, `agent-start` its `answersSeen` and `vote` its `options`, and
   * which have no `agent-end`, `final-start` or `final-end`.
   */
  schemaVersion?: number;
  question: string;
  /** Every agent, in config order. */
  agents: AgentInfo[];
  /** Absolute path of the log folder for this turn, when logging is on. */
  logDir?: string;
  /** The session the run belongs to, when it is one turn of a session. */
  sessionId?: string;
}

/** An orchestration attempt begins (only when restarts are enabled). */
export interface AttemptStartEvent {
  type: 'attempt-start';
  /** 1-based attempt number. */
  attempt: number;
  maxAttempts: number;
  /** Why the previous attempt was restarted. */
  reason?: string;
  instructions?: string;
}

/** The winner is chosen; its presentation (`final-start` … `final-end`) follows. */
export interface WinnerEvent {
  type: 'winner';
  agentId: string;
  /** Votes per real agent id. */
  votes: Record<string, number>;
  isTie: boolean;
  /** How the winner was chosen. */
  by: 'votes' | 'no-votes' | 'timeout' | 'skip-coordination';
}

/**
 * The winner's final presentation begins (after `winner`, once per attempt). Its text streams as
 * `final-delta`; `final-answer` carries the result and `final-end` closes it.
 */
export interface FinalStartEvent {
  type: 'final-start';
  agentId: string;
}

/** Text of the final presentation as it streams. */
export interface FinalDeltaEvent {
  type: 'final-delta';
  agentId: string;
  text: string;
}

/** The final answer, whole. */
export interface FinalAnswerEvent {
  type: 'final-answer';
  agentId: string;
  content: string;
  /** True when the presentation failed or was empty and the stored answer is used. */
  fromStoredAnswer: boolean;
  /**
   * What the presenter was given (system and user messages), as text. Given to in-memory listeners;
   * `events.jsonl` has {@link contextFile} instead.
   */
  context?: string;
  /** In `events.jsonl`: the file holding {@link context}, relative to the turn's log folder. */
  contextFile?: string;
  /** The presenter's workspace (copied to `final/<agent>/workspace/` in the log). */
  workspace?: string;
}

/** The final presentation is over: always follows its `final-start`. */
export interface FinalEndEvent {
  type: 'final-end';
  agentId: string;
  outcome: PresentationOutcome;
}

/** The winner checked its final answer: submit it, or restart the orchestration. */
export interface PostEvaluationEvent {
  type: 'post-evaluation';
  agentId: string;
  decision: 'submit' | 'restart';
  reason?: string;
  instructions?: string;
  /** How the decision was reached: a tool call, no tool call, a timeout or an error (both submit). */
  by: 'tool' | 'no-tool' | 'timeout' | 'error';
}

/**
 * The question was paraphrased (`orchestrator.dspy`) before coordination: each agent reads the
 * question and its variant; the presenter and the post-evaluation read the question alone.
 */
export interface QuestionParaphrasedEvent {
  type: 'question-paraphrased';
  /** The variants, in the order they were dealt. */
  variants: string[];
  /** The variant each agent was given (real agent ids, config order; round robin over the variants). */
  assignments: Record<string, string>;
  /** Variants dropped because the equivalence check found they change the meaning. */
  dropped: number;
  /** Whether the variants came from the cache. */
  cached: boolean;
  /** The paraphrasing model (backend type and model id), its calls and their summed usage. */
  backend: string;
  model: string;
  calls: number;
  usage: TokenUsage;
}

/** Something worth telling the user: a warning about an agent, a speaker choice, a fallback. */
export interface NoticeEvent {
  type: 'notice';
  level: 'info' | 'warning' | 'error';
  message: string;
  /** The agent it concerns, if any. */
  agentId?: string;
  /**
   * About what the run's tools may do to the machine (e.g. commands run without a sandbox): every
   * display shows it, `--automation` as a `warning:` line on stderr.
   */
  security?: boolean;
}

/** One attached file as one agent gets it, emitted right after `run-start` (see src/media). */
export interface AttachmentEvent {
  type: 'attachment';
  agentId: string;
  /** The member of the agent's team or nested chat that got the file (in the form of its own backend). */
  member?: string;
  /** File name. */
  name: string;
  /** Absolute path of the file. */
  path: string;
  /**
   * `image` / `file`: the provider's native part; `frames`: video frames as images; `text`: the
   * converted text (or a note saying why there is none); `pages`: a PDF's text and its page images.
   */
  form: 'image' | 'file' | 'text' | 'frames' | 'pages';
  mediaType: string;
  /** Bytes sent: the file, the frames or the text. */
  bytes: number;
}

/** The run is over: the last event of every run, also when it was interrupted or failed. */
export interface RunEndEvent {
  type: 'run-end';
  status: RunStatus;
  winner?: string;
  finalAnswer?: string;
  durationMs: number;
  error?: string;
}
