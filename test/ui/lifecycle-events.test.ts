/** The displays and the event format version 2: lifecycle pairs and the answers read off the stream. */
import { describe, expect, it } from 'vitest';
import type { CoordinationEvent, EventInput } from '../../src/events/types.js';
import { plainPrinter } from '../../src/ui/plain-printer.js';
import { reduceRun } from '../../src/ui/tui/reducer.js';
import { initialRunView, type RunView } from '../../src/ui/tui/state.js';

function stream(inputs: EventInput[]): CoordinationEvent[] {
  return inputs.map((input, i) => ({ ...input, runId: 'r', seq: i + 1, ts: 1000 + i }) as CoordinationEvent);
}

const runStart: EventInput = {
  type: 'run-start',
  schemaVersion: 2,
  question: 'Q',
  agents: ['a', 'b'].map((id, i) => ({ id, label: `agent${i + 1}`, backend: 'openai', model: 'm' })),
};

const view = (events: CoordinationEvent[]): RunView =>
  events.reduce((v, e) => reduceRun(v, e), initialRunView());

/** The text of an agent's panel notes. */
const panel = (v: RunView, id: string) => JSON.stringify(v.agents[id]!.output);

describe('terminal UI, event format 2', () => {
  it('a later turn says which answers it reads, from the answers before it in the stream', () => {
    const v = view(
      stream([
        runStart,
        { type: 'agent-start', agentId: 'a', execution: 1 },
        { type: 'answer', agentId: 'a', label: 'agent1.1', content: 'A', answerNumber: 1 },
        { type: 'agent-end', agentId: 'a', execution: 1, outcome: 'answered' },
        { type: 'answer', agentId: 'b', label: 'agent2.1', content: 'B', answerNumber: 1 },
        { type: 'answer', agentId: 'a', label: 'agent1.2', content: 'A2', answerNumber: 2 },
        { type: 'agent-start', agentId: 'b', execution: 2 },
        { type: 'vote', agentId: 'b', votedFor: 'a', votedForLabel: 'agent1', reason: 'best' },
      ]),
    );
    expect(panel(v, 'b')).toContain('── turn 2 · reading agent1.2, agent2.1 ──');
    expect(v.rounds.at(-1)!.votes).toMatchObject([{ voter: 'b', options: ['agent1.2', 'agent2.1'] }]);
  });

  it('a restarted attempt reads only its own answers', () => {
    const v = view(
      stream([
        runStart,
        { type: 'attempt-start', attempt: 1, maxAttempts: 2 },
        { type: 'answer', agentId: 'a', label: 'agent1.1', content: 'A', answerNumber: 1 },
        { type: 'attempt-start', attempt: 2, maxAttempts: 2, reason: 'thin' },
        { type: 'answer', agentId: 'b', label: 'agent2.1', content: 'B', answerNumber: 1 },
        { type: 'agent-start', agentId: 'a', execution: 2 },
      ]),
    );
    expect(panel(v, 'a')).toContain('── turn 2 · reading agent2.1 ──');
  });

  it('final-start shows the presenter presenting; agent-end and final-end change no panel', () => {
    const events = stream([
      runStart,
      { type: 'agent-start', agentId: 'a', execution: 1 },
      { type: 'answer', agentId: 'a', label: 'agent1.1', content: 'A', answerNumber: 1 },
      { type: 'agent-end', agentId: 'a', execution: 1, outcome: 'answered' },
      { type: 'final-start', agentId: 'a' },
    ]);
    const presenting = view(events);
    expect(presenting.phase).toBe('presenting');
    expect(presenting.agents.a!.status).toEqual({ kind: 'presenting' });
    const answered = view(events.slice(0, 3));
    expect(view(events.slice(0, 4)).agents).toEqual(answered.agents);
    const ended = reduceRun(presenting, {
      ...events[0]!,
      seq: 9,
      type: 'final-end',
      agentId: 'a',
      outcome: 'presented',
    });
    expect(ended.agents).toEqual(presenting.agents);
  });
});

describe('plain printer, event format 2', () => {
  it('prints a line for an execution or presentation cut short by the run’s end, none otherwise', () => {
    const out: string[] = [];
    const print = plainPrinter({ write: (text) => out.push(text) });
    for (const event of stream([
      runStart,
      { type: 'agent-start', agentId: 'a', execution: 1 },
      { type: 'agent-start', agentId: 'b', execution: 1 },
      { type: 'answer', agentId: 'a', label: 'agent1.1', content: 'A', answerNumber: 1 },
      { type: 'agent-end', agentId: 'a', execution: 1, outcome: 'answered' },
      { type: 'text-delta', agentId: 'b', text: 'half a thou', phase: 'coordination' },
      { type: 'agent-end', agentId: 'b', execution: 1, outcome: 'cancelled' },
      { type: 'winner', agentId: 'a', votes: {}, isTie: false, by: 'timeout' },
      { type: 'final-start', agentId: 'a' },
      { type: 'final-delta', agentId: 'a', text: 'Fin' },
      { type: 'final-end', agentId: 'a', outcome: 'cancelled' },
    ]))
      print(event);
    const lines = out.join('').split('\n');
    expect(lines.slice(2)).toEqual([
      '✅ [a] answer agent1.1: A',
      '[b] half a thou',
      '⏹️ [b] stopped: the run ended while it was working',
      '🏆 Winner: a',
      '',
      '=== Final answer (a) ===',
      'Fin',
      '⏹️ [a] the final presentation was stopped',
      '',
    ]);
  });
});
