import { describe, expect, it } from 'vitest';
import { StatsReader } from '../../src/events/run-stats.js';
import type { CoordinationEvent, EventInput } from '../../src/events/types.js';
import type { Pricer } from '../../src/events/usage-cost.js';

let seq = 0;
const ev = (input: EventInput, ts: number) => ({ ...input, runId: 'r', seq: ++seq, ts }) as CoordinationEvent;
/** $1 per 1000 input tokens on model `m`; `local` is unpriced. */
const price: Pricer = (_backend, model, usage) => (model === 'local' ? undefined : usage.inputTokens / 1000);
const usage = (agentId: string, phase: 'coordination' | 'presentation' | 'evaluation', ts: number) =>
  ev(
    { type: 'usage', agentId, phase, usage: { inputTokens: 1000, outputTokens: 10, reasoningTokens: 5 } },
    ts,
  );

describe('StatsReader', () => {
  it('splits calls, cost and time by agent, model and phase; a post-evaluation counts as its own phase', () => {
    const reader = new StatsReader(price);
    reader.beginTurn('turn_1/events.jsonl');
    const events = [
      ev(
        {
          type: 'run-start',
          question: 'Q',
          agents: [
            { id: 'a', label: 'agent1', backend: 'openai', model: 'm' },
            { id: 'b', label: 'agent2', backend: 'chatcompletion', model: 'local' },
          ],
        },
        0,
      ),
      ev({ type: 'agent-start', agentId: 'a', execution: 1 }, 0),
      ev({ type: 'agent-start', agentId: 'b', execution: 1 }, 0),
      usage('a', 'coordination', 1000),
      ev({ type: 'agent-end', agentId: 'a', execution: 1, outcome: 'answered' }, 1000),
      usage('b', 'coordination', 3000),
      ev({ type: 'agent-end', agentId: 'b', execution: 1, outcome: 'voted' }, 3000),
      ev({ type: 'final-start', agentId: 'a' }, 3000),
      usage('a', 'presentation', 5000),
      ev({ type: 'final-end', agentId: 'a', outcome: 'presented' }, 5000),
      usage('a', 'evaluation', 5500),
      ev({ type: 'post-evaluation', agentId: 'a', decision: 'submit', by: 'tool' }, 5500),
      ev({ type: 'run-end', status: 'completed', winner: 'a', durationMs: 6000 }, 6000),
    ];
    for (const e of events) reader.read(e);
    const stats = reader.result();
    expect(stats.turns).toEqual([
      expect.objectContaining({ question: 'Q', status: 'completed', winner: 'a', wall_seconds: 6 }),
    ]);
    expect(stats.total).toMatchObject({
      calls: 4,
      input_tokens: 4000,
      cost_usd: 3,
      unpriced_calls: 1,
      seconds: 6.5,
    });
    expect(stats.agents.a).toMatchObject({ calls: 3, cost_usd: 3, seconds: 3.5, reasoning_tokens: 15 });
    expect(stats.agents.b).toMatchObject({ calls: 1, cost_usd: 0, unpriced_calls: 1, seconds: 3 });
    expect(Object.keys(stats.models)).toEqual(['openai/m', 'chatcompletion/local']);
    expect(stats.phases.coordination).toMatchObject({ calls: 2, seconds: 4 });
    expect(stats.phases.presentation).toMatchObject({ calls: 1, seconds: 2, cost_usd: 1 });
    expect(stats.phases['post-evaluation']).toMatchObject({ calls: 1, seconds: 0.5 });
  });
});
