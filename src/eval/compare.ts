/**
 * `massgen eval compare DIR1 DIR2`: two evaluations paired per task. For each system both have (a
 * single `massgen:<name>` on each side is paired with the other), the accuracy on the tasks both
 * answered, its change, and the tasks that flipped.
 */
import type { ResultLine } from './result-line.js';

/** One system compared across two evaluations. */
export interface SystemComparison {
  /** The system in the first and the second evaluation. */
  before: string;
  after: string;
  /** Tasks both have a result for. */
  paired: number;
  accuracyBefore: number;
  accuracyAfter: number;
  delta: number;
  /** Tasks wrong before and right after. */
  gained: string[];
  /** Tasks right before and wrong after. */
  lost: string[];
}

/** Task ids are listed in natural order (t2 before t10). */
const isMassgen = (name: string) => name === 'massgen' || name.startsWith('massgen:');

/** The pairs of systems to compare: same names, and the lone MassGen system of each side. */
function pairs(a: string[], b: string[]): Array<[string, string]> {
  const out: Array<[string, string]> = a.filter((n) => b.includes(n)).map((n) => [n, n]);
  const ma = a.filter(isMassgen);
  const mb = b.filter(isMassgen);
  if (ma.length === 1 && mb.length === 1 && ma[0] !== mb[0]) out.unshift([ma[0]!, mb[0]!]);
  return out;
}

/** Compares the results of two evaluations (each in its report order). */
export function compareResults(
  before: { systems: string[]; lines: readonly ResultLine[] },
  after: { systems: string[]; lines: readonly ResultLine[] },
): SystemComparison[] {
  return pairs(before.systems, after.systems).map(([x, y]) => {
    const mapOf = (lines: readonly ResultLine[], system: string) =>
      new Map(lines.filter((l) => l.system === system).map((l) => [l.task, l.score]));
    const mb = mapOf(before.lines, x);
    const ma = mapOf(after.lines, y);
    const tasks = [...mb.keys()]
      .filter((t) => ma.has(t))
      .sort((p, q) => p.localeCompare(q, undefined, { numeric: true }));
    const sum = (m: Map<string, number>) => tasks.reduce((s, t) => s + m.get(t)!, 0);
    const n = tasks.length;
    const accuracyBefore = n === 0 ? 0 : sum(mb) / n;
    const accuracyAfter = n === 0 ? 0 : sum(ma) / n;
    return {
      before: x,
      after: y,
      paired: n,
      accuracyBefore,
      accuracyAfter,
      delta: accuracyAfter - accuracyBefore,
      gained: tasks.filter((t) => mb.get(t)! < 1 && ma.get(t)! >= 1),
      lost: tasks.filter((t) => mb.get(t)! >= 1 && ma.get(t)! < 1),
    };
  });
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

/** The comparison as text. */
export function comparisonText(rows: readonly SystemComparison[]): string {
  if (rows.length === 0) return 'No system in common.\n';
  return rows
    .map((r) => {
      const name = r.before === r.after ? r.before : `${r.before} → ${r.after}`;
      const sign = r.delta > 0 ? '+' : '';
      const head = `${name}: ${pct(r.accuracyBefore)} → ${pct(r.accuracyAfter)} (${sign}${(r.delta * 100).toFixed(1)} points) on ${r.paired} paired tasks`;
      const gained = `  gained (${r.gained.length}): ${r.gained.join(', ') || '-'}`;
      const lost = `  lost (${r.lost.length}): ${r.lost.join(', ') || '-'}`;
      return `${head}\n${gained}\n${lost}`;
    })
    .join('\n')
    .concat('\n');
}
