/**
 * Atomic file replacement (temp file in the same folder + rename), and a writer that coalesces
 * frequent rewrites of one file so a reader always sees a complete version and the caller never waits.
 */
import { rename, unlink, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

let tempCounter = 0;

/** Rename errors Windows reports while another process briefly holds the target open. */
const TRANSIENT_RENAME_CODES = new Set(['EPERM', 'EACCES', 'EBUSY']);

/**
 * Replaces `path` with `data` atomically: readers see either the old or the new content, never a
 * partial file. The temp file lives in the same folder so the rename never crosses file systems.
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  tempCounter = (tempCounter + 1) % Number.MAX_SAFE_INTEGER;
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${tempCounter}.tmp`);
  try {
    await writeFile(temp, data);
    await renameWithRetry(temp, path);
  } catch (err) {
    await unlink(temp).catch(() => {});
    throw err;
  }
}

async function renameWithRetry(from: string, to: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await rename(from, to);
      return;
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code ?? '';
      if (process.platform !== 'win32' || !TRANSIENT_RENAME_CODES.has(code) || attempt >= 5) throw err;
      await new Promise((done) => setTimeout(done, 10 * (attempt + 1)));
    }
  }
}

/** Content for {@link CoalescingWriter.write}: a string, or a function called only if it is written. */
export type LazyContent = string | (() => string);

/** How often a {@link CoalescingWriter} may write: a token bucket. */
export interface WriteRate {
  /** Writes that may start back to back (the bucket's size). */
  burst: number;
  /** One more write is allowed every `intervalMs` (the bucket's refill). */
  intervalMs: number;
}

/**
 * Keeps one file up to date with the latest content it was given.
 *
 * `write()` returns at once. At most one atomic write runs at a time; content given while a write is
 * in flight replaces any earlier pending content, and only the latest is written once more afterwards.
 * Lazy content is rendered just before it is written, so superseded versions cost nothing. With a
 * `rate`, a write beyond it waits (content given meanwhile replaces it); `flush()` writes what is
 * pending at once.
 */
export class CoalescingWriter {
  readonly path: string;
  private pending: LazyContent | undefined;
  private running: Promise<void> | undefined;
  private readonly onError: (error: unknown) => void;
  private readonly rate: WriteRate | undefined;
  private tokens: number;
  private refilledAt = Date.now();
  private writes = 0;
  private flushing = false;
  private wake: (() => void) | undefined;

  /**
   * @param onError receives each failed write (the writer keeps going with later content).
   * @param rate how often writes may start; default: back to back.
   */
  constructor(path: string, onError: (error: unknown) => void = () => {}, rate?: WriteRate) {
    this.path = path;
    this.onError = onError;
    this.rate = rate;
    this.tokens = rate?.burst ?? 0;
  }

  /** Number of writes actually performed (for tests and diagnostics). */
  get writeCount(): number {
    return this.writes;
  }

  /** Schedules `content` to become the file's content. Never throws, never waits. */
  write(content: LazyContent): void {
    this.pending = content;
    this.running ??= this.drain();
  }

  /** Resolves once everything given so far is on disk (or has failed and been reported). */
  flush(): Promise<void> {
    if (this.running === undefined) return Promise.resolve();
    this.flushing = true;
    this.wake?.();
    return this.running;
  }

  private async drain(): Promise<void> {
    // Yield first so `running` is assigned before the loop can possibly finish.
    await Promise.resolve();
    try {
      while (this.pending !== undefined) {
        await this.allowance();
        const content = this.pending;
        this.pending = undefined;
        try {
          await writeFileAtomic(this.path, typeof content === 'function' ? content() : content);
          this.writes++;
        } catch (err) {
          this.onError(err);
        }
      }
    } finally {
      this.running = undefined;
      this.flushing = false;
    }
  }

  /** Takes a token, waiting for one if the bucket is empty (a flush does not wait). */
  private async allowance(): Promise<void> {
    const rate = this.rate;
    if (rate === undefined) return;
    const now = Date.now();
    this.tokens = Math.min(rate.burst, this.tokens + (now - this.refilledAt) / rate.intervalMs);
    this.refilledAt = now;
    if (this.tokens < 1 && !this.flushing) {
      await this.pause((1 - this.tokens) * rate.intervalMs);
      return this.allowance();
    }
    this.tokens = Math.max(0, this.tokens - 1);
  }

  /** Waits `ms`, or less if a flush is asked for meanwhile. */
  private pause(ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wake = undefined;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wake = done;
    });
  }
}
