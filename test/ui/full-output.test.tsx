import { render } from 'ink-testing-library';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CoordinationEvent } from '../../src/events/types.js';
import { App, nextUiState, type UiState } from '../../src/ui/tui/app.js';
import { detailLines } from '../../src/ui/tui/detail-lines.js';
import { createMarkdownRenderer } from '../../src/ui/tui/markdown.js';
import { TuiStore } from '../../src/ui/tui/store.js';
import { bufferText, DEFAULT_BUFFER_CAP } from '../../src/ui/tui/text-buffer.js';
import { ev, runStart, viewOf, waitForFrame } from './helpers.js';

const stripAnsi = (text: string) => text.replace(/\u001b\[[0-9;]*m/g, '');
const lineText = (line: Array<{ text: string }>) => stripAnsi(line.map((s) => s.text).join(''));

/** A Markdown answer of about 1500 characters whose last words are `THE END`. */
const LONG_ANSWER = [
  '## Plan',
  '',
  `**Short version:** ${'every step is explained in detail here. '.repeat(20)}`,
  '',
  ...Array.from({ length: 12 }, (_, i) => `- item number ${i + 1} of the list, with **bold** words`),
  '',
  'THE END',
].join('\n');

const answer = (agentId: string, n: number, content: string): CoordinationEvent =>
  ev({ type: 'answer', agentId, label: `agent1.${n}`, content, answerNumber: n });
const text = (agentId: string, t: string): CoordinationEvent =>
  ev({ type: 'text-delta', agentId, text: t, phase: 'coordination' });

let cleanup: (() => void) | undefined;
afterEach(() => {
  cleanup?.();
  cleanup = undefined;
});

describe('answers in the reducer', () => {
  it('keeps every answer whole while the streamed output keeps its 64k tail', () => {
    const huge = 'x'.repeat(100_000);
    const view = viewOf([
      runStart(['a']),
      answer('a', 1, LONG_ANSWER),
      text('a', 'y'.repeat(DEFAULT_BUFFER_CAP + 10)),
      answer('a', 2, huge),
    ]);
    const agent = view.agents.a!;
    expect(agent.answerTexts.map((a) => a.label)).toEqual(['agent1.1', 'agent1.2']);
    expect(agent.answerTexts[0]!.content).toBe(LONG_ANSWER);
    expect(agent.answerTexts[1]!.content).toHaveLength(100_000);
    expect(agent.output.length).toBeLessThanOrEqual(DEFAULT_BUFFER_CAP);
    expect(agent.output.dropped).toBeGreaterThan(0);
    // The panel still shows a one-line note with a preview.
    expect(bufferText(agent.output)).toMatch(/✓ answer agent1\.2: x{80}…\n$/);
  });

  it('shows the terminal escape sequences of answers and the final answer, never sends them', () => {
    const view = viewOf([
      runStart(['a']),
      answer('a', 1, 'red \u001b[31mtext\u001b[0m'),
      ev({ type: 'final-answer', agentId: 'a', content: 'final \u001b[2Jclear', fromStoredAnswer: false }),
    ]);
    expect(view.agents.a!.answerTexts[0]!.content).toBe('red ␛[31mtext␛[0m');
    expect(view.final.text).toBe('final ␛[2Jclear');
  });
});

describe('full-output lines', () => {
  it('show each answer whole, as Markdown, where it was given', () => {
    const view = viewOf([
      runStart(['a']),
      text('a', 'Thinking first.'),
      answer('a', 1, LONG_ANSWER),
      text('a', 'After the answer.'),
    ]);
    const lines = detailLines(view.agents.a!, 60, createMarkdownRenderer()).map(lineText);
    const heading = lines.indexOf('✓ answer agent1.1:');
    expect(lines.indexOf('Thinking first.')).toBe(heading - 1);
    expect(lines.at(-1)).toBe('After the answer.');
    const body = lines.slice(heading + 1, -1).join('\n');
    expect(body).toContain('Short version:');
    expect(body).not.toContain('**');
    expect(body).toContain('item number 12 of the list');
    expect(body).toContain('THE END');
    expect(lines.every((l) => l.length <= 60)).toBe(true);
  });

  it('wrap answers as plain text until the Markdown renderer is loaded', () => {
    const view = viewOf([runStart(['a']), answer('a', 1, 'one\n\ntwo')]);
    expect(detailLines(view.agents.a!, 40).map(lineText)).toEqual(['✓ answer agent1.1:', 'one', '', 'two']);
  });

  it('put the answers whose place fell out of the kept tail first', () => {
    const view = viewOf([
      runStart(['a']),
      answer('a', 1, 'first answer'),
      text('a', 'z'.repeat(DEFAULT_BUFFER_CAP)),
      answer('a', 2, 'second answer'),
    ]);
    const lines = detailLines(view.agents.a!, 80).map(lineText);
    expect(lines[0]).toMatch(/^… \d+ earlier characters not kept$/);
    expect(lines.slice(1, 3)).toEqual(['✓ answer agent1.1:', 'first answer']);
    expect(lines.slice(-2)).toEqual(['✓ answer agent1.2:', 'second answer']);
    expect(lines.filter((l) => l.startsWith('✓ answer'))).toHaveLength(2);
  });
});

describe('scrolling', () => {
  const start: UiState = { view: 'detail', focus: 0, detailScroll: 0, voteScroll: 0, finalScroll: 0 };
  const key = (k: Record<string, boolean>) => k as unknown as Parameters<typeof nextUiState>[2];

  it('stops at the top and the bottom; Home and End jump there', () => {
    const limits = { detail: 30, votes: 4 };
    let s = nextUiState(start, '', key({ pageUp: true }), 1, 20, limits);
    expect(s.detailScroll).toBe(20);
    s = nextUiState(s, '', key({ pageUp: true }), 1, 20, limits);
    expect(s.detailScroll).toBe(30);
    s = nextUiState(s, '', key({ downArrow: true }), 1, 20, limits);
    expect(s.detailScroll).toBe(29);
    s = nextUiState(s, '', key({ end: true }), 1, 20, limits);
    expect(s.detailScroll).toBe(0);
    s = nextUiState(s, '', key({ home: true }), 1, 20, limits);
    expect(s.detailScroll).toBe(30);
    const votes = nextUiState({ ...start, view: 'votes' }, '', key({ home: true }), 1, 20, limits);
    expect(votes.voteScroll).toBe(4);
  });
});

describe('full-output view', () => {
  function mount(events: CoordinationEvent[], onQuit = () => {}) {
    const store = new TuiStore({ frameMs: 0, now: () => events[events.length - 1]?.ts ?? 0 });
    store.setMeta({ markdown: createMarkdownRenderer() });
    for (const e of events) store.dispatch(e);
    store.flush();
    const r = render(<App store={store} onQuit={onQuit} columns={80} rows={20} />);
    cleanup = () => {
      r.unmount();
      store.dispose();
    };
    return { ...r, store, frame: () => stripAnsi(r.lastFrame() ?? '') };
  }

  async function press(app: ReturnType<typeof mount>, key: string, expected: (frame: string) => boolean) {
    await vi.waitFor(() => expect(app.stdin.listenerCount('readable')).toBeGreaterThan(0), {
      timeout: 10_000,
    });
    app.stdin.write(key);
    return waitForFrame(app.frame, expected);
  }

  it('Enter shows the whole answer rendered; Home scrolls to its start, End back to the latest', async () => {
    const app = mount([runStart(['a']), text('a', 'Thinking first.'), answer('a', 1, LONG_ANSWER)]);
    const bottom = await press(app, '\r', (f) => f.includes('a openai/gpt-5-mini'));
    expect(bottom).toContain('THE END');
    expect(bottom).toContain('· following');
    expect(bottom).not.toContain('**');
    const top = await press(app, '\u001b[1~', (f) => f.includes('lines 1–'));
    expect(top).toContain('Thinking first.');
    expect(top).toContain('✓ answer agent1.1:');
    expect(top).not.toContain('THE END');
    const down = await press(app, '\u001b[6~', (f) => !f.includes('lines 1–'));
    expect(down).toMatch(/lines \d+–\d+ of \d+\n/);
    const end = await press(app, '\u001b[4~', (f) => f.includes('following'));
    expect(end).toContain('THE END');
  });

  it('once browsing, Esc on the agents view leaves (Esc in a sub-view goes back first)', async () => {
    const onQuit = vi.fn();
    const app = mount([runStart(['a']), answer('a', 1, 'Four.')], onQuit);
    app.store.setMeta({ browsing: 'prompt' });
    app.store.flush();
    await press(app, 'v', (f) => f.includes('Votes'));
    await press(app, '\u001b', (f) => f.includes('q back to the prompt'));
    expect(onQuit).not.toHaveBeenCalled();
    app.stdin.write('\u001b');
    await vi.waitFor(() => expect(onQuit).toHaveBeenCalledTimes(1), { timeout: 10_000 });
  });
});
