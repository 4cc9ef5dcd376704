/**
 * Schema of the top-level `budget:` block: the most a run may spend. When a run reaches it, no new
 * agent work starts (src/run/budget-meter.ts).
 */
import { z } from 'zod';
import { positiveInt } from './schema-common.js';

/** `budget: { max_cost_usd, max_tokens }`; either may be left out. */
export const budgetSchema = z.strictObject({
  /** Most USD the run may spend on priced model calls (calls of unpriced models count as $0). */
  max_cost_usd: z.number().positive().optional(),
  /** Most tokens (input + output, every call of every agent) the run may use. */
  max_tokens: positiveInt.optional(),
});

/** The `budget:` block. */
export type BudgetConfig = z.output<typeof budgetSchema>;
