/**
 * Schema of the top-level `budget:` block: the most a run may spend. When a run reaches it, no new
 * agent work starts (src/run/budget-meter.ts).
 */
import { z } from 'zod';

/** `budget: { max_cost_usd, max_tokens }`; either may be left out. */
export const budgetSchema = z.strictObject({
  /** Most USD the run may spend on priced model calls (calls of unpriced models count as $0). */
  max_cost_usd: z
    .number({ message: 'expected a number of US dollars, e.g. 0.50' })
    .positive({ message: 'must be more than 0 (US dollars), e.g. 0.50' })
    .optional(),
  /** Most tokens (input + output, every call of every agent) the run may use. */
  max_tokens: z
    .number({ message: 'expected a whole number of tokens, e.g. 200000' })
    .int({ message: 'must be a whole number of tokens, e.g. 200000' })
    .positive({ message: 'must be more than 0 tokens, e.g. 200000' })
    .optional(),
});

/** The `budget:` block. */
export type BudgetConfig = z.output<typeof budgetSchema>;
