import { describe, expect, it } from 'vitest';
import { type ChatHooks, runChat } from '../../src/patterns/chat.js';
import { ChatModel } from '../../src/patterns/chat-model.js';
import { summarizeChat } from '../../src/patterns/summary.js';
import { hasKeyword, stripKeyword } from '../../src/patterns/termination.js';
import { type ChatMember, type ChatSpec, NULL_SINK } from '../../src/patterns/types.js';
import { callLog, member } from './support.js';

function spec(members: ChatMember[], extra: Partial<ChatSpec> = {}): ChatSpec {
  return {
    kind: 'group_chat',
    owner: 'run',
    members,
    order: { kind: 'round_robin' },
    maxRounds: 2,
    terminationKeyword: 'TERMINATE',
    summaryMethod: 'last_message',
    ...extra,
  };
}

/** Hooks that record messages, notices and failures; text goes per speaker into `texts`. */
function recorder() {
  const messages: Array<[string, string]> = [];
  const notices: string[] = [];
  const failures: string[] = [];
  const texts = new Map<string, string>();
  const hooks: ChatHooks = {
    sink: (m) => ({
      ...NULL_SINK,
      text: (d) => texts.set(m.id, (texts.get(m.id) ?? '') + d),
    }),
    message: (m, text) => messages.push([m.id, text]),
    notice: (level, message) => notices.push(`${level}: ${message}`),
    failure: (m, f) => failures.push(`${m.id} ${f.failures}${f.dropped ? ' dropped' : ''}: ${f.message}`),
  };
  return { hooks, messages, notices, failures, texts };
}

const signal = () => new AbortController().signal;

describe('termination keyword', () => {
  it('matches whole words only and is stripped', () => {
    expect(hasKeyword('All done. TERMINATE', 'TERMINATE')).toBe(true);
    expect(hasKeyword('TERMINATED early', 'TERMINATE')).toBe(false);
    expect(hasKeyword('anything', undefined)).toBe(false);
    expect(stripKeyword('All done.\nTERMINATE', 'TERMINATE')).toBe('All done.');
  });
});

describe('round robin', () => {
  it('speaks in config order from the initial agent, once per round, for max_rounds rounds', async () => {
    const log = callLog();
    const members = ['a', 'b', 'c'].map((id) => member(id, log));
    const r = recorder();
    const outcome = await runChat({
      spec: spec(members, { initialAgent: 'b' }),
      task: 'TASK-1',
      signal: signal(),
      hooks: r.hooks,
    });
    expect(log.speakers()).toEqual(['b', 'c', 'a', 'b', 'c', 'a']);
    expect(outcome.end).toBe('max_rounds');
    expect(outcome.transcript).toHaveLength(6);
    expect(r.notices).toEqual(['info: the chat reached max_rounds (2) after 6 message(s)']);
    // Each speaker sees the task, the transcript so far and its own role.
    const third = log.calls[2]!;
    expect(third.user).toContain('TASK-1');
    expect(third.user).toContain('[b]: Message from b\n\n[c]: Message from c');
    expect(third.user).toContain('It is your turn, a.');
    expect(third.system).toContain('You are `a`');
    expect(third.system).toContain('Your role: a role.');
    expect(third.system).toContain('- b: b role');
    expect(log.calls.every((c) => c.tools.length === 0)).toBe(true);
  });

  it('ends when a message contains the termination keyword, which is stripped', async () => {
    const log = callLog();
    const members = [
      member('a', log),
      member('b', log, [{ text: 'Settled: 42. TERMINATE' }]),
      member('c', log),
    ];
    const r = recorder();
    const outcome = await runChat({ spec: spec(members), task: 'T', signal: signal(), hooks: r.hooks });
    expect(log.speakers()).toEqual(['a', 'b']);
    expect(outcome.end).toBe('keyword');
    expect(r.messages).toEqual([
      ['a', 'Message from a'],
      ['b', 'Settled: 42.'],
    ]);
    expect(r.notices).toEqual(['info: b ended the chat with TERMINATE after 2 message(s)']);
  });

  it('a bare keyword ends the chat without a message', async () => {
    const log = callLog();
    const members = [member('a', log), member('b', log, [{ text: 'TERMINATE' }])];
    const outcome = await runChat({
      spec: spec(members),
      task: 'T',
      signal: signal(),
      hooks: recorder().hooks,
    });
    expect(outcome.transcript).toEqual([{ speaker: 'a', text: 'Message from a' }]);
  });

  it('skips a failing speaker and drops it after 3 consecutive failures', async () => {
    const log = callLog();
    const broken = member('b', log, [{ error: new Error('boom') }]);
    const members = [member('a', log), broken];
    const r = recorder();
    const outcome = await runChat({
      spec: spec(members, { maxRounds: 5 }),
      task: 'T',
      signal: signal(),
      hooks: r.hooks,
    });
    expect(r.failures).toEqual(['b 1: boom', 'b 2: boom', 'b 3 dropped: boom']);
    expect(log.speakers()).toEqual(['a', 'b', 'a', 'b', 'a', 'b', 'a', 'a']);
    expect(outcome.dropped.has('b')).toBe(true);
  });

  it('times out a turn after turnTimeoutMs and goes on', async () => {
    const log = callLog();
    const members = [member('a', log, [{ text: 'slow', delayMs: 500 }, { text: 'fast' }]), member('b', log)];
    const r = recorder();
    const outcome = await runChat({
      spec: spec(members, { maxRounds: 1 }),
      task: 'T',
      signal: signal(),
      turnTimeoutMs: 50,
      hooks: r.hooks,
    });
    expect(r.failures).toEqual(['a 1: timed out after 0.05s']);
    expect(outcome.transcript.map((t) => t.speaker)).toEqual(['b']);
  });
});

