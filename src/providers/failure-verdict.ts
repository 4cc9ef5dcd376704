/**
 * What becomes of an agent's failed turn: the text shown for it, and whether the agent is given up
 * on at once or its turn is retried.
 */
import { errorText } from '../error-text.js';
import { faultHint, faultKind, isPermanentFault } from './faults.js';
import { retriesSpent } from './retry.js';

/** How a failed execution is handled: its text, and whether the agent is given up on at once. */
export interface FailureVerdict {
  message: string;
  /**
   * Retrying cannot fix it (a rejected request or key, no quota), or the request was already
   * retried until its retries ran out; otherwise (a failure after the reply began) the turn is retried.
   */
  final: boolean;
}

/** The verdict on an execution's failure, for an agent of backend `backendType`. */
export function judgeFailure(error: unknown, backendType?: string): FailureVerdict {
  const spent = retriesSpent(error);
  const hint = faultHint(error, backendType);
  const final = spent !== undefined || isPermanentFault(faultKind(error));
  const tries = spent ? ` (still failing after ${spent} ${spent === 1 ? 'retry' : 'retries'})` : '';
  return { message: `${errorText(error)}${tries}${hint ? ` — ${hint}` : ''}`, final };
}
