/**
 * Stable anonymous labels. `agentK` is the K-th agent in config order, the same in every prompt,
 * tool enum, log and update; an answer is labelled `agentK.N` where N is that agent's answer count.
 */

/** Label of the agent at 0-based config position `index`. */
export function agentLabel(index: number): string {
  return `agent${index + 1}`;
}

/** Label of an agent's N-th answer (`agentK.N`), or `agentK.final` for its final presentation. */
export function answerLabel(index: number, answerNumber: number | 'final'): string {
  return `${agentLabel(index)}.${answerNumber}`;
}
