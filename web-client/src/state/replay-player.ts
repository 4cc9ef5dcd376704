/**
 * Plays a recorded run's events into a store at a chosen speed: the gaps between events are their
 * recorded gaps divided by the speed (long pauses shortened), `instant` applies them all at once.
 * Timers are injected, so a replay is a unit test with fake timers.
 */
import type { CoordinationEvent } from '../../../src/events/types.js';

export type ReplaySpeed = 1 | 4 | 16 | 'instant';

/** A recorded gap longer than this plays as this (ms, before the speed divides it). */
export const MAX_GAP_MS = 3000;
/** Events closer than this (ms of replay time) are applied together. */
const BATCH_MS = 8;

export interface ReplayTarget {
  apply(events: readonly CoordinationEvent[]): void;
  reset(): void;
}

export interface ReplayTimers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export class ReplayPlayer {
  private index = 0;
  private timer: unknown;
  private speedValue: ReplaySpeed;
  private playingValue = false;
  private readonly events: readonly CoordinationEvent[];
  private readonly target: ReplayTarget;
  private readonly timers: ReplayTimers;
  private readonly onChange: () => void;

  constructor(
    events: readonly CoordinationEvent[],
    target: ReplayTarget,
    options: { speed: ReplaySpeed; timers: ReplayTimers; onChange?: () => void },
  ) {
    this.events = events;
    this.target = target;
    this.speedValue = options.speed;
    this.timers = options.timers;
    this.onChange = options.onChange ?? (() => {});
  }

  get speed(): ReplaySpeed {
    return this.speedValue;
  }

  get playing(): boolean {
    return this.playingValue;
  }

  /** Events applied so far, and in all. */
  get progress(): { done: number; total: number } {
    return { done: this.index, total: this.events.length };
  }

  /** Plays from where it stands. */
  play(): void {
    if (this.playingValue) return;
    this.playingValue = true;
    if (this.index === 0) this.step();
    else this.scheduleNext();
  }

  pause(): void {
    this.stopTimer();
    this.playingValue = false;
    this.onChange();
  }

  /** Changes the speed; takes effect from the next event (`instant` finishes at once). */
  setSpeed(speed: ReplaySpeed): void {
    this.speedValue = speed;
    if (this.playingValue) {
      this.stopTimer();
      if (speed === 'instant') this.step();
      else this.scheduleNext();
    } else {
      this.onChange();
    }
  }

  /** Starts over from the first event. */
  restart(): void {
    this.stopTimer();
    this.playingValue = false;
    this.index = 0;
    this.target.reset();
    this.play();
  }

  /** Stops for good (the page is left). */
  dispose(): void {
    this.stopTimer();
    this.playingValue = false;
  }

  private step(): void {
    const { events } = this;
    if (this.speedValue === 'instant') {
      this.target.apply(events.slice(this.index));
      this.index = events.length;
    } else {
      const start = this.index;
      let end = start + 1;
      while (end < events.length && this.gap(end) < BATCH_MS) end++;
      this.target.apply(events.slice(start, end));
      this.index = Math.min(end, events.length);
    }
    if (this.index >= events.length) {
      this.playingValue = false;
      this.onChange();
      return;
    }
    this.scheduleNext();
  }

  private scheduleNext(): void {
    if (this.index >= this.events.length) return;
    this.onChange();
    this.timer = this.timers.setTimeout(() => {
      this.timer = undefined;
      this.step();
    }, this.gap(this.index));
  }

  /** Replay time between event `i - 1` and event `i`. */
  private gap(i: number): number {
    const speed = this.speedValue === 'instant' ? Number.POSITIVE_INFINITY : this.speedValue;
    const recorded = Math.max(0, this.events[i]!.ts - this.events[i - 1]!.ts);
    return Math.min(recorded, MAX_GAP_MS) / speed;
  }

  private stopTimer(): void {
    if (this.timer !== undefined) this.timers.clearTimeout(this.timer);
    this.timer = undefined;
  }
}
