import { describe, expect, it } from 'vitest';
import { demonstrationsOf, systemMessageWith } from '../../src/optimize/demonstrations.js';

describe('systemMessageWith', () => {
  it('puts the demonstrations after the instruction', () => {
    expect(
      systemMessageWith(' Be brief. ', [
        { question: 'What is 2 + 2?', answer: '4' },
        { question: 'What is 3 + 3?', answer: ' 6 ' },
      ]),
    ).toBe(
      'Be brief.\n\nExamples of questions and the answers expected:\n\nQuestion: What is 2 + 2?\nAnswer: 4\n\nQuestion: What is 3 + 3?\nAnswer: 6',
    );
  });

  it('is the instruction alone without demonstrations, and the examples alone without an instruction', () => {
    expect(systemMessageWith('Be brief.', [])).toBe('Be brief.');
    expect(systemMessageWith('', [{ question: 'q', answer: 'a' }])).toBe(
      'Examples of questions and the answers expected:\n\nQuestion: q\nAnswer: a',
    );
  });
});

describe('demonstrationsOf', () => {
  it('takes the string question/answer traces, each question once, at most `max`', () => {
    const demos = [
      {
        traces: [
          { question: 'q1', answer: 'a1' },
          { question: 'q2', answer: 2 },
          { question: 'q1', answer: 'again' },
        ],
      },
      {
        traces: [
          { question: 'q3', answer: 'a3' },
          { question: 'q4', answer: 'a4' },
        ],
      },
    ];
    expect(demonstrationsOf(demos, 2)).toEqual([
      { question: 'q1', answer: 'a1' },
      { question: 'q3', answer: 'a3' },
    ]);
    expect(demonstrationsOf(undefined, 4)).toEqual([]);
  });
});
