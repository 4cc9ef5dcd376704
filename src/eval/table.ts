/** The terminal table of an evaluation's systems. */
import type { SystemSummary } from './summary.js';

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

/** Aligned text columns: system, accuracy, 95% CI, tasks, tokens/task, cost/task, wall/task. */
export function summaryTable(systems: readonly SystemSummary[]): string {
  const head = ['system', 'accuracy', '95% CI', 'tasks', 'tokens/task', 'cost/task', 'wall/task'];
  const rows = systems.map((s) => [
    s.name,
    pct(s.accuracy),
    `${pct(s.ci95[0])}–${pct(s.ci95[1])}`,
    String(s.tasks),
    String(Math.round(s.tokens)),
    `$${s.cost_usd.toFixed(5)}`,
    `${s.wall_s.toFixed(2)}s`,
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const format = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [format(head), ...rows.map(format)].join('\n');
}
