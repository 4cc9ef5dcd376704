/**
 * Checking a ledger's chain line by line: what {@link verifyLedger} runs over a file, and what a
 * writer runs over a file's last line before it appends.
 */
import { errorText } from '../../error-text.js';
import { type ChainFields, chainFields, GENESIS, lineHash, lineJson } from './ledger-line.js';

/** Why a line breaks the chain. */
export type ChainFault =
  | 'bad-json'
  | 'not-a-ledger-line'
  | 'seq-gap'
  | 'broken-prev-link'
  | 'hash-mismatch'
  | 'not-canonical'
  | 'empty-line'
  | 'incomplete-line';

/** The first bad line of a ledger. */
export interface ChainBreak {
  /** 1-based line number in the file. */
  line: number;
  fault: ChainFault;
  /** One sentence for people: what is wrong with the line and what it means. */
  reason: string;
}

/** A line that passed: its parsed value and chain members. */
export interface CheckedLine {
  value: Record<string, unknown>;
  chain: ChainFields;
}

/** The parsed line, or why it is not a ledger line at all (its place in the chain aside). */
export function parseLedgerLine(
  text: string,
  line: number,
): { ok: true; checked: CheckedLine } | { ok: false; broken: ChainBreak } {
  if (text.trim() === '') {
    return {
      ok: false,
      broken: { line, fault: 'empty-line', reason: 'the line is empty (a ledger has none)' },
    };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return {
      ok: false,
      broken: { line, fault: 'bad-json', reason: `the line is not valid JSON (${errorText(error)})` },
    };
  }
  const chain = chainFields(value);
  if (!chain) {
    return {
      ok: false,
      broken: {
        line,
        fault: 'not-a-ledger-line',
        reason: 'the line is not a ledger line (it needs seq, prev and hash)',
      },
    };
  }
  return { ok: true, checked: { value: value as Record<string, unknown>, chain } };
}

/** Follows a chain from its first line; `next` answers each line in turn. */
export class ChainChecker {
  private expectedSeq = 1;
  private lastHash = GENESIS;
  private lineNo = 0;

  /** The hash the next line must name as its `prev`. */
  get head(): { seq: number; hash: string } {
    return { seq: this.expectedSeq - 1, hash: this.lastHash };
  }

  /** Checks the next line of the file; a break stops the check (later calls are meaningless). */
  next(text: string): { ok: true; checked: CheckedLine } | { ok: false; broken: ChainBreak } {
    const line = ++this.lineNo;
    const parsed = parseLedgerLine(text, line);
    if (!parsed.ok) return parsed;
    const { value, chain } = parsed.checked;
    const fail = (fault: ChainFault, reason: string) => ({
      ok: false as const,
      broken: { line, fault, reason },
    });
    if (chain.seq !== this.expectedSeq) {
      return fail(
        'seq-gap',
        `the line has seq ${chain.seq} where seq ${this.expectedSeq} was expected (a line was deleted, inserted or moved)`,
      );
    }
    if (chain.prev !== this.lastHash) {
      return fail(
        'broken-prev-link',
        line === 1
          ? 'broken prev link: the first line does not start from the genesis value'
          : `broken prev link: its prev is not the hash of line ${line - 1} (a line was replaced, inserted or moved)`,
      );
    }
    if (lineHash(value) !== chain.hash) {
      return fail('hash-mismatch', 'hash mismatch: the line was changed after it was written');
    }
    if (lineJson(value) !== text) {
      return fail(
        'not-canonical',
        'the line is not in canonical form: its text was edited after it was written',
      );
    }
    this.expectedSeq++;
    this.lastHash = chain.hash;
    return parsed;
  }
}
