/** The port the orchestrator calls before coordination to get variants of the question. */
import type { TokenUsage } from '../events/types.js';

/** Variants of a question, each asking for exactly what the question asks. */
export interface QuestionVariants {
  variants: string[];
  /** Variants written and dropped because the equivalence check found they change the meaning. */
  dropped: number;
  /** Whether the variants came from the cache (no model call). */
  cached: boolean;
  /** The model that wrote and checked them (backend type and model id). */
  backend: string;
  model: string;
  /** Model calls made and their summed usage (none from the cache). */
  calls: number;
  usage: TokenUsage;
}

/** Writes variants of `question` (`orchestrator.dspy`); rejects when the model fails. */
export type Paraphrase = (question: string, signal: AbortSignal) => Promise<QuestionVariants>;
