import { describe, expect, it } from 'vitest';
import type { CoordinationEvent } from '../../src/events/types.js';
import { terminalText } from '../../src/ui/terminal-text.js';
import { reduceRun } from '../../src/ui/tui/reducer.js';
import { initialRunView } from '../../src/ui/tui/state.js';
import { HOSTILE, rawControls } from '../support/hostile-text.js';
import { ev, runStart as runStartEvent } from './helpers.js';

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

describe('terminal UI: hostile text', () => {
  it('keeps no control character in any text of the view: question, stream, notes, votes, errors, the end', () => {
    const h = HOSTILE;
    const events = [
      runStartEvent(['a', 'b'], h),
      ev({ type: 'text-delta', agentId: 'a', text: h, phase: 'coordination' }),
      ev({ type: 'reasoning-delta', agentId: 'a', text: h, phase: 'coordination' }),
      ev({ type: 'tool-call', agentId: 'a', toolCallId: 't', toolName: `run${h}`, input: { [h]: h } }),
      ev({ type: 'tool-result', agentId: 'a', toolCallId: 't', toolName: 'run', output: h, isError: true }),
      ev({ type: 'workflow-rejected', agentId: 'a', toolName: 'vote', attempt: 1, message: h }),
      ev({ type: 'answer', agentId: 'a', label: 'agent1.1', content: h, answerNumber: 1 }),
      ev({
        type: 'vote',
        agentId: 'b',
        votedFor: 'a',
        votedForLabel: 'agent1',
        reason: h,
        options: ['agent1.1'],
      }),
      ev({ type: 'provider-retry', agentId: 'b', attempt: 1, delayMs: 10, statusCode: 429, message: h }),
      ev({ type: 'agent-error', agentId: 'b', message: h, willRetry: false, failures: 1 }),
      ev({ type: 'agent-dropped', agentId: 'b', reason: h }),
      ev({ type: 'notice', level: 'warning', agentId: 'a', message: h }),
      ev({ type: 'final-delta', agentId: 'a', text: h }),
      ev({ type: 'run-end', status: 'failed', durationMs: 5, error: h }),
    ] as CoordinationEvent[];
    const view = events.reduce((v, e) => reduceRun(v, e), initialRunView());
    const texts: string[] = [];
    const collect = (value: unknown): void => {
      if (typeof value === 'string') texts.push(value);
      else if (value && typeof value === 'object')
        for (const [key, item] of Object.entries(value)) {
          texts.push(key);
          collect(item);
        }
    };
    collect(view);
    expect(texts.flatMap(rawControls)).toEqual([]);
    expect(view.question).toBe(terminalText(h));
    expect(view.end?.error).toBe(terminalText(h));
    expect(view.notices.at(-1)?.message).toBe(terminalText(h));
  });
});
