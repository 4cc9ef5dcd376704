import { describe, expect, it } from 'vitest';
import { automationPrinter } from '../../src/ui/automation-printer.js';
import { plainPrinter } from '../../src/ui/plain-printer.js';
import { runTotals } from '../../src/ui/tui/state.js';
import { summaryLines } from '../../src/ui/tui/summary.js';
import { bufferText } from '../../src/ui/tui/text-buffer.js';
import { automationUsageLines, plainUsageLines } from '../../src/ui/usage-summary.js';
import { ev, runStart, viewOf } from './helpers.js';

const paraphrased = () =>
  ev({
    type: 'question-paraphrased',
    variants: ['Which is it?', 'Say which one.'],
    assignments: { a: 'Which is it?', b: 'Say which one.' },
    dropped: 1,
    cached: false,
    backend: 'openai',
    model: 'gpt-4o-mini',
    calls: 4,
    usage: { inputTokens: 400, outputTokens: 40 },
  });

describe('budget and paraphrase in the displays', () => {
  it('the terminal UI shows each agent its variant and a budget stop in the summary', () => {
    const view = viewOf([
      runStart(['a', 'b']),
      paraphrased(),
      ev({ type: 'run-end', status: 'budget', winner: 'a', finalAnswer: 'x', durationMs: 1000 }),
    ]);
    expect(bufferText(view.agents.a!.output)).toContain('↻ paraphrase: Which is it?');
    expect(bufferText(view.agents.b!.output)).toContain('↻ paraphrase: Say which one.');
    expect(summaryLines(view)[0]).toMatch(/ · stopped at its budget in /);
    // The paraphrasing's 440 tokens are in the run's total (unpriced here: no pricer given).
    expect(runTotals(view)).toEqual({ tokens: 440, cost: undefined, unpriced: true });
  });

  it('the plain and automation printers print the variants and the budget status', () => {
    const plain: string[] = [];
    const print = plainPrinter({ write: (t) => plain.push(t) });
    const auto: string[] = [];
    const autoPrint = automationPrinter({ write: (l) => auto.push(l) });
    for (const e of [
      runStart(['a', 'b']),
      paraphrased(),
      ev({ type: 'run-end', status: 'budget', winner: 'a', finalAnswer: 'x', durationMs: 1000 }),
    ]) {
      print(e);
      autoPrint(e);
    }
    expect(auto).toContain('PARAPHRASE: a: Which is it?');
    expect(auto).toContain('PARAPHRASE: b: Say which one.');
    expect(auto).toContain('STATUS_FINAL: budget');
    const text = plain.join('');
    expect(text).toContain('↻ Question paraphrased: 2 variant(s) (1 dropped as not equivalent)');
    expect(text).toContain('  [b] Say which one.');
    expect(text).toContain('Done: stopped at its budget in 1.0s');
  });

  it('prints usage lines from the outcome', () => {
    const totals = (input: number, cost: number, unpriced = 0) => ({
      inputTokens: input,
      outputTokens: 10,
      reasoningTokens: 0,
      cachedInputTokens: 0,
      calls: 2,
      costUsd: cost,
      unpricedCalls: unpriced,
    });
    const usage = { total: totals(300, 0.1 + 0.2, 1), agents: { a: totals(300, 0.3, 1) } };
    expect(automationUsageLines(usage)).toEqual([
      'TOKENS: input=300 output=10 reasoning=0 cached=0 calls=2',
      'COST_USD: 0.3',
      'UNPRICED_CALLS: 1',
    ]);
    expect(plainUsageLines(usage)).toEqual([
      'Usage: 310 tokens (300 in, 10 out) · $0.3000 + 1 unpriced call(s)',
      '  a: 310 tokens (300 in, 10 out) · $0.3000 + 1 unpriced call(s)',
    ]);
  });
});
