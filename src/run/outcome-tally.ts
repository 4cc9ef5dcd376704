/**
 * The outcome tally (tally.ts) priced with the bundled price table. A run loads the table only once
 * its first reply is in and reduces its tally at the end (run-config.ts).
 */
import type { CoordinationEvent } from '../events/types.js';
import { usageCost } from '../events/usage-cost.js';
import { type OutcomeTally, reduceTallyWith } from './tally.js';

export { emptyUsage, initialTally, type OutcomeTally, type UsageTotals } from './tally.js';

/** Applies one event, pricing each call with the bundled price table. Pure. */
export function reduceTally(tally: OutcomeTally, event: CoordinationEvent): OutcomeTally {
  return reduceTallyWith(tally, event, usageCost);
}
