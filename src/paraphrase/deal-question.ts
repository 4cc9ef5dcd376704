/**
 * Paraphrasing at the start of a run (`orchestrator.dspy`), for every run mode: the variants are
 * written, dealt to the agents in config order and announced by one `question-paraphrased` event;
 * a failure or no usable variant is a warning, and every agent then reads the question as asked.
 */
import { errorText } from '../error-text.js';
import type { EventInput } from '../events/types.js';
import type { Paraphrase } from '../types/paraphrase.js';
import { dealVariants } from './variants.js';

/**
 * The variant of the question each agent reads, by agent id; undefined when paraphrasing is off,
 * interrupted, failed or gave nothing.
 */
export async function paraphraseQuestion(
  paraphrase: Paraphrase | undefined,
  question: string,
  agentIds: readonly string[],
  signal: AbortSignal,
  emit: (event: EventInput) => void,
): Promise<Readonly<Record<string, string>> | undefined> {
  if (!paraphrase || signal.aborted) return undefined;
  const fallback = 'every agent reads the question as asked';
  try {
    const result = await paraphrase(question, signal);
    const assignments = dealVariants(agentIds, result.variants);
    // Announced also with no variant: the event carries the calls' usage.
    emit({ type: 'question-paraphrased', ...result, assignments });
    if (result.variants.length > 0) return assignments;
    emit({
      type: 'notice',
      level: 'warning',
      message: `Paraphrasing gave no usable variant (${result.dropped} dropped as not equivalent): ${fallback}.`,
    });
    return undefined;
  } catch (error) {
    if (signal.aborted) return undefined;
    emit({
      type: 'notice',
      level: 'warning',
      message: `Paraphrasing failed (${errorText(error)}): ${fallback}.`,
    });
    return undefined;
  }
}
