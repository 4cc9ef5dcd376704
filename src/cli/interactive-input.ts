/**
 * Line input of interactive mode over `node:readline`. Works on a terminal (prompt, line editing,
 * history, Ctrl-C handled here) and on a pipe (one question per line, queued, ending at EOF).
 */
import { createInterface, type Interface } from 'node:readline';

/** What the user did at the prompt. */
export type InputEvent =
  | { kind: 'line'; text: string }
  /** End of input (EOF, Ctrl-D) or the input was closed. */
  | { kind: 'eof' }
  /** Ctrl-C at an empty prompt, twice in a row, or SIGINT while waiting for input. */
  | { kind: 'interrupt' };

type Stdin = NodeJS.ReadableStream & { isTTY?: boolean; setRawMode?: (mode: boolean) => unknown };

export class PromptInput {
  /** Whether the input is a terminal (prompt shown, raw-mode line editing). */
  readonly tty: boolean;
  private readonly input: Stdin;
  private readonly rl: Interface;
  private readonly queue: InputEvent[] = [];
  private waiter: ((event: InputEvent) => void) | undefined;
  private ended = false;
  private interruptedOnce = false;

  constructor(input: Stdin, output: NodeJS.WritableStream, prompt: string) {
    this.input = input;
    this.tty = input.isTTY === true;
    this.rl = createInterface({ input, output, prompt, terminal: this.tty, historySize: 200 });
    this.rl.on('line', (text) => {
      this.interruptedOnce = false;
      this.push({ kind: 'line', text });
    });
    this.rl.on('close', () => {
      this.ended = true;
      this.push({ kind: 'eof' });
    });
    // Only emitted on a terminal, where readline reads Ctrl-C as a key.
    this.rl.on('SIGINT', () => this.onKeyInterrupt(output));
  }

  /** The next line (or EOF / interrupt). On a terminal, shows the prompt when nothing is queued. */
  next(): Promise<InputEvent> {
    const queued = this.queue.shift();
    if (queued) return Promise.resolve(queued);
    if (this.ended) return Promise.resolve({ kind: 'eof' });
    if (this.tty) this.rl.prompt();
    return new Promise((resolve) => {
      this.waiter = resolve;
    });
  }

  /** Whether a {@link next} call is waiting for the user. */
  get waiting(): boolean {
    return this.waiter !== undefined;
  }

  /** A SIGINT that arrived while waiting for input: ends the pending read with `interrupt`. */
  interrupt(): void {
    this.push({ kind: 'interrupt' });
  }

  /**
   * Before a run or an editor: stop reading the terminal and leave raw mode, so the display (or the
   * editor) owns it and Ctrl-C reaches the process as SIGINT. No-op on a pipe (lines keep queueing).
   */
  hold(): void {
    if (!this.tty || this.ended) return;
    this.rl.pause();
    this.input.setRawMode?.(false);
  }

  /** After a run: take the terminal back (the next {@link next} shows the prompt). */
  release(): void {
    if (!this.tty || this.ended) return;
    this.input.setRawMode?.(true);
  }

  /** Stops reading; a pending read ends with `eof`. */
  close(): void {
    if (!this.ended) this.rl.close();
  }

  private push(event: InputEvent): void {
    const waiter = this.waiter;
    if (waiter) {
      this.waiter = undefined;
      waiter(event);
    } else {
      this.queue.push(event);
    }
  }

  private onKeyInterrupt(output: NodeJS.WritableStream): void {
    if (this.rl.line === '' || this.interruptedOnce) {
      output.write('\n');
      this.push({ kind: 'interrupt' });
      return;
    }
    // Text typed: clear it, like a shell; a second Ctrl-C quits.
    this.interruptedOnce = true;
    this.rl.write(null, { ctrl: true, name: 'e' });
    this.rl.write(null, { ctrl: true, name: 'u' });
    output.write('^C (Ctrl-C again to quit)\n');
    this.rl.prompt();
  }
}
