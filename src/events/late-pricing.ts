/**
 * Pricing the `costs` block of status.json with a price table that loads late (a large module,
 * loaded at the run's first quiet moment): calls recorded before it is in count as unpriced and are
 * priced once it is.
 */
import { type CostSource, priceLater } from './status-costs.js';
import type { RunCosts } from './status-file.js';
import type { CoordinationEvent } from './types.js';
import type { Pricer } from './usage-cost.js';

export class LatePricing {
  /** The price table's pricer, once loaded. */
  price: Pricer | undefined;
  /** Calls recorded before the price table was in. */
  private unpriced: CostSource[] = [];

  /** Notes the calls of an event recorded while the table is not in yet. */
  note(event: CoordinationEvent): void {
    if (this.price !== undefined) return;
    if (event.type === 'usage') {
      this.unpriced.push({ kind: 'call', agentId: event.agentId, usage: event.usage });
    } else if (event.type === 'question-paraphrased' && event.calls > 0) {
      const { backend, model, calls, usage } = event;
      this.unpriced.push({ kind: 'paraphrase', backend, model, calls, usage });
    }
  }

  /** Loads the price table; returns how to price the calls noted before it was in (none: undefined). */
  async load(): Promise<((costs: RunCosts) => RunCosts) | undefined> {
    const { usageCost } = await import('./usage-cost.js');
    this.price = usageCost;
    const calls = this.unpriced;
    this.unpriced = [];
    if (calls.length === 0) return undefined;
    return (costs) => calls.reduce((sum, call) => priceLater(sum, call, usageCost), costs);
  }
}
