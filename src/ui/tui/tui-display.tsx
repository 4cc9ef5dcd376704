/**
 * The live terminal UI as a display: feed it events, and close it when the run is over. Imported
 * lazily (with Ink and React) only when a run uses it.
 *
 * ```ts
 * const { createTui } = await import('./ui/tui/tui-display.js');
 * const tui = createTui({ onInterrupt: () => controller.abort() });
 * await runConfig(config, { question, signal: controller.signal, onEvent: tui.onEvent });
 * await tui.close({ wait: true });
 * ```
 */
import { render } from 'ink';
import type { CoordinationEvent } from '../../events/types.js';
import { usageCost } from '../cost.js';
import { App } from './app.js';
import { type ElicitationAnswer, type ElicitationAsk, ElicitationQueue } from './elicitation-queue.js';
import type { MarkdownRenderer } from './markdown.js';
import { TuiStore } from './store.js';
import { summaryLines } from './summary.js';

export interface TuiOptions {
  /**
   * q or Ctrl-C while the run goes on: interrupt it (abort the run's signal). Called again on a
   * second press, so the caller may give up waiting.
   */
  onInterrupt: () => void;
  stdout?: NodeJS.WriteStream;
  stdin?: NodeJS.ReadStream;
  /** The run's clock (a replay passes its virtual clock); default `Date.now`. */
  now?: () => number;
  /** Shown in the header, e.g. `replay`. */
  source?: string;
  /** Show console output above the UI instead of through it (default true; tests turn it off). */
  patchConsole?: boolean;
  /** Minimum time between frames; default 100 ms (10 frames a second). */
  frameMs?: number;
}

/** A running terminal UI. */
export interface TuiDisplay {
  /** Shows one event (frames are coalesced). */
  onEvent(event: CoordinationEvent): void;
  /** The turn's log folder, shown in the summary. */
  setLogDir(dir: string): void;
  /**
   * Ends the UI. With `wait` (and a keyboard, and a run that was not interrupted) it first stays on
   * screen until the user presses q, so they can look at the votes and outputs. Then the UI is
   * unmounted and the full final answer and the summary are printed below its last frame.
   */
  close(options?: { wait?: boolean }): Promise<void>;
  /** Asks the user an MCP server's elicitation in a prompt (the run's `onElicitation` port). */
  elicit(ask: ElicitationAsk): Promise<ElicitationAnswer>;
}

/** Creates the terminal UI; it draws its first frame on the first event. */
export function createTui(options: TuiOptions): TuiDisplay {
  const stdout = options.stdout ?? process.stdout;
  const stdin = options.stdin ?? process.stdin;
  const store = new TuiStore({
    price: usageCost,
    now: options.now,
    frameMs: options.frameMs,
    meta: { source: options.source },
  });
  let markdown: MarkdownRenderer | undefined;
  void import('./markdown.js').then(
    (m) => {
      markdown = m.createMarkdownRenderer();
      store.setMeta({ markdown });
    },
    () => {},
  );
  const elicitations = new ElicitationQueue();
  let instance: ReturnType<typeof render> | undefined;
  let leave: (() => void) | undefined;

  const onQuit = () => {
    if (leave) {
      leave();
      return;
    }
    store.setMeta({ interrupting: true });
    store.flush();
    options.onInterrupt();
  };

  const mount = () => {
    instance ??= render(<App store={store} onQuit={onQuit} elicitations={elicitations} />, {
      stdout,
      stdin,
      exitOnCtrlC: false,
      patchConsole: options.patchConsole ?? true,
      maxFps: Math.max(1, Math.round(1000 / (options.frameMs ?? 100))),
    });
  };

  return {
    onEvent(event) {
      store.dispatch(event);
      mount();
    },
    setLogDir(dir) {
      store.setMeta({ logDir: dir });
    },
    elicit(ask) {
      mount();
      return elicitations.ask(ask);
    },
    async close({ wait = false } = {}) {
      elicitations.cancelAll();
      if (!instance) {
        store.dispose();
        return;
      }
      const state = store.current();
      const canWait = wait && stdin.isTTY === true && !state.meta.interrupting && state.run.end !== undefined;
      if (canWait) {
        await new Promise<void>((resolve) => {
          leave = resolve;
          store.setMeta({ waiting: true });
          store.flush();
        });
      }
      store.setMeta({ closing: true });
      store.flush();
      await new Promise((resolve) => setTimeout(resolve, 20));
      instance.unmount();
      await instance.waitUntilExit().catch(() => {});
      store.dispose();
      printEnd(stdout, store, markdown);
    },
  };
}

/** After the UI: the whole final answer (Markdown) and the summary, left in the scrollback. */
function printEnd(stdout: NodeJS.WriteStream, store: TuiStore, markdown?: MarkdownRenderer): void {
  const { run, meta } = store.current();
  const width = Math.max(20, (stdout.columns ?? 80) - 2);
  let text = '';
  if (run.final.text !== '') {
    text += `\nFinal answer${run.final.agentId ? ` (${run.final.agentId})` : ''}:\n\n`;
    text += `${markdown ? markdown(run.final.text, width) : run.final.text}\n`;
  }
  const summary = summaryLines(run, meta.logDir);
  if (summary.length > 0) text += `\n${summary.join('\n')}\n`;
  stdout.write(text);
}
