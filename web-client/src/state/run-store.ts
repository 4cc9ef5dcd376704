/**
 * Holds a run's state for the page: events go in as they arrive, subscribers (React's
 * `useSyncExternalStore`) are told at most once per frame, however many events came in between.
 */
import type { CoordinationEvent } from '../../../src/events/types.js';
import { reduceEvents } from './run-reducer.js';
import { initialRunState, type Pricer, type RunState } from './run-state.js';

/** Calls `flush` once, soon (the page passes `requestAnimationFrame`). */
export type Scheduler = (flush: () => void) => void;

export class RunStore {
  private state: RunState = initialRunState();
  private readonly listeners = new Set<() => void>();
  private pending = false;
  private readonly price: Pricer | undefined;
  private readonly schedule: Scheduler;

  constructor(schedule: Scheduler, price?: Pricer) {
    this.schedule = schedule;
    this.price = price;
  }

  /** The current state (stable between changes). */
  readonly getState = (): RunState => this.state;

  /** Adds a listener; returns its removal. */
  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Applies events in order. */
  apply(events: readonly CoordinationEvent[]): void {
    const next = reduceEvents(this.state, events, this.price);
    if (next === this.state) return;
    this.state = next;
    this.notifySoon();
  }

  /** Back to the state before any event (a replay starting over). */
  reset(): void {
    this.state = initialRunState();
    this.notifySoon();
  }

  private notifySoon(): void {
    if (this.pending) return;
    this.pending = true;
    this.schedule(() => {
      this.pending = false;
      for (const listener of this.listeners) listener();
    });
  }
}
