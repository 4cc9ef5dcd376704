/**
 * Runs a costly one-off job (loading a large module, rendering a large file) at the run's first
 * quiet moment: once no event has come for `quietMs`. The job runs on the thread that drives the
 * agents, so running it while requests are being made or replies stream in delays the run; while
 * every agent waits on its provider it costs nothing.
 */
export class WhenQuiet<T> {
  private loaded: Promise<T> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private lastActivity = 0;

  constructor(
    private readonly load: () => Promise<T>,
    private readonly quietMs = 50,
  ) {}

  /** Notes activity: the load waits for the next quiet moment. Cheap; call it on every event. */
  poke(): void {
    if (this.loaded) return;
    this.lastActivity = performance.now();
    if (!this.timer) this.arm(this.quietMs);
  }

  /** The job's result, running it now if it has not started. */
  get(): Promise<T> {
    clearTimeout(this.timer);
    this.loaded ??= this.load();
    return this.loaded;
  }

  private arm(ms: number): void {
    this.timer = setTimeout(() => {
      const quiet = performance.now() - this.lastActivity;
      if (quiet < this.quietMs) {
        this.arm(this.quietMs - quiet);
        return;
      }
      // A failure is reported to whoever calls get().
      this.get().catch(() => {});
    }, ms);
    this.timer.unref();
  }
}
