import { describe, expect, it } from 'vitest';
import { gridLayout, MIN_PANEL_WIDTH, mainLayout, panelWidths } from '../../src/ui/tui/layout.js';
import {
  appendLine,
  appendText,
  bufferText,
  EMPTY_BUFFER,
  lastLine,
  sanitize,
  type TextBuffer,
} from '../../src/ui/tui/text-buffer.js';
import { tailLines, wrapRanges, wrapSpans } from '../../src/ui/tui/wrap.js';

const lineText = (line: { text: string }[]) => line.map((s) => s.text).join('');

describe('agent output buffers', () => {
  it('keep the tail when past the cap, and count what was dropped', () => {
    let buffer: TextBuffer = EMPTY_BUFFER;
    for (let i = 0; i < 1000; i++) buffer = appendText(buffer, 'text', `${i} `.padEnd(10, '.'), 2000);
    expect(buffer.length).toBeLessThanOrEqual(2000);
    expect(buffer.length + buffer.dropped).toBe(10_000);
    expect(bufferText(buffer).endsWith('999 ......')).toBe(true);
  });

  it('show the control characters of model text as symbols, tabs as two spaces, CRLF as a line feed', () => {
    expect(sanitize('a\u001b[2Jb\u001b]0;title\u0007c\r\nd\te\u0000')).toBe('a␛[2Jb␛]0;title␇c\nd  e␀');
  });

  it('put notes on a line of their own and find the last line', () => {
    let buffer = appendText(EMPTY_BUFFER, 'text', 'partial');
    buffer = appendLine(buffer, 'note', '✓ answer agent1.1');
    expect(bufferText(buffer)).toBe('partial\n✓ answer agent1.1\n');
    expect(lastLine(buffer)).toBe('✓ answer agent1.1');
  });
});

describe('wrapping', () => {
  it('wraps at spaces, hard-breaks long words, and keeps blank lines', () => {
    const text = 'the quick brown fox\n\nsupercalifragilistic';
    const lines = wrapRanges(text, 10).map(([s, e]) => text.slice(s, e));
    expect(lines).toEqual(['the quick', 'brown fox', '', 'supercalif', 'ragilistic']);
  });

  it('keeps span kinds across wrapped lines', () => {
    const lines = wrapSpans(
      [
        { kind: 'reasoning', text: 'abc def ' },
        { kind: 'text', text: 'ghi' },
      ],
      7,
    );
    expect(lines.map((l) => l.map((s) => [s.kind, s.text]))).toEqual([
      [['reasoning', 'abc def']],
      [['text', 'ghi']],
    ]);
  });

  it('computes the last lines from the tail only, the same as wrapping everything', () => {
    let buffer: TextBuffer = EMPTY_BUFFER;
    for (let i = 0; i < 400; i++) buffer = appendText(buffer, 'text', `word${i} ${i % 17 === 0 ? '\n' : ''}`);
    const all = wrapSpans(buffer.spans, 23).map(lineText);
    expect(tailLines(buffer, 23, 8).map(lineText)).toEqual(all.slice(-8));
    expect(tailLines(buffer, 23, 0)).toEqual([]);
  });
});

describe('layout', () => {
  it('puts up to five panels side by side on 160 columns', () => {
    expect(gridLayout(3, 160, 30)).toMatchObject({ mode: 'panels', perRow: 3, rows: 1, panelHeight: 30 });
    expect(gridLayout(1, 160, 30)).toMatchObject({ mode: 'panels', perRow: 1, panelWidth: 160 });
  });

  it('wraps to more rows, spread evenly, when the panels would be too narrow', () => {
    expect(gridLayout(8, 160, 40)).toMatchObject({ mode: 'panels', perRow: 4, rows: 2, panelHeight: 20 });
  });

  it('uses one line per agent when panels would be narrower than 30 columns or too short', () => {
    expect(gridLayout(32, 160, 40)).toMatchObject({ mode: 'compact', height: 32 });
    expect(gridLayout(3, MIN_PANEL_WIDTH - 1, 40)).toMatchObject({ mode: 'compact' });
    expect(gridLayout(3, 50, 10)).toMatchObject({ mode: 'compact' });
  });

  it('gives the final answer what it needs, up to 60%, and shares columns exactly', () => {
    expect(mainLayout(40, 3, 0)).toEqual({ grid: 40, final: 0 });
    expect(mainLayout(40, 3, 10)).toEqual({ grid: 30, final: 10 });
    expect(mainLayout(40, 3, 100)).toEqual({ grid: 16, final: 24 });
    expect(panelWidths(3, 160)).toEqual([54, 53, 53]);
  });
});
