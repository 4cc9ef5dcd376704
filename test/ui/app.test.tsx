import { render } from 'ink-testing-library';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CoordinationEvent } from '../../src/events/types.js';
import { usageCost } from '../../src/ui/cost.js';
import { App } from '../../src/ui/tui/app.js';
import { createMarkdownRenderer } from '../../src/ui/tui/markdown.js';
import { TuiStore } from '../../src/ui/tui/store.js';
import { demoEvents, ev, runStart, waitForFrame } from './helpers.js';

let cleanup: (() => void) | undefined;
afterEach(() => {
  cleanup?.();
  cleanup = undefined;
});

function mount(events: CoordinationEvent[], size = { columns: 120, rows: 40 }, onQuit = () => {}) {
  const store = new TuiStore({ frameMs: 0, price: usageCost, now: () => events[events.length - 1]?.ts ?? 0 });
  store.setMeta({ markdown: createMarkdownRenderer(), logDir: '/tmp/logs/turn_1' });
  for (const e of events) store.dispatch(e);
  store.flush();
  const r = render(<App store={store} onQuit={onQuit} columns={size.columns} rows={size.rows} />);
  cleanup = () => {
    r.unmount();
    store.dispose();
  };
  return { ...r, store, frame: () => r.lastFrame() ?? '' };
}

/** Resolves once the app listens to its input (Ink subscribes in an effect after the first render). */
async function listening(app: ReturnType<typeof mount>) {
  await vi.waitFor(() => expect(app.stdin.listenerCount('readable')).toBeGreaterThan(0), { timeout: 10_000 });
}

/** Writes a key and waits until the frame shows `expected`. */
async function press(app: ReturnType<typeof mount>, key: string, expected: (frame: string) => boolean) {
  await listening(app);
  app.stdin.write(key);
  return waitForFrame(app.frame, expected);
}

