/**
 * Few-shot demonstrations in an agent's system message: the optimised system message is the tuned
 * instruction followed by worked examples (question and the answer expected), so any backend and any
 * MassGen run uses them without knowing where they came from.
 */

/** One worked example. */
export interface Demonstration {
  question: string;
  answer: string;
}

/** The heading of the examples block. */
export const DEMONSTRATIONS_HEADING = 'Examples of questions and the answers expected:';

/** The system message of an optimised agent: `instruction`, then the demonstrations (if any). */
export function systemMessageWith(instruction: string, demonstrations: readonly Demonstration[]): string {
  const parts = instruction.trim() === '' ? [] : [instruction.trim()];
  if (demonstrations.length > 0) {
    const examples = demonstrations.map((d) => `Question: ${d.question.trim()}\nAnswer: ${d.answer.trim()}`);
    parts.push([DEMONSTRATIONS_HEADING, ...examples].join('\n\n'));
  }
  return parts.join('\n\n');
}

/** The demonstrations of Ax optimiser results (`demos[].traces`), the string fields only, deduplicated. */
export function demonstrationsOf(
  demos: ReadonlyArray<{ traces: ReadonlyArray<Record<string, unknown>> }> | undefined,
  max: number,
): Demonstration[] {
  const out: Demonstration[] = [];
  const seen = new Set<string>();
  for (const demo of demos ?? []) {
    for (const trace of demo.traces) {
      const { question, answer } = trace;
      if (typeof question !== 'string' || typeof answer !== 'string' || seen.has(question)) continue;
      seen.add(question);
      out.push({ question, answer });
      if (out.length === max) return out;
    }
  }
  return out;
}
