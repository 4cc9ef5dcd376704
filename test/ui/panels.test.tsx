import { render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import type { CoordinationEvent } from '../../src/events/types.js';
import { AgentPanel } from '../../src/ui/tui/agent-panel.js';
import { CompactList } from '../../src/ui/tui/compact-list.js';
import { ev, runStart, viewOf } from './helpers.js';

let unmount: (() => void) | undefined;
afterEach(() => {
  unmount?.();
  unmount = undefined;
});

/** Renders agent `a`'s panel after `events` (a run of agents a, b, c). */
function panel(events: CoordinationEvent[], size = { width: 40, height: 10 }): string {
  const view = viewOf([runStart(['a', 'b', 'c']), ...events]);
  const r = render(
    <AgentPanel
      agent={view.agents.a!}
      index={0}
      width={size.width}
      height={size.height}
      focused={false}
      votes={0}
      now={0}
      stopped={false}
    />,
  );
  unmount = r.unmount;
  return r.lastFrame() ?? '';
}

const start = ev({ type: 'agent-start', agentId: 'a', execution: 1, answersSeen: [] });

describe('agent panel', () => {
  it('working: streams text, auto-scrolled to the last lines that fit', () => {
    const words = Array.from({ length: 60 }, (_, i) => `w${i}`).join(' ');
    const frame = panel([
      start,
      ev({ type: 'reasoning-delta', agentId: 'a', text: 'let me think', phase: 'coordination' }),
      ev({ type: 'text-delta', agentId: 'a', text: words, phase: 'coordination' }),
    ]);
    expect(frame).toContain('1 a gpt-5-mini');
    expect(frame).toContain('working');
    expect(frame).toContain('w59');
    expect(frame).not.toContain('let me think');
    expect(frame.split('\n')).toHaveLength(10);
  });

  it('working: shows the reasoning while it is the latest output', () => {
    const frame = panel([
      start,
      ev({ type: 'reasoning-delta', agentId: 'a', text: 'let me think', phase: 'coordination' }),
    ]);
    expect(frame).toContain('let me think');
  });

  it('answered #n', () => {
    const frame = panel([
      start,
      ev({ type: 'answer', agentId: 'a', label: 'agent1.1', content: 'Four.', answerNumber: 1 }),
    ]);
    expect(frame).toContain('✓ answered #1 (agent1.1)');
    expect(frame).toContain('✓ answer agent1.1: Four.');
  });

  it('voted for X and why', () => {
    const frame = panel(
      [
        ev({
          type: 'vote',
          agentId: 'a',
          votedFor: 'b',
          votedForLabel: 'agent2',
          reason: 'Most precise.',
          options: [],
        }),
      ],
      { width: 60, height: 8 },
    );
    expect(frame).toContain('→ voted for b: Most precise.');
  });

  it('receiving an update', () => {
    const frame = panel([
      start,
      ev({ type: 'update-injected', agentId: 'a', newAnswers: ['agent2.1'], message: '' }),
    ]);
    expect(frame).toContain('⇣ receiving update: agent2.1');
  });

  it('restarting after its vote was invalidated', () => {
    const frame = panel(
      [
        ev({ type: 'vote', agentId: 'a', votedFor: 'b', votedForLabel: 'agent2', reason: 'ok', options: [] }),
        ev({ type: 'votes-invalidated', agentId: 'c', affected: ['a'] }),
      ],
      { width: 50, height: 8 },
    );
    expect(frame).toContain('↻ restarting: new answer from c');
  });

  it('error, retrying', () => {
    const frame = panel([
      ev({ type: 'agent-error', agentId: 'a', message: 'HTTP 500', willRetry: true, failures: 1 }),
    ]);
    expect(frame).toContain('✗ error (retry 1): HTTP 500');
  });

  it('timed out', () => {
    const frame = panel([ev({ type: 'agent-timeout', agentId: 'a', seconds: 30 })]);
    expect(frame).toContain('◷ timed out after 30s');
  });

  it('dropped', () => {
    const frame = panel([ev({ type: 'agent-dropped', agentId: 'a', reason: '401 invalid key' })]);
    expect(frame).toContain('⊘ dropped: 401 invalid key');
  });

  it('presenting the final answer', () => {
    const frame = panel([
      ev({ type: 'winner', agentId: 'a', votes: { a: 2 }, isTie: false, by: 'votes' }),
      ev({ type: 'final-delta', agentId: 'a', text: 'Four' }),
    ]);
    expect(frame).toContain('★ presenting the final answer');
  });

  it('tool calls as they happen', () => {
    const frame = panel(
      [
        start,
        ev({ type: 'tool-call', agentId: 'a', toolCallId: 't', toolName: 'web_search', input: { q: 'x' } }),
      ],
      { width: 50, height: 8 },
    );
    expect(frame).toContain('⚙ web_search({"q":"x"})');
  });
});

describe('compact list', () => {
  it('shows one line per agent with status, votes and latest line', () => {
    const ids = Array.from({ length: 12 }, (_, i) => `agent_${i + 1}`);
    const view = viewOf([
      runStart(ids),
      ev({ type: 'text-delta', agentId: 'agent_3', text: 'first line\nlatest line', phase: 'coordination' }),
      ev({ type: 'answer', agentId: 'agent_5', label: 'agent5.1', content: 'x', answerNumber: 1 }),
    ]);
    const agents = view.order.map((id) => view.agents[id]!);
    const r = render(
      <CompactList
        agents={agents}
        focus={2}
        height={12}
        width={100}
        votes={{ agent_5: 2 }}
        now={0}
        stopped={false}
      />,
    );
    unmount = r.unmount;
    const lines = (r.lastFrame() ?? '').split('\n');
    expect(lines).toHaveLength(12);
    expect(lines[2]).toMatch(/^▸ 3 agent_3 .*working.*│ latest line$/);
    expect(lines[4]).toMatch(/ 5 agent_5 .*answered #1 \(agent5\.1\) ★2/);
  });

  it('keeps the focused agent visible when not all fit', () => {
    const ids = Array.from({ length: 32 }, (_, i) => `a${i + 1}`);
    const view = viewOf([runStart(ids)]);
    const agents = view.order.map((id) => view.agents[id]!);
    const r = render(
      <CompactList agents={agents} focus={30} height={10} width={80} votes={{}} now={0} stopped={false} />,
    );
    unmount = r.unmount;
    const frame = r.lastFrame() ?? '';
    expect(frame).toContain('▸31 a31');
    expect(frame).toContain('… 23 more');
    expect(frame.split('\n')).toHaveLength(10);
  });

  /** The frame of one agent `id` that streamed `text`, in a list `width` columns wide. */
  function row(id: string, text: string, width: number, extra: CoordinationEvent[] = []): string {
    const view = viewOf([
      runStart([id]),
      ev({ type: 'agent-start', agentId: id, execution: 1, answersSeen: [] }),
      ev({ type: 'text-delta', agentId: id, text, phase: 'coordination' }),
      ...extra,
    ]);
    const r = render(
      <CompactList
        agents={[view.agents[id]!]}
        focus={0}
        height={1}
        width={width}
        votes={{}}
        now={0}
        stopped={false}
      />,
    );
    unmount = r.unmount;
    const frame = r.lastFrame() ?? '';
    r.unmount();
    unmount = undefined;
    return frame;
  }

  it('cuts a long latest line at the width, ending in …', () => {
    const line = row('agent_1', 'x'.repeat(200), 60);
    expect(line).toBe(`▸1 agent_1 ⠋ working │ ${'x'.repeat(36)}…`);
    expect([...line]).toHaveLength(60);
  });

  it('shows a latest line that fits whole, and cuts wide characters by their columns', () => {
    expect(row('agent_1', 'short line', 60)).toBe('▸1 agent_1 ⠋ working │ short line');
    // Each of these characters takes two columns: the 37 columns left hold 18 of them and the …
    expect(row('agent_1', '日'.repeat(40), 60)).toBe(`▸1 agent_1 ⠋ working │ ${'日'.repeat(18)}…`);
  });

  it('cuts the whole line when the part before the output does not fit, or is not plain text', () => {
    expect(row('agent_1', 'hello', 20)).toBe('▸1 agent_1 ⠋ workin…');
    expect(row('agent_é', 'x'.repeat(100), 40)).toBe(`▸1 agent_é ⠋ working │ ${'x'.repeat(16)}…`);
  });
});
