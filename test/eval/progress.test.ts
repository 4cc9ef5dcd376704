import { describe, expect, it } from 'vitest';
import { duration, Progress } from '../../src/eval/progress.js';
import type { ResultLine } from '../../src/eval/result-line.js';

const line = (system: string, score: number, cost: number): ResultLine => ({
  task: 't',
  system,
  answer: '',
  score,
  tokens: 0,
  cost_usd: cost,
  wall_s: 1,
  log_dir: null,
  status: 'completed',
});

describe('eval progress', () => {
  it('a plain line per result when not a terminal, with results read back counted', () => {
    const out: string[] = [];
    const p = new Progress(4, [line('massgen', 1, 0.5)], ['massgen', 'majority'], (t) => out.push(t), false);
    p.add(line('majority', 0, 0.25), true);
    expect(out).toHaveLength(1);
    expect(out[0]).toMatch(
      /^eval: 2\/4 done · accuracy massgen 1\.00, majority 0\.00 · spent \$0\.5000 · ETA \d+s\n$/,
    );
    // majority reuses the singles' runs: its cost is not spent again.
    expect(p.spent).toBe(0.5);
  });

  it('on a terminal one line redrawn in place, ended with a newline', () => {
    const out: string[] = [];
    const p = new Progress(1, [], ['massgen'], (t) => out.push(t), true);
    p.add(line('massgen', 1, 0), true);
    p.finish();
    expect(out).toEqual(['\r\x1b[2Keval: 1/1 done · accuracy massgen 1.00 · spent $0.0000 · ETA 0s', '\n']);
  });

  it('durations', () => {
    expect(duration(42.4)).toBe('42s');
    expect(duration(65)).toBe('1m05s');
  });
});
