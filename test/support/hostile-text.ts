/**
 * Terminal control sequences a prompt-injected model (or a tool, a question, a log file) may try to
 * print, and a check that none of their control bytes reached a terminal.
 */

/** Each sequence, named for what a terminal would do with it. */
export const SEQUENCES = {
  /** OSC 52: write "HACKED" to the clipboard. */
  clipboard: '\u001b]52;c;SEFDS0VE\u0007',
  /** OSC 0 (BEL-terminated) and OSC 2 (ST-terminated): set the window title. */
  title: '\u001b]0;PWNED-TITLE\u0007',
  title2: '\u001b]2;PWNED-TITLE2\u001b\\',
  /** Erase the screen and the scrollback, and reset the terminal. */
  clear: '\u001b[2J\u001b[3J',
  reset: '\u001bc',
  /** Status queries: the terminal types its reply into our input. */
  cursorReport: '\u001b[6n',
  deviceAttributes: '\u001b[c',
  decrqss: '\u001bP$qm\u001b\\',
  /** The 8-bit forms: CSI (0x9B) and OSC (0x9D). */
  csi8: '\u009b6n',
  osc8: '\u009d0;PWNED-C1\u0007',
  /** Backspaces and a carriage return rewrite what was shown; DEL; NUL. */
  rewrite: 'safe\b\b\b\bevil\rhidden',
  del: 'x\u007fy',
  nul: 'a\u0000b',
} as const;

/** All of them in one text (no NUL: a command-line argument cannot hold one). */
export const HOSTILE = Object.entries(SEQUENCES)
  .filter(([name]) => name !== 'nul')
  .map(([name, seq]) => `<${name}:${seq}>`)
  .join(' ');

/** A control character no display of ours may print (line feed and tab are layout). */
const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

/** The control characters found in `text`, as `\uXXXX` with a little context, for a failure message. */
export function rawControls(text: string): string[] {
  return [...text.matchAll(RAW_CONTROL)].map((m) => {
    const code = m[0].charCodeAt(0).toString(16).padStart(4, '0');
    const around = JSON.stringify(text.slice(Math.max(0, m.index - 12), m.index + 12));
    return `\\u${code} in ${around}`;
  });
}

/** How the payload shows once neutralised (what a display prints instead). */
export const SHOWN = {
  clipboard: '␛]52;c;SEFDS0VE␇',
  title: '␛]0;PWNED-TITLE␇',
  cursorReport: '␛[6n',
  csi8: '␛[6n',
} as const;
