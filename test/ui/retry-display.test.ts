import { describe, expect, it } from 'vitest';
import type { CoordinationEvent, EventInput } from '../../src/events/types.js';
import { plainPrinter } from '../../src/ui/plain-printer.js';
import { delayText, retryStatusText } from '../../src/ui/retry-text.js';
import { reduceRun } from '../../src/ui/tui/reducer.js';
import { initialRunView, type RunView } from '../../src/ui/tui/state.js';
import { statusLine } from '../../src/ui/tui/status-text.js';

let seq = 0;
const ev = (input: EventInput): CoordinationEvent =>
  ({ ...input, runId: 'r', seq: ++seq, ts: seq }) as CoordinationEvent;

const retry429 = ev({
  type: 'provider-retry',
  agentId: 'a',
  attempt: 1,
  delayMs: 4000,
  statusCode: 429,
  message: 'rate_limit_exceeded: Rate limit reached for requests',
});

function started(): RunView {
  let view = reduceRun(
    initialRunView(),
    ev({
      type: 'run-start',
      question: 'Q',
      agents: [
        { id: 'a', label: 'agent1', backend: 'openai', model: 'm' },
        { id: 'b', label: 'agent2', backend: 'claude', model: 'm' },
      ],
    }),
  );
  view = reduceRun(view, ev({ type: 'agent-start', agentId: 'a', execution: 1, answersSeen: [] }));
  return view;
}

describe('provider retries in the terminal UI', () => {
  it('shows "retrying in 4 s (429)" in the agent’s status and a note with the message', () => {
    const view = reduceRun(started(), retry429);
    const status = view.agents.a!.status;
    expect(status).toEqual({
      kind: 'retrying',
      attempt: 1,
      delayMs: 4000,
      statusCode: 429,
      message: 'rate_limit_exceeded: Rate limit reached for requests',
    });
    expect(statusLine(status)).toEqual({ symbol: '↻', text: 'retrying in 4 s (429)', tone: 'yellow' });
    expect(JSON.stringify(view.agents.a!.output)).toContain(
      '↻ retrying in 4 s (429: rate_limit_exceeded: Rate limit reached for requests)',
    );
    expect(view.agents.b!.status).toEqual({ kind: 'waiting' });
  });

  it('names the error type when there is no status, and goes back to working at the next event', () => {
    let view = reduceRun(
      started(),
      ev({
        type: 'provider-retry',
        agentId: 'a',
        attempt: 2,
        delayMs: 1500,
        message: 'overloaded_error: Overloaded',
      }),
    );
    expect(statusLine(view.agents.a!.status).text).toBe('retrying in 1.5 s (overloaded_error)');
    view = reduceRun(view, ev({ type: 'text-delta', agentId: 'a', text: 'hi', phase: 'coordination' }));
    expect(view.agents.a!.status).toEqual({ kind: 'working', execution: 1 });
    view = reduceRun(view, retry429);
    view = reduceRun(
      view,
      ev({ type: 'tool-call', agentId: 'a', toolCallId: 't', toolName: 'vote', input: {} }),
    );
    expect(view.agents.a!.status).toEqual({ kind: 'working', execution: 1 });
  });

  it('formats waits as people say them', () => {
    expect([250, 1000, 1500, 4000, 45_000, 180_000].map(delayText)).toEqual([
      '250 ms',
      '1 s',
      '1.5 s',
      '4 s',
      '45 s',
      '3 min',
    ]);
    expect(
      retryStatusText({ delayMs: 300, message: 'Cannot connect to API: connect ECONNREFUSED 127.0.0.1:9' }),
    ).toBe('retrying in 300 ms (Cannot connect to API)');
  });
});

describe('provider retries in the plain printer', () => {
  it('prints one line with the wait, the status and the provider message', () => {
    let out = '';
    const print = plainPrinter({ write: (text) => (out += text) });
    print(ev({ type: 'text-delta', agentId: 'a', text: 'partial', phase: 'coordination' }));
    print(retry429);
    print(
      ev({
        type: 'provider-retry',
        agentId: 'b',
        attempt: 1,
        delayMs: 250,
        message: 'overloaded_error: Overloaded',
      }),
    );
    expect(out).toBe(
      '[a] partial\n' +
        '↻ [a] retrying in 4 s (429: rate_limit_exceeded: Rate limit reached for requests)\n' +
        '↻ [b] retrying in 250 ms (overloaded_error: Overloaded)\n',
    );
  });
});
