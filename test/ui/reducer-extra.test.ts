import { describe, expect, it } from 'vitest';
import type { CoordinationEvent } from '../../src/events/types.js';
import { reduceRun } from '../../src/ui/tui/reducer.js';
import { initialRunView } from '../../src/ui/tui/state.js';

const base = { runId: 'r', seq: 1, ts: 1 };
function start() {
  return reduceRun(initialRunView(), {
    ...base,
    type: 'run-start',
    question: 'Q',
    agents: [{ id: 'a', label: 'agent1', backend: 'openai', model: 'm' }],
  } as CoordinationEvent);
}

describe('terminal UI: tool servers and memory', () => {
  it('notes a failed MCP server in the agent panel', () => {
    const view = reduceRun(start(), {
      ...base,
      type: 'tool-server-status',
      agentId: 'a',
      server: 'weather',
      status: 'failed',
      error: 'spawn ENOENT',
    } as CoordinationEvent);
    expect(JSON.stringify(view.agents.a)).toContain('weather: failed (spawn ENOENT)');
  });

  it('notes a compression in the agent panel', () => {
    const view = reduceRun(start(), {
      ...base,
      type: 'memory-compressed',
      agentId: 'a',
      scope: 'conversation',
      beforeTokens: 900,
      afterTokens: 400,
      messagesSummarised: 6,
    } as CoordinationEvent);
    expect(JSON.stringify(view.agents.a)).toContain('900 → 400 tokens');
  });
});
