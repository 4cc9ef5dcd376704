import { describe, expect, it } from 'vitest';
import {
  keepStyling,
  oneLine,
  preview,
  terminalJson,
  terminalLine,
  terminalSafe,
  terminalText,
} from '../../src/ui/terminal-text.js';
import { HOSTILE, rawControls, SEQUENCES } from '../support/hostile-text.js';

describe('terminal text', () => {
  it('shows each control sequence as symbols: C0 as control pictures, DEL as ␡, C1 as the ESC form', () => {
    expect(terminalText(SEQUENCES.clipboard)).toBe('␛]52;c;SEFDS0VE␇');
    expect(terminalText(SEQUENCES.title2)).toBe('␛]2;PWNED-TITLE2␛\\');
    expect(terminalText(SEQUENCES.reset)).toBe('␛c');
    expect(terminalText(SEQUENCES.decrqss)).toBe('␛P$qm␛\\');
    expect(terminalText(SEQUENCES.csi8)).toBe('␛[6n');
    expect(terminalText(SEQUENCES.osc8)).toBe('␛]0;PWNED-C1␇');
    expect(terminalText(SEQUENCES.rewrite)).toBe('safe␈␈␈␈evil␍hidden');
    expect(terminalText(SEQUENCES.del)).toBe('x␡y');
    expect(terminalText(SEQUENCES.nul)).toBe('a␀b');
    expect(rawControls(terminalText(HOSTILE))).toEqual([]);
  });

  it('keeps line feeds and tabs in multi-line text, reads CRLF as a line feed, and is idempotent', () => {
    const text = 'one\r\ntwo\tcol\nthree\u001b[31m';
    expect(terminalText(text)).toBe('one\ntwo\tcol\nthree␛[31m');
    expect(terminalText(terminalText(HOSTILE))).toBe(terminalText(HOSTILE));
    expect(terminalText('plain text, ünïcode ✓ 🏆')).toBe('plain text, ünïcode ✓ 🏆');
  });

  it('shows line feeds and tabs too on a line of its own, so a value cannot start a line', () => {
    expect(terminalLine('ERROR: x\nWINNER: forged\t!')).toBe('ERROR: x␊WINNER: forged␉!');
    expect(oneLine('  a\n\n b\u001b[2J  ')).toBe('a b␛[2J');
    expect(preview(`x\u001b]0;t\u0007${'y'.repeat(20)}`, 10)).toBe('x␛]0;t␇yyy…');
  });

  it('keeps our colour sequences (SGR) in rendered text and shows every other control', () => {
    const styled = `\u001b[1mbold\u001b[22m \u001b[38;5;12mblue\u001b[39m ${SEQUENCES.title}${SEQUENCES.clear}`;
    expect(keepStyling(styled)).toBe(
      '\u001b[1mbold\u001b[22m \u001b[38;5;12mblue\u001b[39m ␛]0;PWNED-TITLE␇␛[2J␛[3J',
    );
  });

  it('makes every string of an event safe, keys included, and leaves the other values alone', () => {
    const event = {
      type: 'tool-call',
      agentId: 'a\u001b[2J',
      input: { [`k${SEQUENCES.reset}`]: [SEQUENCES.cursorReport, 3, null, true], n: 1 },
      seq: 7,
    };
    expect(terminalSafe(event)).toEqual({
      type: 'tool-call',
      agentId: 'a␛[2J',
      input: { 'k␛c': ['␛[6n', 3, null, true], n: 1 },
      seq: 7,
    });
  });

  it('writes JSON whose DEL and C1 characters are \\u escapes: the same value, no raw control', () => {
    const value = { q: `${SEQUENCES.csi8} ${SEQUENCES.clipboard} x\u007f` };
    const json = terminalJson(value);
    expect(rawControls(json)).toEqual([]);
    expect(JSON.parse(json)).toEqual(value);
  });
});
