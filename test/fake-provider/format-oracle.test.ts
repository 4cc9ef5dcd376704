import { describe, expect, it } from 'vitest';
import { demonstrated, formatOracle, sentence } from './format-oracle.js';
import type { FakeMessage, FakeRequest } from './scenario.js';

const answers = { 'What is 2 + 2?': '4', 'What is 3 + 3?': '6' };
const request = (system: string, messages: Array<Pick<FakeMessage, 'role' | 'text'>>, tools: string[] = []) =>
  ({
    system,
    messages,
    lastUserText: messages.filter((m) => m.role === 'user').at(-1)?.text ?? '',
    tools: tools.map((name) => ({ name })),
    model: 'm',
  }) as unknown as FakeRequest;

describe('format oracle', () => {
  it('counts a demonstration only when it is a known task with its correct answer', () => {
    expect(demonstrated(request('Be brief.\n\nQuestion: What is 2 + 2?\nAnswer: 4', []), answers)).toBe(true);
    expect(demonstrated(request('Question: What is 2 + 2?\nAnswer: 4.', []), answers)).toBe(true);
    expect(demonstrated(request('Question: What is 2 + 2?\nAnswer: 5', []), answers)).toBe(false);
    expect(demonstrated(request('Question: What is 9 + 9?\nAnswer: 18', []), answers)).toBe(false);
    const turns = [
      { role: 'user' as const, text: 'Question: What is 3 + 3?' },
      { role: 'assistant' as const, text: 'Answer: 6' },
      { role: 'user' as const, text: 'Question: What is 2 + 2?' },
    ];
    expect(demonstrated(request('', turns), answers)).toBe(true);
  });

  it('answers bare with a demonstration and in a sentence without one, in MassGen’s and Ax’s forms', () => {
    const scenario = formatOracle({ answers });
    const ask = [{ role: 'user' as const, text: 'What is 2 + 2?' }];
    expect(scenario(request('', ask)).text).toBe(sentence('4'));
    expect(scenario(request('Question: What is 3 + 3?\nAnswer: 6', ask)).text).toBe('4');
    const axSystem = '<output_fields>\nAnswer (wire key: `answer`): …\n</output_fields>';
    const axAsk = [{ role: 'user' as const, text: 'Question: What is 2 + 2?' }];
    expect(scenario(request(axSystem, axAsk)).text).toBe(`Answer: ${sentence('4')}`);
    expect(scenario(request(`${axSystem}\nQuestion: What is 3 + 3?\nAnswer: 6`, axAsk)).text).toBe(
      'Answer: 4',
    );
    expect(scenario(request('', ask, ['new_answer', 'vote'])).toolCalls).toEqual([
      { name: 'new_answer', args: { content: sentence('4') } },
    ]);
  });

  it('proposes an instruction with a worked example from the examples it is shown when asked to reflect', () => {
    const system = '<output_fields>\nNew Value (wire key: `newValue`): …\n</output_fields>';
    const shown = [
      {
        role: 'user' as const,
        text: 'Minibatch: [{"input": {"question": "What is 3 + 3?", "answer": "6"}}]',
      },
    ];
    expect(formatOracle({ answers })(request(system, shown)).text).toBe(
      'newValue: State the result alone, as in this example.\nQuestion: What is 3 + 3?\nAnswer: 6',
    );
  });
});
