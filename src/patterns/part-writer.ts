/**
 * Writes a composite model's output stream: sink calls (text, reasoning, usage) become
 * `LanguageModelV3StreamPart`s with their start/delta/end framing, and usage adds up until `finish`.
 */
import type { LanguageModelV3StreamPart, LanguageModelV3Usage } from '@ai-sdk/provider';
import type { ReplySink } from './types.js';
import { addUsage, emptyUsage } from './usage.js';

export class PartWriter {
  /** Usage of every call reported so far. */
  usage: LanguageModelV3Usage = emptyUsage();
  private open: { kind: 'text' | 'reasoning'; id: string } | undefined;
  private ids = 0;

  constructor(private readonly out: ReadableStreamDefaultController<LanguageModelV3StreamPart>) {}

  /** A sink writing into this stream. */
  readonly sink: ReplySink = {
    text: (delta) => this.delta('text', delta),
    reasoning: (delta) => this.delta('reasoning', delta),
    usage: (usage) => {
      this.usage = addUsage(this.usage, usage);
    },
  };

  /** Enqueues a part as is (ending an open text or reasoning part first). */
  write(part: LanguageModelV3StreamPart): void {
    this.close();
    this.out.enqueue(part);
  }

  /** Ends the open text or reasoning part, if any. */
  close(): void {
    if (!this.open) return;
    this.out.enqueue({ type: `${this.open.kind}-end`, id: this.open.id });
    this.open = undefined;
  }

  private delta(kind: 'text' | 'reasoning', delta: string): void {
    if (!delta) return;
    if (this.open?.kind !== kind) {
      this.close();
      this.open = { kind, id: `${kind}-${++this.ids}` };
      this.out.enqueue({ type: `${kind}-start`, id: this.open.id });
    }
    this.out.enqueue({ type: `${kind}-delta`, id: this.open.id, delta });
  }
}
