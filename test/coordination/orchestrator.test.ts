import { APICallError } from '@ai-sdk/provider';
import { describe, expect, it } from 'vitest';
import { setup } from '../support/run-setup.js';
import {
  consensusResponder,
  isPresentation,
  labelsIn,
  promptText,
  type Responder,
  runtime,
} from '../support/scripted-model.js';

const apiError = (status: number) =>
  new APICallError({
    message: `HTTP ${status}`,
    url: 'http://fake',
    requestBodyValues: {},
    statusCode: status,
    isRetryable: status === 429 || status >= 500,
  });

describe('orchestrator', () => {
  it('three agents reach consensus and the winner presents', async () => {
    const agents = ['a', 'b', 'c'].map((id, i) => runtime(id, i, consensusResponder(id)));
    const t = setup(agents);
    const result = await t.run();
    expect(result.status).toBe('completed');
    expect(result.winner).toBe('a');
    expect(result.finalAnswer).toBe('Final answer by a');
    const calls = agents.reduce((n, a) => n + a.mock.doStreamCalls.length, 0);
    // A clean consensus: N answers, N votes, one presentation.
    expect(calls).toBe(7);
    expect(Object.keys(result.answers).sort()).toEqual(['a', 'b', 'c']);
    expect(t.of('winner')[0]).toMatchObject({ agentId: 'a', by: 'votes' });
    expect(t.events.at(-1)).toMatchObject({ type: 'run-end', status: 'completed', winner: 'a' });
    const seqs = t.events.map((e) => e.seq);
    expect(seqs).toEqual([...seqs].sort((x, y) => x - y));
  });

  it('makes exactly 2N+1 calls when answers arrive before anyone votes', async () => {
    // Each agent answers at once; voting waits until every answer is in, so no vote goes stale.
    const gate: Responder = (prompt, _call, options) => {
      if (isPresentation(options)) return { text: 'final' };
      const labels = labelsIn(prompt);
      if (labels.length === 0)
        return { toolCalls: [{ name: 'new_answer', args: { content: `x${Math.random()}` } }] };
      return { toolCalls: [{ name: 'vote', args: { agent_id: 'agent1', reason: 'ok' } }] };
    };
    const agents = ['a', 'b', 'c'].map((id, i) => runtime(id, i, gate));
    const result = await setup(agents).run();
    expect(result.status).toBe('completed');
    expect(agents.reduce((n, a) => n + a.mock.doStreamCalls.length, 0)).toBe(7);
  });

  it('runs a single agent through answer, vote and presentation', async () => {
    const solo = runtime('solo', 0, consensusResponder('solo'));
    const t = setup([solo]);
    const result = await t.run();
    expect(result).toMatchObject({
      status: 'completed',
      winner: 'solo',
      finalAnswer: 'Final answer by solo',
    });
    expect(solo.mock.doStreamCalls).toHaveLength(3);
  });

  it('ignores a vote cast while a new answer arrived, and delivers the update to the voter', async () => {
    // a improves its answer while b is still writing its vote: b's vote, sent after a's improved
    // answer was accepted, is stale.
    let improved!: () => void;
    const accepted = new Promise<void>((resolve) => {
      improved = resolve;
    });
    const a = runtime('a', 0, (_prompt, call, options) => {
      if (isPresentation(options)) return { text: 'final a' };
      if (call === 0) return { toolCalls: [{ name: 'new_answer', args: { content: 'A1' } }] };
      if (call === 1) return { toolCalls: [{ name: 'new_answer', args: { content: 'A2 improved' } }] };
      return { toolCalls: [{ name: 'vote', args: { agent_id: 'agent1', reason: 'mine' } }] };
    });
    const bPrompts: string[] = [];
    const b = runtime('b', 1, async (prompt, call, options) => {
      bPrompts.push(promptText(prompt));
      if (isPresentation(options)) return { text: 'final b' };
      if (call === 0) return { toolCalls: [{ name: 'new_answer', args: { content: 'B answer' } }] };
      if (call === 1) {
        await accepted;
        return { toolCalls: [{ name: 'vote', args: { agent_id: 'agent1', reason: 'first' } }] };
      }
      return { toolCalls: [{ name: 'vote', args: { agent_id: 'agent1', reason: 'improved' } }] };
    });
    const t = setup([a, b]);
    t.options.channel.subscribe((e) => {
      if (e.type === 'answer' && e.content === 'A2 improved') improved();
    });
    const result = await t.run();
    expect(result).toMatchObject({ status: 'completed', winner: 'a' });
    expect(t.of('vote-ignored').filter((e) => e.agentId === 'b')).toHaveLength(1);
    expect(t.of('update-injected').filter((e) => e.agentId === 'b')).toMatchObject([
      { newAnswers: ['agent1.2'] },
    ]);
    // The model really received the new answer in the same conversation, after a tool result for its vote.
    expect(b.mock.doStreamCalls).toHaveLength(3);
    expect(bPrompts[2]).toContain('<NEW ANSWERS>');
    expect(bPrompts[2]).toContain('A2 improved');
    expect(bPrompts[2]).toContain('Vote not recorded');
    // Only votes against the current answers count.
    const lastAnswer = t.of('answer').at(-1)!.seq;
    expect(t.of('vote').filter((v) => v.seq > lastAnswer)).toHaveLength(2);
  });

  it('refuses an invalid vote label with a tool error and accepts the retry', async () => {
    const a = runtime('a', 0, consensusResponder('a'));
    const seen: string[] = [];
    const b = runtime('b', 1, (prompt, _call, options) => {
      seen.push(promptText(prompt));
      if (isPresentation(options)) return { text: 'final' };
      if (labelsIn(prompt).length === 0)
        return { toolCalls: [{ name: 'new_answer', args: { content: 'B' } }] };
      if (!seen.at(-1)!.includes('Invalid agent_id')) {
        return { toolCalls: [{ name: 'vote', args: { agent_id: 'agent7', reason: 'x' } }] };
      }
      return { toolCalls: [{ name: 'vote', args: { agent_id: 'agent1', reason: 'ok' } }] };
    });
    const t = setup([a, b]);
    const result = await t.run();
    expect(result.status).toBe('completed');
    const rejected = t.of('workflow-rejected').filter((e) => e.agentId === 'b');
    expect(rejected[0]?.message).toMatch(/agent7/);
  });

  it('tells an agent that answered in prose to call a workflow tool', async () => {
    const a = runtime('a', 0, (prompt, call, options) => {
      if (isPresentation(options)) return { text: 'final' };
      if (call === 0) return { text: 'I think it is 4.' };
      return consensusResponder('a')(prompt, call, options);
    });
    const t = setup([a]);
    const result = await t.run();
    expect(result.status).toBe('completed');
    expect(t.of('workflow-rejected')[0]).toMatchObject({ agentId: 'a', toolName: 'none', attempt: 1 });
    expect(promptText(a.mock.doStreamCalls[1]!.prompt)).toContain('Finish your work by calling');
  });

  it('refuses malformed tool arguments and lets the agent try again', async () => {
    const a = runtime('a', 0, (prompt, call, options) => {
      if (call === 0) return { toolCalls: [{ name: 'new_answer', args: '{"content": "unterminated' }] };
      return consensusResponder('a')(prompt, call, options);
    });
    const t = setup([a]);
    const result = await t.run();
    expect(result.status).toBe('completed');
    expect(t.of('workflow-rejected')[0]?.message).toMatch(/not valid/);
  });

  it('drops an agent that keeps failing and ends with the others', async () => {
    const bad = runtime('bad', 0, () => {
      throw apiError(500);
    });
    const good = ['g1', 'g2'].map((id, i) => runtime(id, i + 1, consensusResponder(id)));
    const t = setup([bad, ...good]);
    const result = await t.run();
    expect(result.status).toBe('completed');
    expect(result.winner).toBe('g1');
    expect(t.of('agent-error').filter((e) => e.agentId === 'bad')).toHaveLength(3);
    expect(t.of('agent-dropped')).toMatchObject([{ agentId: 'bad' }]);
  });

  it('drops an agent at once on an authentication error', async () => {
    const bad = runtime('bad', 0, () => {
      throw apiError(401);
    });
    const t = setup([bad, runtime('ok', 1, consensusResponder('ok'))]);
    const result = await t.run();
    expect(result.winner).toBe('ok');
    expect(t.of('agent-error').filter((e) => e.agentId === 'bad')).toHaveLength(1);
  });

  it('retries an agent whose stream broke and keeps its place', async () => {
    let broke = false;
    const flaky = runtime('flaky', 0, (prompt, call, options) => {
      if (!broke) {
        broke = true;
        return { text: 'partial', error: new Error('stream terminated') };
      }
      return consensusResponder('flaky')(prompt, call, options);
    });
    const t = setup([flaky, runtime('b', 1, consensusResponder('b'))]);
    const result = await t.run();
    expect(result.status).toBe('completed');
    expect(t.of('agent-error')).toMatchObject([{ agentId: 'flaky', willRetry: true }]);
    // The broken execution, then the retried one (b's answer is in by then: it votes for it).
    expect(t.of('agent-start').filter((e) => e.agentId === 'flaky')).toHaveLength(2);
    expect(t.of('vote').filter((e) => e.agentId === 'flaky')).toMatchObject([{ votedFor: 'b' }]);
  });

  it('times out a hanging agent, then drops it, while the others finish', async () => {
    const slow = runtime('slow', 0, () => ({ text: 'never', delayMs: 10_000 }));
    const t = setup([slow, runtime('b', 1, consensusResponder('b'))], { agentTimeoutMs: 60 });
    const result = await t.run();
    expect(result.winner).toBe('b');
    expect(t.of('agent-timeout').length).toBe(3);
    expect(t.of('agent-dropped')).toMatchObject([{ agentId: 'slow' }]);
  });

  it('on the run deadline uses the best answer so far', async () => {
    const a = runtime('a', 0, (prompt, call, options) => {
      if (call === 0) return consensusResponder('a')(prompt, call, options);
      return { text: 'thinking forever', delayMs: 10_000 };
    });
    const t = setup([a], { runTimeoutMs: 150 });
    const result = await t.run();
    expect(result).toMatchObject({ status: 'timeout', winner: 'a', finalAnswer: 'Answer by a' });
    expect(t.of('final-answer')[0]).toMatchObject({ fromStoredAnswer: true });
  });

  it('on the run deadline with no answer ends without a winner', async () => {
    const a = runtime('a', 0, () => ({ text: 'slow', delayMs: 10_000 }));
    const t = setup([a], { runTimeoutMs: 80 });
    const result = await t.run();
    expect(result.status).toBe('timeout');
    expect(result.winner).toBeUndefined();
    expect(t.of('winner')).toHaveLength(0);
  });

  it('an interrupt stops the run without asking for a presentation', async () => {
    const controller = new AbortController();
    const a = runtime('a', 0, () => ({ text: 'slow', delayMs: 10_000 }));
    const t = setup([a], { signal: controller.signal });
    t.options.channel.subscribe((e) => {
      if (e.type === 'agent-start') controller.abort();
    });
    const result = await t.run();
    expect(result.status).toBe('interrupted');
    expect(t.events.at(-1)).toMatchObject({ type: 'run-end', status: 'interrupted' });
  });

  it('falls back to the stored answer when the presentation fails', async () => {
    const a = runtime('a', 0, (prompt, call, options) => {
      if (isPresentation(options)) throw apiError(400);
      return consensusResponder('a')(prompt, call, options);
    });
    const t = setup([a]);
    const result = await t.run();
    expect(result).toMatchObject({ status: 'completed', finalAnswer: 'Answer by a' });
    expect(t.of('final-answer')[0]).toMatchObject({ fromStoredAnswer: true });
  });

  it('presents with every answer and the vote reasons', async () => {
    const agents = ['a', 'b'].map((id, i) => runtime(id, i, consensusResponder(id)));
    await setup(agents).run();
    const last = agents[0]!.mock.doStreamCalls.at(-1)!;
    const text = promptText(last.prompt);
    expect(text).toContain('Answer by a');
    expect(text).toContain('Answer by b');
    expect(text).toContain('agent2 voted for agent1: agent1 is right');
    expect(text).toContain('(YOUR ANSWER)');
  });

  it('with skip_coordination_rounds the first agent answers directly', async () => {
    const agents = ['a', 'b'].map((id, i) => runtime(id, i, consensusResponder(id)));
    const t = setup(agents, { skipCoordination: true });
    const result = await t.run();
    expect(result).toMatchObject({ status: 'completed', winner: 'a', finalAnswer: 'Final answer by a' });
    expect(agents[1]!.mock.doStreamCalls).toHaveLength(0);
  });

  it('never tells an agent its own label, not even when refusing a repeat of its own answer', async () => {
    const a = runtime('a', 0, consensusResponder('a'));
    // b answers, then repeats its own answer, then nearly repeats it, then votes.
    const b = runtime('b', 1, (_prompt, call, options) => {
      if (isPresentation(options)) return { text: 'Final by b' };
      const again = 'The answer is four, because two plus two makes four';
      if (call === 0) return { toolCalls: [{ name: 'new_answer', args: { content: again } }] };
      if (call === 1) return { toolCalls: [{ name: 'new_answer', args: { content: again } }] };
      if (call === 2) return { toolCalls: [{ name: 'new_answer', args: { content: `${again}!!` } }] };
      return { toolCalls: [{ name: 'vote', args: { agent_id: 'agent1', reason: 'fine' } }] };
    });
    const t = setup([a, b], { rules: { novelty: 'strict', maxAnswersPerAgent: null, maxFailures: 3 } });
    await t.run();
    const refusals = t.of('workflow-rejected').filter((e) => e.agentId === 'b');
    expect(refusals.map((e) => e.message)).toEqual([
      'This answer is identical to your current answer. Give a different answer, or call vote for the best existing answer.',
      expect.stringMatching(/^This answer overlaps \d+% with your current answer/),
    ]);
    // Everything b was sent, with the answers themselves (tagged <agentK.N> … <end of agentK.N>) left out.
    const coordination = b.mock.doStreamCalls.filter((c) => !isPresentation(c));
    expect(coordination).toHaveLength(4);
    for (const call of coordination) {
      const sent = JSON.stringify(call.prompt).replace(/<(agent\d+(?:\.\d+)?)>[\s\S]*?<end of \1>/g, '');
      expect(sent).not.toMatch(/agent2/);
    }
  });
});
