/**
 * The terminal UI without waiting for it: Ink, React and the price table take about half a second
 * to load, so a run starts at once and its events are held until the UI is ready (usually before
 * the first model reply). Importing this module loads nothing heavy.
 */
import type { CoordinationEvent } from '../../events/types.js';
import type { TuiDisplay, TuiOptions } from './tui-display.js';

/** A {@link TuiDisplay} that loads the UI in the background and replays held events into it. */
export function createLazyTui(options: TuiOptions): TuiDisplay {
  let display: TuiDisplay | undefined;
  let shown = false;
  let held: Array<(d: TuiDisplay) => void> = [];
  const ready = import('./tui-display.js').then((m) => {
    const created = m.createTui(options);
    for (const apply of held) apply(created);
    held = [];
    display = created;
    return created;
  });
  // A failed load surfaces in close(); until then events are only held.
  ready.catch(() => {});
  const later = (apply: (d: TuiDisplay) => void) => {
    if (display) apply(display);
    else held.push(apply);
  };
  return {
    onEvent: (event: CoordinationEvent) => {
      shown = true;
      later((d) => d.onEvent(event));
    },
    setLogDir: (dir: string) => later((d) => d.setLogDir(dir)),
    elicit: async (ask) => {
      shown = true;
      return (await ready).elicit(ask);
    },
    approve: async (request) => {
      shown = true;
      return (await ready).approve(request);
    },
    // A run that failed before its first event never drew anything: nothing to wait for.
    close: async (closeOptions) => {
      if (shown || display) await (await ready).close(closeOptions);
    },
    browse: async () => (shown || display ? (await ready).browse() : false),
  };
}
