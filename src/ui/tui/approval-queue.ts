/**
 * Tool calls waiting for the user's approval in the terminal UI, first come first asked (several
 * agents may ask at once; one modal shows at a time). `ask` is the run's approval port: it resolves
 * with the user's decision (`by: 'human'`), rejects with the request's abort reason when the run
 * stops waiting, and resolves with a denial when the UI closes first.
 */
import type { ApprovalDecision, ApprovalRequest } from '../../types/safety.js';

/** A request on screen or waiting. */
export interface PendingApproval {
  /** Position in the queue's order (not the request's id). */
  id: number;
  request: ApprovalRequest;
}

interface Entry extends PendingApproval {
  resolve: (decision: ApprovalDecision) => void;
}

export class ApprovalQueue {
  private entries: Entry[] = [];
  private listeners = new Set<() => void>();
  private next = 1;

  /** Asks the user; resolves with their decision. */
  ask = (request: ApprovalRequest): Promise<ApprovalDecision> =>
    new Promise((resolve, reject) => {
      const { signal } = request;
      if (signal.aborted) {
        reject(signal.reason);
        return;
      }
      const id = this.next++;
      const onAbort = () => {
        if (this.remove(id)) reject(signal.reason);
      };
      this.entries.push({
        id,
        request,
        resolve: (decision) => {
          signal.removeEventListener('abort', onAbort);
          resolve(decision);
        },
      });
      signal.addEventListener('abort', onAbort, { once: true });
      this.changed();
    });

  /** The request to show now. */
  current = (): PendingApproval | undefined => this.entries[0];

  /** Requests waiting, the one on screen included. */
  size = (): number => this.entries.length;

  /** The user's decision on request `id`. */
  settle(id: number, decision: Omit<ApprovalDecision, 'by'>): void {
    const entry = this.entries.find((e) => e.id === id);
    if (!entry) return;
    this.remove(id);
    entry.resolve({ ...decision, by: 'human' });
  }

  /** Denies every request (the UI is closing before the user answered). */
  cancelAll(): void {
    for (const entry of this.entries.splice(0)) {
      entry.resolve({
        approved: false,
        scope: 'once',
        by: 'timeout',
        feedback: 'the terminal UI closed before anyone decided',
      });
    }
    this.changed();
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private remove(id: number): boolean {
    const index = this.entries.findIndex((e) => e.id === id);
    if (index < 0) return false;
    this.entries.splice(index, 1);
    this.changed();
    return true;
  }

  private changed(): void {
    for (const listener of this.listeners) listener();
  }
}