describe('auto', () => {
  const pick = (agent_id: string) => ({
    toolCalls: [{ name: 'select_speaker', args: { agent_id, reason: `${agent_id} fits` } }],
  });

  it('follows the selector, falling back to round-robin order on an invalid reply', async () => {
    const log = callLog();
    const members = ['a', 'b', 'c'].map((id) => member(id, log));
    const selector = member('sel', log, [pick('c'), pick('nobody'), { text: 'no tool call' }, pick('a')]);
    const r = recorder();
    const outcome = await runChat({
      spec: spec(members, { order: { kind: 'auto', selector }, maxRounds: 2, initialAgent: 'b' }),
      task: 'T',
      signal: signal(),
      hooks: r.hooks,
    });
    // b first (initial), c (chosen), a (invalid → after c), b (no tool call → after a), then a, a.
    expect(log.speakers()).toEqual(['b', 'c', 'a', 'b', 'a', 'a']);
    expect(outcome.transcript).toHaveLength(6);
    expect(r.notices[0]).toBe('info: selector chose c: c fits');
    expect(r.notices[1]).toMatch(
      /^warning: speaker selection failed \(the selector chose "nobody", not one of a, b, c\); a speaks next/,
    );
    expect(r.notices[2]).toMatch(
      /^warning: speaker selection failed \(the selector did not call select_speaker\); b speaks next/,
    );
    const selectorCall = log.calls.find((c) => c.member === 'sel')!;
    expect(selectorCall.tools).toEqual(['select_speaker']);
    expect(selectorCall.system).toContain('- a: a role');
    expect(selectorCall.user).toContain('[b]: Message from b');
  });

  it('stops after max_rounds × agents turns', async () => {
    const log = callLog();
    const members = ['a', 'b'].map((id) => member(id, log));
    const selector = member('sel', log, [pick('a')]);
    await runChat({
      spec: spec(members, { order: { kind: 'auto', selector }, maxRounds: 2 }),
      task: 'T',
      signal: signal(),
      hooks: recorder().hooks,
    });
    expect(log.speakers()).toEqual(['a', 'a', 'a', 'a']);
  });
});

describe('nested chat as a speaker', () => {
  it('runs the inner sequence on the outer context; its summary is the message', async () => {
    const log = callLog();
    const self = member('writer', log, [{ text: 'draft' }, { text: 'final draft' }]);
    const critic = member('critic', log, [{ text: 'too vague' }]);
    const inner: ChatSpec = {
      kind: 'nested_chat',
      owner: 'writer',
      members: [self, critic],
      order: { kind: 'sequence', sequence: ['writer', 'critic', 'writer'] },
      maxRounds: 1,
      summaryMethod: 'last_message',
      self: 'writer',
    };
    const outer = [member('other', log), { ...self, model: new ChatModel('writer, critic', inner) }];
    const r = recorder();
    await runChat({ spec: spec(outer, { maxRounds: 1 }), task: 'OUTER', signal: signal(), hooks: r.hooks });
    expect(log.speakers()).toEqual(['other', 'writer', 'critic', 'writer']);
    expect(r.messages).toEqual([
      ['other', 'Message from other'],
      ['writer', 'final draft'],
    ]);
    expect(r.texts.get('writer')).toBe(
      '**[writer]** draft\n\n**[critic]** too vague\n\n**[writer]** final draft',
    );
    const criticCall = log.calls.find((c) => c.member === 'critic')!;
    expect(criticCall.user).toContain('OUTER');
    expect(criticCall.user).toContain('[other]: Message from other');
    expect(criticCall.user).toContain('[writer]: draft');
  });

  it('with llm_summary, the agent itself summarises the inner chat', async () => {
    const log = callLog();
    const self = member('writer', log, [{ text: 'draft' }, { text: 'the summary' }]);
    const critic = member('critic', log, [{ text: 'fine' }]);
    const inner: ChatSpec = {
      kind: 'nested_chat',
      owner: 'writer',
      members: [self, critic],
      order: { kind: 'sequence', sequence: ['writer', 'critic'] },
      maxRounds: 1,
      summaryMethod: 'llm_summary',
      self: 'writer',
    };
    const r = recorder();
    await runChat({
      spec: spec([{ ...self, model: new ChatModel('x', inner) }, member('b', log)], { maxRounds: 1 }),
      task: 'T',
      signal: signal(),
      hooks: r.hooks,
    });
    expect(r.messages[0]).toEqual(['writer', 'the summary']);
    expect(log.calls[2]!.system).toContain('## Summary');
    expect(log.calls[2]!.user).toContain('[writer]: draft\n\n[critic]: fine');
  });
});

