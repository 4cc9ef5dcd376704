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

/**
 * Keeps one file up to date with the latest content it was given.
 *
 * `write()` returns at once. At most one atomic write runs at a time; content given while a write is
 * in flight replaces any earlier pending content, and only the latest is written once more afterwards.
 * Lazy content is rendered just before it is written, so superseded versions cost nothing.
 */
export class CoalescingWriter {
  readonly path: string;
  private pending: LazyContent | undefined;
  private running: Promise<void> | undefined;
  private readonly onError: (error: unknown) => void;
  private writes = 0;

  /** @param onError receives each failed write (the writer keeps going with later content). */
  constructor(path: string, onError: (error: unknown) => void = () => {}) {
    this.path = path;
    this.onError = onError;
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
    return this.running ?? Promise.resolve();
  }

  private async drain(): Promise<void> {
    // Yield first so `running` is assigned before the loop can possibly finish.
    await Promise.resolve();
    try {
      while (this.pending !== undefined) {
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
    }
  }
}
