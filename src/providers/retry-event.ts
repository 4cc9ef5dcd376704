/** Provider retries as `provider-retry` events of the run. */
import { providerMessage } from '../error-text.js';
import type { EventInput } from '../events/types.js';
import { faultStatus } from './faults.js';
import type { RetryNotice } from './retry.js';

/** Called by an agent's retry middleware for every retry it makes. */
export type RetryReport = (agentId: string, notice: RetryNotice) => void;

/** The event of one retry of an agent's request. */
export function providerRetryEvent(agentId: string, notice: RetryNotice): EventInput {
  const statusCode = faultStatus(notice.error);
  return {
    type: 'provider-retry',
    agentId,
    attempt: notice.attempt,
    delayMs: Math.round(notice.delayMs),
    ...(statusCode === undefined ? {} : { statusCode }),
    message: providerMessage(notice.error),
  };
}

/**
 * A {@link RetryReport} for models created before the run's event channel exists: retries are
 * emitted once `bind` has been given the channel's emit (no request is made before that).
 */
export function lateRetryReport(): { report: RetryReport; bind(emit: (event: EventInput) => void): void } {
  let emit: ((event: EventInput) => void) | undefined;
  return {
    report: (agentId, notice) => emit?.(providerRetryEvent(agentId, notice)),
    bind(target) {
      emit = target;
    },
  };
}
