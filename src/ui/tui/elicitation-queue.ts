/**
 * MCP elicitations waiting for the user in the terminal UI, first come first asked. `ask` is the
 * run's elicitation port: it resolves once the prompt is answered, or with `cancel` when the server
 * or the run gives up (its signal) or the UI closes.
 */
import type { ElicitationAction, ElicitationSchema } from '../../events/types.js';
import type { FormValue } from './elicitation-form.js';

/** A server's question (the run's elicitation request). */
export interface ElicitationAsk {
  agentId: string;
  server: string;
  message: string;
  requestedSchema: ElicitationSchema;
  signal?: AbortSignal;
}

/** The user's answer. */
export interface ElicitationAnswer {
  action: ElicitationAction;
  content?: Record<string, FormValue>;
}

/** A question on screen or waiting. */
export interface PendingElicitation {
  id: number;
  ask: ElicitationAsk;
}

interface Entry extends PendingElicitation {
  resolve: (answer: ElicitationAnswer) => void;
}

export class ElicitationQueue {
  private entries: Entry[] = [];
  private listeners = new Set<() => void>();
  private next = 1;

  /** Asks the user; resolves with their answer. */
  ask = (ask: ElicitationAsk): Promise<ElicitationAnswer> =>
    new Promise((resolve) => {
      const id = this.next++;
      const onAbort = () => this.settle(id, { action: 'cancel' });
      const entry: Entry = {
        id,
        ask,
        resolve: (answer) => {
          ask.signal?.removeEventListener('abort', onAbort);
          resolve(answer);
        },
      };
      if (ask.signal?.aborted) return resolve({ action: 'cancel' });
      ask.signal?.addEventListener('abort', onAbort, { once: true });
      this.entries.push(entry);
      this.changed();
    });

  /** The question to show now. */
  current = (): PendingElicitation | undefined => this.entries[0];

  /** Answers question `id`. */
  settle(id: number, answer: ElicitationAnswer): void {
    const index = this.entries.findIndex((e) => e.id === id);
    if (index < 0) return;
    const [entry] = this.entries.splice(index, 1);
    entry?.resolve(answer);
    this.changed();
  }

  /** Dismisses every question (the UI is closing). */
  cancelAll(): void {
    for (const entry of this.entries.splice(0)) entry.resolve({ action: 'cancel' });
    this.changed();
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private changed(): void {
    for (const listener of this.listeners) listener();
  }
}
