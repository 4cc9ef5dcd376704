/**
 * The progress line of an evaluation on stderr: results done, accuracy so far per system, spend so
 * far and the time left. On a terminal one line redrawn in place; otherwise a plain line per result.
 */
import { type ResultLine, resultSpend } from './result-line.js';

/** Seconds as `1m05s` / `42s`. */
export function duration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  return s >= 60 ? `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s` : `${s}s`;
}

/** Counts what is done and prints it. */
export class Progress {
  readonly #scores = new Map<string, { sum: number; n: number }>();
  #done = 0;
  #ran = 0;
  #spent = 0;
  readonly #started = Date.now();

  /**
   * `total`: task × system results the evaluation needs; `already`: those read back (`--resume`).
   * `write` gets each line (with `\r` and no newline on a terminal).
   */
  constructor(
    readonly total: number,
    already: readonly ResultLine[],
    readonly order: readonly string[],
    private readonly write: (text: string) => void,
    private readonly tty: boolean,
  ) {
    for (const line of already) this.#count(line);
    this.#done = already.length;
  }

  #count(line: ResultLine): void {
    const entry = this.#scores.get(line.system) ?? { sum: 0, n: 0 };
    entry.sum += line.score;
    entry.n++;
    this.#scores.set(line.system, entry);
    this.#spent += resultSpend(line);
  }

  /** Spend of every result so far, read back ones included (USD). */
  get spent(): number {
    return this.#spent;
  }

  /** Adds spend that is not in a result (a run that failed before it could give one). */
  addSpend(usd: number): void {
    this.#spent += usd;
  }

  /** Records one finished result and prints the line. */
  add(line: ResultLine, ran: boolean): void {
    this.#count(line);
    this.#done++;
    if (ran) this.#ran++;
    this.write(this.tty ? `\r\x1b[2K${this.line()}` : `${this.line()}\n`);
  }

  /** The progress line. */
  line(): string {
    const accuracy = this.order
      .filter((name) => this.#scores.has(name))
      .map((name) => {
        const { sum, n } = this.#scores.get(name)!;
        return `${name} ${(sum / n).toFixed(2)}`;
      })
      .join(', ');
    const elapsed = (Date.now() - this.#started) / 1000;
    const left = this.total - this.#done;
    const eta = this.#ran === 0 ? '?' : duration((elapsed / this.#ran) * left);
    return `eval: ${this.#done}/${this.total} done · accuracy ${accuracy || '-'} · spent $${this.#spent.toFixed(4)} · ETA ${eta}`;
  }

  /** Ends the redrawn line on a terminal. */
  finish(): void {
    if (this.tty) this.write('\n');
  }
}
