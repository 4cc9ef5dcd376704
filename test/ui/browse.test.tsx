import { PassThrough } from 'node:stream';
import { describe, expect, it, vi } from 'vitest';
import { createTui } from '../../src/ui/tui/tui-display.js';

// Ink draws only its last frame when it thinks it runs in CI; a person browsing is never in CI (the
// CLI shows no live UI there), so the browsing view is tested as a terminal shows it.
vi.hoisted(() => {
  delete process.env.CI;
  delete process.env.CONTINUOUS_INTEGRATION;
});

import { demoEvents } from './helpers.js';

/** A keyboard: a stream Ink can read, with raw mode recorded. */
function keyboard() {
  const raw: boolean[] = [];
  const stdin = Object.assign(new PassThrough(), {
    isTTY: true,
    setRawMode: (mode: boolean) => raw.push(mode),
    ref: () => {},
    unref: () => {},
  });
  return { stdin, raw };
}

function screen() {
  const stdout = Object.assign(new PassThrough(), { columns: 100, rows: 30, isTTY: true });
  let text = '';
  stdout.on('data', (d) => {
    text += String(d);
  });
  return { stdout, text: () => text };
}

const ERASE_LINE = '\u001b[2K';

describe('browsing a finished run', () => {
  it('shows the run again until q, then erases itself; raw mode is on only while a view reads keys', async () => {
    const out = screen();
    const { stdin, raw } = keyboard();
    const tui = createTui({
      onInterrupt: () => {},
      patchConsole: false,
      stdout: out.stdout as unknown as NodeJS.WriteStream,
      stdin: stdin as unknown as NodeJS.ReadStream,
    });
    for (const event of demoEvents()) tui.onEvent(event);
    await tui.close();
    expect(out.text()).toContain('Final answer (gemini):');
    const closed = out.text().length;

    const browsing = tui.browse();
    await vi.waitFor(() => expect(out.text().slice(closed)).toContain('q back to the prompt'), {
      timeout: 10_000,
    });
    const view = out.text().slice(closed);
    expect(view).toContain('Final answer · gemini');
    expect(view).toContain('★ Winner: gemini');
    await vi.waitFor(() => expect(stdin.listenerCount('readable')).toBe(1), { timeout: 10_000 });
    stdin.write('q');
    expect(await browsing).toBe(true);
    const after = out.text().slice(out.text().lastIndexOf('q back to the prompt'));
    // Every line of the view (one less than the terminal's 30) and the line below it is erased,
    // and nothing is drawn again.
    expect(after.split(ERASE_LINE)).toHaveLength(31);
    expect(after.replace(/\u001b\[[0-9;?]*[A-Za-z]/g, '')).toBe('q back to the prompt\n');
    expect(raw).toEqual([true, false, true, false]);
    expect(stdin.listenerCount('readable')).toBe(0);
  });

  it('does nothing without a keyboard, or before the UI was closed', async () => {
    const out = screen();
    const stdin = Object.assign(new PassThrough(), { isTTY: false });
    const tui = createTui({
      onInterrupt: () => {},
      patchConsole: false,
      stdout: out.stdout as unknown as NodeJS.WriteStream,
      stdin: stdin as unknown as NodeJS.ReadStream,
    });
    for (const event of demoEvents()) tui.onEvent(event);
    expect(await tui.browse()).toBe(false);
    await tui.close();
    const closed = out.text().length;
    expect(await tui.browse()).toBe(false);
    expect(out.text().length).toBe(closed);
  });
});
