import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { wantsLiveUi } from '../../src/ui/display-choice.js';
import { createLazyTui } from '../../src/ui/tui/lazy-tui.js';
import { demoEvents } from './helpers.js';

describe('display choice', () => {
  const tty = { isTTY: true };
  it('uses the live UI only on a terminal, for rich_terminal, outside automation and CI', () => {
    expect(wantsLiveUi({ stdout: tty, env: {} })).toBe(true);
    expect(wantsLiveUi({ stdout: tty, env: {}, displayType: 'rich_terminal' })).toBe(true);
    expect(wantsLiveUi({ stdout: { isTTY: false }, env: {} })).toBe(false);
    expect(wantsLiveUi({ stdout: tty, env: {}, automation: true })).toBe(false);
    expect(wantsLiveUi({ stdout: tty, env: {}, displayType: 'simple' })).toBe(false);
    expect(wantsLiveUi({ stdout: tty, env: {}, displayType: 'terminal' })).toBe(false);
    expect(wantsLiveUi({ stdout: tty, env: { TERM: 'dumb' } })).toBe(false);
    expect(wantsLiveUi({ stdout: tty, env: { CI: 'true' } })).toBe(false);
    expect(wantsLiveUi({ stdout: tty, env: { CI: '0' } })).toBe(true);
  });
});

describe('terminal UI display', () => {
  it('holds events while Ink loads, then prints the final answer and summary when closed', async () => {
    const stdout = Object.assign(new PassThrough(), { columns: 100, rows: 30, isTTY: false });
    const stdin = Object.assign(new PassThrough(), { isTTY: false });
    let text = '';
    stdout.on('data', (d) => {
      text += String(d);
    });
    const tui = createLazyTui({
      onInterrupt: () => {},
      patchConsole: false,
      stdout: stdout as unknown as NodeJS.WriteStream,
      stdin: stdin as unknown as NodeJS.ReadStream,
    });
    for (const event of demoEvents()) tui.onEvent(event);
    tui.setLogDir('/somewhere/turn_1');
    await tui.close();
    expect(text).toContain('Final answer (gemini):');
    expect(text).toContain('Event sourcing: the trade-offs');
    expect(text).toMatch(
      /★ Winner: gemini \(votes: gemini 2, gpt5mini 1\) · completed in \d+\.\ds\n.*logs: \/somewhere\/turn_1/,
    );
  });

  it('closes at once when the run failed before its first event', async () => {
    const tui = createLazyTui({ onInterrupt: () => {} });
    const started = Date.now();
    await tui.close();
    expect(Date.now() - started).toBeLessThan(100);
  });
});
