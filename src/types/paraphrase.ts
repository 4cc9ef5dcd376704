/** The port the orchestrator calls before coordination to get variants of the question. */
import type { QuestionParaphrasedEvent } from '../events/run-events.js';

/**
 * Variants of a question, each asking for exactly what the question asks: the fields of the
 * `question-paraphrased` event but how they are dealt to the agents.
 */
export type QuestionVariants = Omit<QuestionParaphrasedEvent, 'type' | 'assignments'>;

/** Writes variants of `question` (`orchestrator.dspy`); rejects when the model fails. */
export type Paraphrase = (question: string, signal: AbortSignal) => Promise<QuestionVariants>;
