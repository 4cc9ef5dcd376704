import { describe, expect, it } from 'vitest';
import { compareResults, comparisonText } from '../../src/eval/compare.js';
import type { ResultLine } from '../../src/eval/result-line.js';
import { summarizeSystems, wilson95 } from '../../src/eval/summary.js';

const line = (task: string, system: string, score: number, cost = 0.01): ResultLine => ({
  task,
  system,
  answer: '',
  score,
  tokens: 100,
  cost_usd: cost,
  wall_s: 2,
  log_dir: null,
  status: 'completed',
});

describe('summary and compare', () => {
  it('Wilson interval', () => {
    const [lo, hi] = wilson95(8, 10);
    expect(lo).toBeCloseTo(0.4902, 4);
    expect(hi).toBeCloseTo(0.9433, 4);
    expect(wilson95(0, 0)).toEqual([0, 0]);
    expect(wilson95(10, 10)[1]).toBe(1);
  });

  it('per-task means and totals per system', () => {
    const [s] = summarizeSystems(['massgen'], [line('a', 'massgen', 1), line('b', 'massgen', 0, 0.03)]);
    expect(s).toMatchObject({
      name: 'massgen',
      accuracy: 0.5,
      tasks: 2,
      tokens: 100,
      cost_usd: 0.02,
      wall_s: 2,
      failed: 0,
      totals: { tokens: 200, cost_usd: 0.04, wall_s: 4 },
    });
  });

  it('pairs tasks and lists flips; a lone massgen:<name> on each side is paired', () => {
    const before = {
      systems: ['massgen:a', 'majority'],
      lines: [
        line('t1', 'massgen:a', 1),
        line('t2', 'massgen:a', 0),
        line('t3', 'massgen:a', 0),
        line('t1', 'majority', 1),
      ],
    };
    const after = {
      systems: ['massgen:b', 'majority'],
      lines: [
        line('t1', 'massgen:b', 0),
        line('t2', 'massgen:b', 1),
        line('t3', 'massgen:b', 1),
        line('t1', 'majority', 1),
      ],
    };
    const rows = compareResults(before, after);
    expect(rows.map((r) => [r.before, r.after, r.paired, r.gained, r.lost])).toEqual([
      ['massgen:a', 'massgen:b', 3, ['t2', 't3'], ['t1']],
      ['majority', 'majority', 1, [], []],
    ]);
    expect(comparisonText(rows)).toBe(
      'massgen:a → massgen:b: 33.3% → 66.7% (+33.3 points) on 3 paired tasks\n  gained (2): t2, t3\n  lost (1): t1\n' +
        'majority: 100.0% → 100.0% (0.0 points) on 1 paired tasks\n  gained (0): -\n  lost (0): -\n',
    );
  });
});
