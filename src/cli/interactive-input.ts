/**
 * Line input of interactive mode over `node:readline`. Works on a terminal (prompt, line editing,
 * history, Ctrl-C handled here) and on a pipe (one question per line, queued, ending at EOF).
 * On a terminal the keyboard has one reader at a time: while a run's display or an editor owns it,
 * the readline interface is closed (its history kept) and a new one is opened afterwards.
 */
import { createInterface, type Interface } from 'node:readline';

/** What the user did at the prompt. */
export type InputEvent =
  | { kind: 'line'; text: string }
  /** End of input (EOF, Ctrl-D) or the input was closed. */
  | { kind: 'eof' }
  /** Ctrl-C at an empty prompt, twice in a row, or SIGINT while waiting for input. */
  | { kind: 'interrupt' };

type Stdin = NodeJS.ReadableStream & {
  isTTY?: boolean;
  setRawMode?: (mode: boolean) => unknown;
  ref?: () => unknown;
};

const HISTORY_SIZE = 200;

export class PromptInput {
  /** Whether the input is a terminal (prompt shown, raw-mode line editing). */
  readonly tty: boolean;
  private readonly input: Stdin;
  private readonly output: NodeJS.WritableStream;
  private readonly prompt: string;
  private rl: Interface;
  private readonly queue: InputEvent[] = [];
  private waiter: ((event: InputEvent) => void) | undefined;
  private ended = false;
  /** The terminal is lent out (see {@link hold}): the interface is closed until {@link release}. */
  private held = false;
  private interruptedOnce = false;

  constructor(input: Stdin, output: NodeJS.WritableStream, prompt: string) {
    this.input = input;
    this.output = output;
    this.prompt = prompt;
    this.tty = input.isTTY === true;
    this.rl = this.open([]);
  }

  private open(history: string[]): Interface {
    const rl = createInterface({
      input: this.input,
      output: this.output,
      prompt: this.prompt,
      terminal: this.tty,
      history,
      historySize: HISTORY_SIZE,
    });
    rl.on('line', (text) => {
      this.interruptedOnce = false;
      this.push({ kind: 'line', text });
    });
    rl.on('close', () => {
      // Closed to lend the terminal out: not the end of the input.
      if (this.held) return;
      this.ended = true;
      this.push({ kind: 'eof' });
    });
    // Only emitted on a terminal, where readline reads Ctrl-C as a key.
    rl.on('SIGINT', () => this.onKeyInterrupt(this.output));
    return rl;
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
   * editor) is its only reader and Ctrl-C reaches it (or the process, as SIGINT). The readline
   * interface is closed, so no key typed meanwhile edits a line or submits one. Resolves once stdin
   * has stopped reading (Node stops a paused stdin a tick later; a reader attached before that would
   * never be woken). No-op on a pipe (lines keep queueing).
   */
  async hold(): Promise<void> {
    if (!this.tty || this.ended || this.held) return;
    this.held = true;
    this.rl.close();
    this.input.setRawMode?.(false);
    await new Promise((resolve) => setImmediate(resolve));
  }

  /** After a run: take the terminal back with a new interface (same history); the next {@link next} shows the prompt. */
  release(): void {
    if (!this.tty || this.ended || !this.held) return;
    const history = [...((this.rl as Interface & { history?: string[] }).history ?? [])];
    // A display that read the keys may have unreferenced stdin; the prompt keeps the process alive.
    this.input.ref?.();
    this.rl = this.open(history);
    this.held = false;
  }

  /** Stops reading; a pending read ends with `eof`. */
  close(): void {
    if (this.ended) return;
    if (this.held) {
      this.ended = true;
      this.push({ kind: 'eof' });
      return;
    }
    this.rl.close();
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
