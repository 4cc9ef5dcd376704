import { describe, expect, it } from 'vitest';
import { parseVerdict } from '../../src/eval/judge.js';
import { answerKey, extractChoice, extractNumber, scoreText } from '../../src/eval/scorers.js';
import { majorityAnswer } from '../../src/eval/systems.js';
import type { ScorerName } from '../../src/eval/task.js';

const task = (name: ScorerName, answers: string[], tolerance?: number) => ({
  answers,
  scoring: { name, ...(tolerance === undefined ? {} : { tolerance }) },
});

describe('scorers', () => {
  it.each([
    ['exact', ['Paris'], ' Paris ', 1],
    ['exact', ['Paris'], 'paris', 0],
    ['normalized', ['Paris'], 'PARIS!', 1],
    ['normalized', ['New York'], 'The answer is: new   york.', 1],
    ['normalized', ['Paris'], 'I think it is Paris', 0],
    ['contains', ['Paris'], 'I think it is Paris.', 1],
    ['numeric', ['42'], 'So 40 + 2 gives\n#### 42', 1],
    ['numeric', ['1007'], 'the answer is 1,007 apples', 1],
    ['numeric', ['3.14'], '\\boxed{3.1416}', 0],
    ['regex', ['^(yes|yeah)\\b'], 'Yeah, sure', 1],
    ['choice', ['C'], 'Answer: (C) seven', 1],
    ['choice', ['C'], 'B. six', 0],
  ] as const)('%s %j scores %j as %i', (name, answers, text, score) => {
    expect(scoreText(task(name, [...answers]), text)).toBe(score);
  });

  it('numeric tolerance', () => {
    expect(scoreText(task('numeric', ['3.14'], 0.01), '\\boxed{3.1416}')).toBe(1);
  });

  it('extracts numbers and letters as models state them', () => {
    expect(extractNumber('gpt-4o-mini worked it out: the answer is 57')).toBe(57);
    expect(extractNumber('Steps: 3 then 4, so 7')).toBe(7);
    expect(extractNumber('no number')).toBeUndefined();
    expect(extractChoice('The final answer is D')).toBe('D');
    expect(extractChoice('(B)')).toBe('B');
    expect(extractChoice('I would pick A.')).toBe('A');
  });

  it('majority counts answers as the scorer compares them; a tie goes to the first agent', () => {
    const spec = { name: 'numeric' as const };
    const of = (...answers: string[]) => answers.map((answer, i) => ({ agent: `a${i}`, answer }));
    expect(
      majorityAnswer(spec, of('x says the answer is 5', 'answer is 7', 'y: the answer is 7'))?.agent,
    ).toBe('a1');
    expect(majorityAnswer(spec, of('the answer is 1', 'the answer is 2', 'the answer is 3'))?.agent).toBe(
      'a0',
    );
    expect(majorityAnswer(spec, of('', 'the answer is 2'))?.agent).toBe('a1');
    expect(majorityAnswer(spec, of('', ''))).toBeUndefined();
    expect(answerKey({ name: 'choice' }, 'Answer: b')).toBe('B');
  });

  it('reads a judge verdict', () => {
    expect(parseVerdict('Looks right.\nVERDICT: CORRECT')).toBe(1);
    expect(parseVerdict('VERDICT: **INCORRECT**')).toBe(0);
    expect(parseVerdict('VERDICT: CORRECT\nSCORE: 0.5')).toBe(0.5);
    expect(parseVerdict('no idea')).toBeUndefined();
  });
});