describe('terminal UI app', () => {
  it('header: question, phase, elapsed, votes so far, tokens and cost', () => {
    const app = mount(demoEvents().slice(0, 200));
    const [title, status] = app.frame().split('\n');
    expect(title).toBe('MassGen · What are the trade-offs of event sourcing?');
    expect(status).toMatch(/^coordinating · \d+\.\ds · votes \d\/3.* · [\d.]+k tokens · \$0\.\d{4}$/);
  });

  it('shows the three demo agents side by side, then the Markdown answer and the summary', () => {
    const app = mount(demoEvents(), { columns: 150, rows: 45 });
    const frame = app.frame();
    const titles = frame.split('\n').find((l) => l.includes('1 gpt5mini'))!;
    expect(titles).toContain('2 claude');
    expect(titles).toContain('3 gemini');
    expect(frame).toContain('★ winner');
    expect(frame).toContain('Final answer · gemini');
    expect(frame).toContain('Event sourcing: the trade-offs');
    expect(frame).not.toContain('**Audit trail');
    expect(frame).toContain('Audit trail for free');
    expect(frame).toMatch(/★ Winner: gemini \(votes: gemini 2, gpt5mini 1\) · completed in \d+\.\ds/);
    expect(frame).toContain('logs: /tmp/logs/turn_1');
    expect(frame.split('\n').length).toBeLessThanOrEqual(44);
  });

  it('uses one line per agent when there are many agents (32)', () => {
    const ids = Array.from({ length: 32 }, (_, i) => `agent${i + 1}`);
    const app = mount(
      [runStart(ids), ev({ type: 'text-delta', agentId: 'agent7', text: 'hello', phase: 'coordination' })],
      {
        columns: 160,
        rows: 45,
      },
    );
    const lines = app.frame().split('\n');
    expect(lines.filter((l) => /^[ ▸] ?\d+ agent\d+ /.test(l))).toHaveLength(32);
    expect(lines.find((l) => l.includes(' 7 agent7'))).toMatch(/working.*│ hello/);
    expect(lines.length).toBeLessThanOrEqual(44);
  });

  it('fits a narrow terminal (stacked panels at 40 columns, one line each at 25)', () => {
    const events = demoEvents().slice(0, 150);
    const narrow = mount(events, { columns: 40, rows: 30 });
    expect(
      narrow
        .frame()
        .split('\n')
        .every((l) => l.length <= 40),
    ).toBe(true);
    expect(narrow.frame()).toMatch(/╭|╔/);
    cleanup?.();
    const tiny = mount(events, { columns: 25, rows: 20 });
    const lines = tiny.frame().split('\n');
    expect(lines.every((l) => l.length <= 25)).toBe(true);
    expect(lines.some((l) => l.includes('gpt5mini'))).toBe(true);
    expect(tiny.frame()).not.toMatch(/╭|╔/);
  });

  it('v shows the vote table per round with reasons; v again goes back', async () => {
    const app = mount(demoEvents(), { columns: 160, rows: 40 });
    const table = await press(app, 'v', (f) => f.includes('Votes\n'));
    expect(table).toMatch(
      /Round 1 · choices agent1\.1, agent2\.1, agent3\.1 · ended by new answer agent3\.2/,
    );
    expect(table).toMatch(/gpt5mini → claude \(agent2\) +Most concrete on operational costs/);
    expect(table).toMatch(/Round 2 .* · current/);
    expect(table).toMatch(/claude +→ gemini \(agent3\) +After its revision/);
    expect(table).toContain('[not counted:');
    expect(table).toContain('Winner: gemini (gemini 2, gpt5mini 1)');
    const back = await press(app, 'v', (f) => f.includes('Final answer'));
    expect(back).not.toContain('Round 1');
  });

  it('number keys and arrows focus an agent; Enter opens its full output, Esc goes back', async () => {
    const app = mount(demoEvents(), { columns: 80, rows: 18 });
    await press(app, '2', (f) => f.includes('▸2 claude'));
    const detail = await press(app, '\r', (f) => f.includes('claude/claude-sonnet-4-5'));
    expect(detail).toContain('2 claude claude/claude-sonnet-4-5 · agent2');
    expect(detail).toMatch(/lines \d+–\d+ of \d+ · following/);
    const scrolled = await press(app, '\u001b[A', (f) => !f.includes('following'));
    expect(scrolled).toMatch(/lines \d+–\d+ of \d+\n/);
    const right = await press(app, '\u001b[C', (f) => f.includes('3 gemini gemini/gemini-2.5-flash'));
    expect(right).toContain('following');
    const main = await press(app, '\u001b', (f) => f.includes('Final answer'));
    expect(main).toContain('▸3 gemini');
    await press(app, '1', (f) => f.includes('▸1 gpt5mini'));
    await press(app, '\u001b[D', (f) => f.includes('▸3 gemini'));
  });

  it('q calls onQuit (the caller interrupts the run; the UI never exits the process)', async () => {
    const onQuit = vi.fn();
    const app = mount([runStart(['a', 'b'])], { columns: 80, rows: 20 }, onQuit);
    await listening(app);
    app.stdin.write('q');
    await vi.waitFor(() => expect(onQuit).toHaveBeenCalledTimes(1), { timeout: 10_000 });
    app.stdin.write('\u0003');
    await vi.waitFor(() => expect(onQuit).toHaveBeenCalledTimes(2), { timeout: 10_000 });
    app.store.setMeta({ interrupting: true });
    app.store.flush();
    await waitForFrame(app.frame, (f) => f.includes('Stopping the agents and saving the logs'));
    expect(app.frame()).toContain('interrupting');
  });

  it('throttles: a burst of deltas is published as one frame', async () => {
    const store = new TuiStore({ frameMs: 50 });
    const published = vi.fn();
    store.subscribe(published);
    store.dispatch(runStart(['a']));
    for (let i = 0; i < 500; i++)
      store.dispatch(ev({ type: 'text-delta', agentId: 'a', text: 'x', phase: 'coordination' }));
    expect(published).not.toHaveBeenCalled();
    await vi.waitFor(() => expect(published).toHaveBeenCalledTimes(1), { timeout: 10_000 });
    expect(store.getSnapshot().run.agents.a!.output.length).toBe(500);
    store.dispose();
  });
});