describe('summary methods', () => {
  const transcript = [
    { speaker: 'a', text: 'first' },
    { speaker: 'b', text: 'second' },
  ];

  it('last_message is the last message and its speaker', async () => {
    const log = callLog();
    const s = await summarizeChat({
      spec: spec([member('a', log), member('b', log)]),
      task: 'T',
      transcript,
      signal: signal(),
      sink: NULL_SINK,
    });
    expect(s).toEqual({ text: 'second', writer: 'b' });
    expect(log.calls).toHaveLength(0);
  });

  it('llm_summary is written by the summary agent from the whole transcript', async () => {
    const log = callLog();
    const s = await summarizeChat({
      spec: spec([member('a', log), member('b', log, [{ text: 'Summary!' }])], {
        summaryMethod: 'llm_summary',
        summaryAgent: 'b',
      }),
      task: 'TASK',
      transcript,
      signal: signal(),
      sink: NULL_SINK,
    });
    expect(s).toMatchObject({ text: 'Summary!', writer: 'b' });
    expect(log.calls[0]!.user).toContain('TASK');
    expect(log.calls[0]!.user).toContain('[a]: first\n\n[b]: second');
  });

  it('llm_summary falls back to the last message when the writer fails', async () => {
    const log = callLog();
    const s = await summarizeChat({
      spec: spec([member('a', log, [{ error: new Error('down') }]), member('b', log)], {
        summaryMethod: 'llm_summary',
      }),
      task: 'T',
      transcript,
      signal: signal(),
      sink: NULL_SINK,
    });
    expect(s).toEqual({ text: 'second', writer: 'b', fallback: 'the summary by a failed (down)' });
  });
});

describe('budget', () => {
  /** A gate allowing `turns` gate checks, recording how many calls each check asked room for. */
  function gate(turns: number) {
    const asked: number[] = [];
    return {
      asked,
      gate: {
        limits: { maxTokens: 1000 },
        spent: () => ({ costUsd: 0, tokens: 100 * asked.length, calls: asked.length }),
        allows: (calls: number) => asked.push(calls) <= turns,
      },
    };
  }

  it('starts no turn the budget refuses, keeping room for the summary after the chat', async () => {
    const log = callLog();
    const members = ['a', 'b', 'c'].map((id) => member(id, log));
    const r = recorder();
    const budget = gate(2);
    const outcome = await runChat({
      spec: spec(members),
      task: 'T',
      signal: signal(),
      hooks: r.hooks,
      budget: { gate: budget.gate, reserve: 1 },
    });
    expect(log.speakers()).toEqual(['a', 'b']);
    expect(budget.asked).toEqual([2, 2, 2]);
    expect(outcome.end).toBe('budget');
    expect(r.notices).toEqual([
      'warning: Budget reached (300 of 1000 tokens): no new turn starts after 2 message(s).',
    ]);
  });

  it('auto: a later turn needs room for the speaker selection before it too', async () => {
    const log = callLog();
    const members = ['a', 'b'].map((id) => member(id, log));
    const selector = member('sel', log, [
      { toolCalls: [{ name: 'select_speaker', args: { agent_id: 'b', reason: 'b fits' } }] },
    ]);
    const budget = gate(2);
    const outcome = await runChat({
      spec: spec(members, { order: { kind: 'auto', selector } }),
      task: 'T',
      signal: signal(),
      hooks: recorder().hooks,
      budget: { gate: budget.gate, reserve: 0 },
    });
    expect(log.speakers()).toEqual(['a', 'b']);
    expect(log.calls.filter((c) => c.member === 'sel')).toHaveLength(1);
    expect(budget.asked).toEqual([1, 2, 2]);
    expect(outcome.end).toBe('budget');
  });

  it('each speaker reads its own task when one is given', async () => {
    const log = callLog();
    const members = ['a', 'b'].map((id) => member(id, log));
    await runChat({
      spec: spec(members, { maxRounds: 1 }),
      task: 'THE TASK',
      speakerTasks: { b: 'B TASK' },
      signal: signal(),
      hooks: recorder().hooks,
    });
    expect(log.calls[0]!.user.startsWith('THE TASK\n\n')).toBe(true);
    expect(log.calls[1]!.user.startsWith('B TASK\n\n')).toBe(true);
  });
});
