/**
 * A hash-chained JSONL ledger of audit records (see ledger-line.ts for the line format).
 *
 * `append` is synchronous and cheap: it snapshots the record (secrets redacted, long argument
 * strings cut) and queues it; the writes happen in the background, in order, a batch at a time.
 * - A ledger of one writer (a run's `audit.jsonl`) keeps the file open, continues the chain from the
 *   file's last line when it already exists, and on `close` appends a seal line and syncs the file to
 *   disk.
 * - A shared ledger (the per-user one, appended to by every run) writes each batch under its lock
 *   file (`<file>.lock`, see sessions/file-lock.ts), re-reading the last line's hash under the lock,
 *   and syncs each batch before releasing it: two runs appending at once keep one valid chain.
 *
 * Nothing is written for a ledger that never receives a record. Write failures never reach the
 * caller of `append`; `close` rejects with {@link AuditWriteError} listing them.
 */
import { type FileHandle, mkdir, open } from 'node:fs/promises';
import path from 'node:path';
import type { Redactor } from '../../events/redaction.js';
import { type FileLockOptions, withFileLock } from '../../sessions/file-lock.js';
import type { AuditRecord, AuditSink } from '../../types/safety.js';
import { boundInput } from './bounded-input.js';
import { AuditWriteError } from './errors.js';
import { chainLine, plainFields } from './ledger-line.js';
import { type LedgerHead, readLedgerHead } from './ledger-tail.js';

/** Options of {@link AuditLedger}. */
export interface AuditLedgerOptions {
  /** Other processes append to the same file (the per-user ledger): write under its lock. */
  shared?: boolean;
  /** Append a seal line `{ seq, prev, hash, at, sealed: true }` on close (a run's own ledger). */
  seal?: boolean;
  /** Hides secrets in each record before it is hashed and written. */
  redactor?: Redactor;
  /** The clock of the seal line; default `new Date()`. */
  now?: () => Date;
  /** Lock timing of a shared ledger. */
  lock?: FileLockOptions;
}

/** Files are private to the user: they hold the calls' arguments. */
const FILE_MODE = 0o600;
const DIR_MODE = 0o700;

/** One ledger file. */
export class AuditLedger implements AuditSink {
  readonly file: string;
  private readonly options: AuditLedgerOptions;
  private pending: Record<string, unknown>[] = [];
  private draining: Promise<void> | undefined;
  private readonly failures: unknown[] = [];
  private closing: Promise<void> | undefined;
  /** Records written so far by this ledger. */
  private written = 0;
  /** Single writer: the open file and the chain's head, once the first batch is written. */
  private handle: FileHandle | undefined;
  private head: LedgerHead | undefined;

  constructor(file: string, options: AuditLedgerOptions = {}) {
    this.file = path.resolve(file);
    this.options = options;
  }

  /** Write failures so far. */
  get errors(): readonly unknown[] {
    return this.failures;
  }

  /** Queues one record. Synchronous, never throws; ignored after `close()`. */
  append(record: AuditRecord): void {
    if (this.closing) return;
    try {
      const redacted = this.options.redactor ? this.options.redactor.redact(record) : record;
      const fields = plainFields({ ...redacted, input: boundInput(redacted.input) });
      this.pending.push(fields);
      this.draining ??= this.drain();
    } catch (error) {
      this.failures.push(error);
    }
  }

  /** Writes what is queued (and the seal), syncs and closes the file. Idempotent. */
  close(): Promise<void> {
    this.closing ??= this.finish();
    return this.closing;
  }

  private async finish(): Promise<void> {
    await this.draining;
    if (this.options.seal && this.written > 0) {
      this.pending.push({ at: (this.options.now?.() ?? new Date()).toISOString(), sealed: true });
      await this.drain();
    }
    if (this.handle) {
      const handle = this.handle;
      this.handle = undefined;
      try {
        await handle.sync();
      } catch (error) {
        this.failures.push(error);
      } finally {
        await handle.close().catch(() => {});
      }
    }
    if (this.failures.length > 0) throw new AuditWriteError([this.file], this.failures);
  }

  /** Writes batches until the queue is empty. */
  private async drain(): Promise<void> {
    try {
      while (this.pending.length > 0) {
        const batch = this.pending;
        this.pending = [];
        try {
          await (this.options.shared ? this.writeShared(batch) : this.writeOwn(batch));
          this.written += batch.length;
        } catch (error) {
          this.failures.push(error);
        }
      }
    } finally {
      this.draining = undefined;
    }
  }

  /** The batch's lines chained after `head`; returns the text and the new head. */
  private chain(batch: Record<string, unknown>[], head: LedgerHead): { text: string; head: LedgerHead } {
    let { seq, hash } = head;
    let text = '';
    for (const fields of batch) {
      const line = chainLine(fields, ++seq, hash);
      hash = line.hash;
      text += `${line.text}\n`;
    }
    return { text, head: { seq, hash } };
  }

  private async writeOwn(batch: Record<string, unknown>[]): Promise<void> {
    if (!this.handle || !this.head) {
      await mkdir(path.dirname(this.file), { recursive: true, mode: DIR_MODE });
      const head = await readLedgerHead(this.file);
      this.handle = await open(this.file, 'a', FILE_MODE);
      this.head = head;
    }
    const { text, head } = this.chain(batch, this.head);
    try {
      await this.handle.appendFile(text);
      this.head = head;
    } catch (error) {
      // What reached the file is unknown: the next batch starts again from the file's last line.
      const handle = this.handle;
      this.handle = undefined;
      this.head = undefined;
      await handle.close().catch(() => {});
      throw error;
    }
  }

  private async writeShared(batch: Record<string, unknown>[]): Promise<void> {
    await mkdir(path.dirname(this.file), { recursive: true, mode: DIR_MODE });
    await withFileLock(
      `${this.file}.lock`,
      async () => {
        const { text } = this.chain(batch, await readLedgerHead(this.file));
        const handle = await open(this.file, 'a', FILE_MODE);
        try {
          await handle.appendFile(text);
          await handle.sync();
        } finally {
          await handle.close();
        }
      },
      this.options.lock,
    );
  }
}
