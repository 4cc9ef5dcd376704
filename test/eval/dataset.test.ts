import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../src/eval/csv.js';
import { loadDataset } from '../../src/eval/dataset.js';
import { DatasetError } from '../../src/eval/errors.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'massgen-dataset-'));
const write = (name: string, text: string) => {
  const file = path.join(dir, name);
  writeFileSync(file, text);
  return file;
};
const jsonl = (...records: unknown[]) => records.map((r) => JSON.stringify(r)).join('\n');

async function problems(file: string): Promise<string[]> {
  try {
    await loadDataset(file);
  } catch (error) {
    expect(DatasetError.isInstance(error)).toBe(true);
    return (error as DatasetError).issues.map((i) => `${i.path}: ${i.message}`);
  }
  throw new Error('no error');
}

describe('dataset loading', () => {
  it('reads the three shapes: multiple choice, GSM8K-style math, short answer; messages; metadata', async () => {
    const file = write(
      'mixed.jsonl',
      jsonl(
        { id: 'mc', question: 'Which is a prime?', choices: ['4', '6', '7', '9'], answer: 'C' },
        { id: 'mc-index', question: 'Pick the second', choices: ['x', 'y'], answer: 1 },
        { id: 'mc-text', question: 'Pick y', choices: { A: 'x', B: 'y' }, answer: 'y' },
        { id: 'gsm', question: 'Tom has 3 apples…', answer: 'He has 3+4=7 apples.\n#### 1,007' },
        { id: 'qa', question: 'Capital of France?', answers: ['Paris', 'paris, france'] },
        {
          id: 'chat',
          messages: [
            { role: 'user', content: 'Hi' },
            { role: 'assistant', content: 'Hello' },
            { role: 'user', content: 'And 2+2?' },
          ],
          answer: 4,
        },
        { question: 'no id', answer: '3.1', scoring: { name: 'numeric', tolerance: 0.5 }, source: 'book' },
      ),
    );
    const tasks = await loadDataset(file);
    expect(tasks.map((t) => [t.id, t.scoring.name, t.answers, t.line])).toEqual([
      ['mc', 'choice', ['C'], 1],
      ['mc-index', 'choice', ['B'], 2],
      ['mc-text', 'choice', ['B'], 3],
      ['gsm', 'numeric', ['1007'], 4],
      ['qa', 'normalized', ['Paris', 'paris, france'], 5],
      ['chat', 'numeric', ['4'], 6],
      ['line-7', 'numeric', ['3.1'], 7],
    ]);
    expect(tasks[0]!.question).toBe(
      'Which is a prime?\n\nA. 4\nB. 6\nC. 7\nD. 9\n\nAnswer with the letter of the correct choice.',
    );
    expect(tasks[5]!.question).toBe('And 2+2?');
    expect(tasks[5]!.history).toEqual([
      { role: 'user', content: 'Hi' },
      { role: 'assistant', content: 'Hello' },
    ]);
    expect(tasks[6]!.scoring).toEqual({ name: 'numeric', tolerance: 0.5 });
    expect(tasks[6]!.metadata).toEqual({ source: 'book' });
  });

  it('a dataset scorer applies to tasks that choose none', async () => {
    const file = write(
      'qa.jsonl',
      jsonl(
        { id: 'a', question: 'q', answer: 'Paris' },
        { id: 'b', question: 'q', answer: 'x', scoring: 'exact' },
      ),
    );
    const tasks = await loadDataset(file, { scoring: 'contains' });
    expect(tasks.map((t) => t.scoring.name)).toEqual(['contains', 'exact']);
  });

  it('names every bad line and its problem', async () => {
    const file = write(
      'bad.jsonl',
      [
        '{"id": "ok", "question": "q", "answer": "a"}',
        '[1, 2]',
        '{"id": "ok", "question": "q", "answer": "a"}',
        '{"id": "mc", "question": "q", "choices": ["a", "b"], "answer": "E"}',
        '{"id": "re", "question": "q", "answer": "(", "scoring": "regex"}',
        '{"id": "n", "question": "q", "answer": "Paris", "scoring": "numeric"}',
        '{"id": "m", "messages": [{"role": "assistant", "content": "x"}], "answer": "a"}',
        '{"id": "t", "question": "q", "answer": "1", "scoring": {"name": "numeric", "tolerance": -1}}',
      ].join('\n'),
    );
    expect(await problems(file)).toEqual([
      'line 2: the line is not a JSON object',
      'line 3: duplicate id "ok" (also on line 1)',
      'line 4: the answer "E" names none of the 2 choices',
      expect.stringMatching(/^line 5: the regex "\(" does not compile/),
      'line 6: numeric scoring needs a number as reference, got "Paris"',
      'line 7: the last of `messages` must be a user message',
      'line 8: tolerance must be a non-negative number, got -1',
    ]);
  });

  it('reads CSV: quoted fields over lines, MMLU-style A–D columns, `|` lists, line numbers', async () => {
    const file = write(
      'tasks.csv',
      'id,question,A,B,C,D,answer\r\nq1,"Which, of these,\nis red?",sky,blood,grass,snow,B\r\nq2,Plain?,yes,no,,,A\n',
    );
    const tasks = await loadDataset(file);
    expect(tasks.map((t) => [t.id, t.choices, t.answers, t.line])).toEqual([
      ['q1', ['sky', 'blood', 'grass', 'snow'], ['B'], 2],
      ['q2', ['yes', 'no'], ['A'], 4],
    ]);
    expect(tasks[0]!.question.startsWith('Which, of these,\nis red?\n\nA. sky')).toBe(true);
    const short = write('short.csv', 'id,question,answers\na,Capital of Italy?,Rome|Roma\nb,oops\n');
    expect(await problems(short)).toEqual(['line 3: 2 fields where the header has 3']);
  });

  it('parses CSV quotes', () => {
    expect(parseCsv('a,"b ""c""",d\n\ne\n')).toEqual([
      { line: 1, fields: ['a', 'b "c"', 'd'] },
      { line: 3, fields: ['e'] },
    ]);
  });
});

describe('the sample datasets of examples/eval', () => {
  it('load with the scorers their shapes choose', async () => {
    const root = path.resolve(import.meta.dirname, '../../examples/eval');
    const jsonlTasks = await loadDataset(path.join(root, 'tasks.jsonl'));
    expect(jsonlTasks.map((t) => `${t.id}:${t.scoring.name}:${t.answers[0]}`)).toEqual([
      'math-1:numeric:26',
      'math-2:numeric:66',
      'math-3:numeric:84',
      'math-4:numeric:91',
      'mc-1:choice:B',
      'mc-2:choice:C',
      'mc-3:choice:C',
      'mc-4:choice:D',
      'qa-1:normalized:Canberra',
      'qa-2:normalized:Gabriel García Márquez',
      'qa-3:exact:W',
      'qa-4:contains:Amazon',
    ]);
    const csvTasks = await loadDataset(path.join(root, 'mmlu-style.csv'));
    expect(csvTasks.map((t) => `${t.id}:${t.scoring.name}:${t.answers[0]}:${t.choices?.length}`)).toEqual([
      'cs-1:choice:B:4',
      'cs-2:choice:A:4',
      'cs-3:choice:C:4',
      'cs-4:choice:C:4',
    ]);
  });
});
