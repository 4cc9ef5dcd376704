/**
 * The terminal UI's store: reduces every event at once (cheap) but publishes snapshots to React at
 * most once per frame, so a fast stream costs a few renders a second, not one per token.
 */
import type { CoordinationEvent } from '../../events/types.js';
import type { Pricer } from '../cost.js';
import type { MarkdownRenderer } from './markdown.js';
import { reduceRun } from './reducer.js';
import { initialRunView, type RunView } from './state.js';

/** UI facts that do not come from events. */
export interface TuiMeta {
  /** The turn's log folder, as the CLI learned it. */
  logDir?: string;
  /** Shown in the header, e.g. `replay of examples/demo/events.jsonl`. */
  source?: string;
  /** A turn of interactive mode: interrupting it returns to the prompt. */
  interactive?: boolean;
  /** The user asked to quit: the run is being interrupted. */
  interrupting: boolean;
  /**
   * The run is over and the UI stays to be looked at until the user leaves (q): `exit` ends the
   * program then, `prompt` goes back to the interactive prompt. Absent while the run is live.
   */
  browsing?: 'exit' | 'prompt';
  /** The UI is closing: its last frame is a short one (the final answer is printed after it). */
  closing: boolean;
  /** Renders Markdown, once loaded. */
  markdown?: MarkdownRenderer;
}

/** What a frame renders. */
export interface TuiSnapshot {
  run: RunView;
  meta: TuiMeta;
  /** The clock at publish time (replays run a virtual clock). */
  now: number;
}

export interface TuiStoreOptions {
  /** Prices usage events; absent: tokens only. */
  price?: Pricer;
  /** The run's clock; default `Date.now`. A replay passes its virtual clock. */
  now?: () => number;
  /** Minimum time between published snapshots; default 100 ms (10 frames a second). */
  frameMs?: number;
  meta?: Partial<TuiMeta>;
}

export class TuiStore {
  private run: RunView = initialRunView();
  private meta: TuiMeta;
  private snapshot: TuiSnapshot;
  private readonly listeners = new Set<() => void>();
  private readonly now: () => number;
  private readonly frameMs: number;
  private readonly price?: Pricer;
  private timer: NodeJS.Timeout | undefined;
  private ticker: NodeJS.Timeout | undefined;
  private lastPublish = 0;

  constructor(options: TuiStoreOptions = {}) {
    this.now = options.now ?? Date.now;
    this.frameMs = options.frameMs ?? 100;
    this.price = options.price;
    this.meta = { interrupting: false, closing: false, ...options.meta };
    this.snapshot = { run: this.run, meta: this.meta, now: this.now() };
  }

  /** Applies one event; the frame is published later (throttled). */
  dispatch(event: CoordinationEvent): void {
    this.run = reduceRun(this.run, event, this.price);
    if (event.type === 'run-start') this.startTicker();
    if (event.type === 'run-end') this.stopTicker();
    this.schedule();
  }

  /** Changes UI facts (log folder, quitting, …). */
  setMeta(patch: Partial<TuiMeta>): void {
    this.meta = { ...this.meta, ...patch };
    this.schedule();
  }

  /** The latest published snapshot (stable between publications, as React requires). */
  getSnapshot = (): TuiSnapshot => this.snapshot;

  /** The state with every event so far, published or not. */
  current(): TuiSnapshot {
    return { run: this.run, meta: this.meta, now: this.now() };
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Publishes at once. */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.lastPublish = Date.now();
    this.snapshot = this.current();
    for (const listener of this.listeners) listener();
  }

  /** Stops the timers. */
  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.stopTicker();
  }

  private schedule(): void {
    if (this.timer) return;
    const delay = Math.max(0, this.lastPublish + this.frameMs - Date.now());
    this.timer = setTimeout(() => this.flush(), delay);
  }

  /** Once a second, so the elapsed time moves while nothing streams. */
  private startTicker(): void {
    this.stopTicker();
    this.ticker = setInterval(() => this.schedule(), 1000);
    this.ticker.unref();
  }

  private stopTicker(): void {
    if (this.ticker) clearInterval(this.ticker);
    this.ticker = undefined;
  }
}
