/** The run view of the API as a pure reducer of the event stream, over the packaged demo recording. */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { examplesDir } from '../../src/config/examples.js';
import { readEventLog } from '../../src/events/replay.js';
import { initialTally, reduceTally } from '../../src/run/outcome-tally.js';
import { initialRunView, reduceRunView, runViewOf, summaryOf } from '../../src/web/run-view.js';

const demo = () => readEventLog(path.join(examplesDir(), 'demo', 'events.jsonl'));

describe('run view', () => {
  it('reads the demo: agents, every answer and vote in order, the winner, tokens and cost of the whole run', async () => {
    const events = await demo();
    const { detail } = runViewOf('log_demo', events);
    expect(detail).toMatchObject({
      id: 'log_demo',
      status: 'completed',
      question: 'What are the trade-offs of event sourcing?',
      winner: 'gemini',
      durationMs: 15975,
      startedAt: new Date(events[0]!.ts).toISOString(),
    });
    expect(detail.agents.map((a) => [a.id, a.status])).toEqual([
      ['gpt5mini', 'completed'],
      ['claude', 'completed'],
      ['gemini', 'completed'],
    ]);
    expect(detail.answers.map((a) => [a.agentId, a.label])).toEqual([
      ['gemini', 'agent3.1'],
      ['gpt5mini', 'agent1.1'],
      ['claude', 'agent2.1'],
      ['gemini', 'agent3.2'],
    ]);
    expect(detail.votes.map((v) => [v.agentId, v.votedFor])).toEqual([
      ['gpt5mini', 'claude'],
      ['gemini', 'gpt5mini'],
      ['gpt5mini', 'gemini'],
      ['claude', 'gemini'],
    ]);
    const final = events.find((e) => e.type === 'final-answer');
    expect(detail.finalAnswer).toBe(final?.type === 'final-answer' ? final.content : undefined);
    const tally = events.reduce(reduceTally, initialTally());
    expect(detail.tokens).toBe(tally.usage.total.inputTokens + tally.usage.total.outputTokens);
    expect(detail.costUsd).toBe(tally.usage.total.costUsd);
    expect(summaryOf(detail, false)).toEqual({
      id: 'log_demo',
      question: detail.question,
      status: 'completed',
      winner: 'gemini',
      startedAt: detail.startedAt,
      durationMs: 15975,
      tokens: detail.tokens,
      costUsd: detail.costUsd,
      agents: ['gpt5mini', 'claude', 'gemini'],
      live: false,
      sessionId: 'log_20261201_222904_651000',
    });
  });

  it('a run under way is running, and an event that changes nothing returns the same state', async () => {
    const events = await demo();
    let state = initialRunView('r');
    for (const event of events.slice(0, 20)) state = reduceRunView(state, event);
    expect(state.detail.status).toBe('running');
    const notice = {
      type: 'notice',
      level: 'info',
      message: 'hi',
      runId: 'r',
      seq: 21,
      ts: events[19]!.ts,
    } as const;
    expect(reduceRunView(state, notice)).toBe(state);
  });
});
