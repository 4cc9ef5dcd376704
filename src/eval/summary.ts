/**
 * `summary.json`: per system its accuracy with a 95% Wilson score interval, and the tokens, cost and
 * wall time it took per task (means) and in total.
 */
import type { ResultLine } from './result-line.js';

/** One system's figures. */
export interface SystemSummary {
  name: string;
  /** Mean score over its tasks. */
  accuracy: number;
  /** Tasks it answered (scored). */
  tasks: number;
  /** Mean per task. */
  tokens: number;
  /** Mean per task. */
  cost_usd: number;
  /** Mean per task. */
  wall_s: number;
  /** 95% Wilson score interval of the accuracy. */
  ci95: [number, number];
  /** Runs that ended without an answer (counted as wrong). */
  failed: number;
  totals: { tokens: number; cost_usd: number; wall_s: number };
}

/** The summary of an evaluation. */
export interface EvalSummary {
  systems: SystemSummary[];
  /** Tasks in the dataset (after `--limit`). */
  tasks: number;
  /** Whether every task × system has a result, or why not (`budget`: `--max-cost` was reached). */
  complete: boolean;
  stopped?: 'budget' | 'interrupted';
  /** Spend of the whole evaluation (systems and judge). */
  cost_usd: number;
}

const Z95 = 1.959963984540054;

/** The 95% Wilson score interval of `successes` out of `n`. */
export function wilson95(successes: number, n: number): [number, number] {
  if (n === 0) return [0, 0];
  const p = successes / n;
  const z2 = Z95 * Z95;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (Z95 * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / (1 + z2 / n);
  return [successes === 0 ? 0 : Math.max(0, centre - half), successes === n ? 1 : Math.min(1, centre + half)];
}

const round = (x: number, digits: number) => Number(x.toFixed(digits));

/** The figures of each system (in `order`) from the result lines. */
export function summarizeSystems(order: readonly string[], lines: readonly ResultLine[]): SystemSummary[] {
  return order.map((name) => {
    const mine = lines.filter((l) => l.system === name);
    const n = mine.length;
    const sum = (f: (l: ResultLine) => number) => mine.reduce((s, l) => s + f(l), 0);
    const score = sum((l) => l.score);
    const totals = {
      tokens: sum((l) => l.tokens),
      cost_usd: sum((l) => l.cost_usd),
      wall_s: sum((l) => l.wall_s),
    };
    const [lo, hi] = wilson95(score, n);
    return {
      name,
      accuracy: n === 0 ? 0 : round(score / n, 6),
      tasks: n,
      tokens: n === 0 ? 0 : round(totals.tokens / n, 2),
      cost_usd: n === 0 ? 0 : round(totals.cost_usd / n, 8),
      wall_s: n === 0 ? 0 : round(totals.wall_s / n, 3),
      ci95: [round(lo, 6), round(hi, 6)],
      failed: mine.filter((l) => l.status !== 'completed').length,
      totals: { tokens: totals.tokens, cost_usd: round(totals.cost_usd, 8), wall_s: round(totals.wall_s, 3) },
    };
  });
}
