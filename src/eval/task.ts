/** The contracts of an evaluation: a task of a dataset and how its answer is scored. */
import type { HistoryMessage } from '../types/history.js';

/** The scorers a task or a dataset can choose. */
export const SCORER_NAMES = [
  'exact',
  'normalized',
  'numeric',
  'choice',
  'regex',
  'contains',
  'judge',
] as const;

/** The name of a scorer. */
export type ScorerName = (typeof SCORER_NAMES)[number];

/** How a task's answer is scored. */
export interface ScoringSpec {
  name: ScorerName;
  /** `numeric`: the largest absolute difference still counted correct (default 1e-6). */
  tolerance?: number;
  /** `judge`: what the judge checks, overriding the eval's `--rubric`. */
  rubric?: string;
}

/** One task of a dataset, normalised whatever its file's shape. */
export interface EvalTask {
  /** Unique in the dataset (`id` of the line, else its line number). */
  id: string;
  /** What the agents are asked: the question, with lettered choices for a multiple-choice task. */
  question: string;
  /** Earlier turns, when the line gave `messages`. */
  history?: HistoryMessage[];
  /** The reference answers (any one counts; for `regex`, patterns). */
  answers: string[];
  /** Multiple choice: the options, lettered A, B, C, … in order. */
  choices?: string[];
  scoring: ScoringSpec;
  metadata?: Record<string, unknown>;
  /** Line of the dataset file the task was read from (1-based). */
  line: number;
}

/** The letter of the K-th choice (0-based): A, B, …, Z. */
export function choiceLetter(index: number): string {
  return String.fromCharCode(65 + index);
}
