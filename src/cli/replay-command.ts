/**
 * `massgen replay <log dir | events.jsonl | @examples/demo> [--speed N]`: plays a recorded run
 * through the same display a live run gets (the terminal UI on a terminal, the plain printer
 * otherwise), with the original timing divided by the speed.
 */
import path from 'node:path';
import { ConfigError } from '../errors.js';
import type { CoordinationEvent } from '../events/types.js';
import { terminalText } from '../ui/terminal-text.js';
import { EXIT } from './exit-codes.js';
import { outputClosedSignal } from './output-guard.js';
import { reportError } from './report-error.js';

export interface ReplayFlags {
  /** Playback speed: 1 = as recorded, 2 = twice as fast, 0 = as fast as possible. */
  speed?: string;
  /** Use the plain printer even on a terminal. */
  plain?: boolean;
  /** Plain printer: show reasoning too. */
  reasoning?: boolean;
}

/** Parses `--speed`: a number ≥ 0. */
export function parseSpeed(value: string | undefined): number {
  if (value === undefined) return 1;
  const speed = Number(value);
  if (value.trim() === '' || !Number.isFinite(speed) || speed < 0) {
    throw new ConfigError(
      `--speed must be a number ≥ 0 (1 = as recorded, 0 = as fast as possible), got "${value}".`,
    );
  }
  return speed;
}

export async function replayCommand(target: string, flags: ReplayFlags): Promise<number> {
  try {
    const speed = parseSpeed(flags.speed);
    const { createPlayback, readEventLog, resolveEventLog } = await import('../events/replay.js');
    const file = resolveEventLog(target);
    const events = await readEventLog(file);
    const playback = createPlayback(events, speed);
    const { wantsLiveUi } = await import('../ui/display-choice.js');
    const stop = new AbortController();
    if (!flags.plain && wantsLiveUi({ stdout: process.stdout, env: process.env })) {
      const { createTui } = await import('../ui/tui/tui-display.js');
      let quits = 0;
      const tui = createTui({
        onInterrupt: () => {
          if (++quits > 1) process.exit(EXIT.interrupted);
          stop.abort();
        },
        now: () => playback.now(),
        source: `replay${speed === 1 ? '' : ` ×${speed}`}`,
      });
      tui.setLogDir(path.dirname(file));
      const finished = await withSignals(stop, () => playback.play(tui.onEvent, stop.signal));
      await tui.close({ wait: finished });
      return finished ? EXIT.ok : EXIT.interrupted;
    }
    const { plainPrinter } = await import('../ui/plain-printer.js');
    const print: (event: CoordinationEvent) => void = plainPrinter({ reasoning: flags.reasoning });
    process.stdout.write(terminalText(`Replaying ${file}\n`));
    // A reader that went away (`| head`) has all it wanted: stop quietly.
    const closed = outputClosedSignal();
    const finished = await withSignals(stop, () =>
      playback.play(print, AbortSignal.any([stop.signal, closed])),
    );
    return finished || closed.aborted ? EXIT.ok : EXIT.interrupted;
  } catch (error) {
    return reportError(error);
  }
}

/** Runs `play` with Ctrl-C / SIGTERM stopping it. */
async function withSignals(stop: AbortController, play: () => Promise<boolean>): Promise<boolean> {
  const onSignal = () => stop.abort();
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    return await play();
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}
