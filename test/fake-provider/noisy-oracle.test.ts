import { describe, expect, it } from 'vitest';
import { noisyOracle, oracleAnswer, oracleCorrect } from './noisy-oracle.js';
import type { FakeMessage, FakeRequest } from './scenario.js';

const Q = 'Task 1: what is 2 + 3?';
const request = (model: string, messages: FakeMessage[], tools: string[] = []): FakeRequest => ({
  protocol: 'responses',
  path: '/v1/responses',
  model,
  stream: true,
  system: '',
  messages,
  lastUserText: messages.findLast((m) => m.role === 'user')?.text ?? '',
  tools: tools.map((name) => ({ name })),
  providerTools: [],
  body: {},
  headers: {},
  index: 0,
});
const user = (text: string): FakeMessage => ({ role: 'user', text });
const coordination = (answers: string) =>
  user(
    `<ORIGINAL MESSAGE> ${Q} <END OF ORIGINAL MESSAGE>\n\n<CURRENT ANSWERS from the agents>\n${answers}\n<END OF CURRENT ANSWERS>`,
  );

describe('noisy oracle scenario', () => {
  it('is deterministic per question and model, right about as often as asked', () => {
    const questions = Array.from({ length: 2000 }, (_, i) => `q${i}`);
    const right = questions.filter((q) => oracleCorrect(q, 'm', 0.3)).length;
    expect(Math.abs(right / 2000 - 0.3)).toBeLessThan(0.05);
    expect(oracleAnswer('q1', '5', 'm', 1)).toBe('5');
    expect(oracleAnswer('q1', '5', 'm', 0)).not.toBe('5');
    expect(oracleAnswer('q1', '5', 'm', 0)).toBe(oracleAnswer('q1', '5', 'm', 0));
  });

  it('answers once, then votes for the most common answer; the presenter states it', async () => {
    const oracle = noisyOracle({ answers: { [Q]: '5' }, accuracy: { good: 1, bad: 0 } });
    const first = await oracle(
      request('good', [coordination('(no answers available yet)')], ['new_answer', 'vote']),
    );
    expect(first.toolCalls).toEqual([
      { name: 'new_answer', args: { content: 'good worked it out: the answer is 5' } },
    ]);
    const wrong = oracleAnswer(Q, '5', 'bad', 0);
    const shown = [
      `<agent1> bad worked it out: the answer is ${wrong} <end of agent1>`,
      '<agent2> good worked it out: the answer is 5 <end of agent2>',
      '<agent3> good2 worked it out: the answer is 5 <end of agent3>',
    ].join('\n\n');
    const vote = await oracle(request('good', [coordination(shown)], ['new_answer', 'vote']));
    expect(vote.toolCalls).toEqual([
      { name: 'vote', args: { agent_id: 'agent2', reason: 'Most agents agree.' } },
    ]);
    const present = await oracle(request('bad', [coordination(shown)]));
    expect(present.text).toBe('bad worked it out: the answer is 5');
    const alone = await oracle(request('bad', [user(Q)]));
    expect(alone.text).toBe(`bad worked it out: the answer is ${wrong}`);
  });
});
