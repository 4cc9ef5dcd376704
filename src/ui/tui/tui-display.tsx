/**
 * The live terminal UI as a display: feed it events, and close it when the run is over. Imported
 * lazily (with Ink and React) only when a run uses it.
 *
 * ```ts
 * const { createTui } = await import('./ui/tui/tui-display.js');
 * const tui = createTui({ onInterrupt: () => controller.abort() });
 * await runConfig(config, { question, signal: controller.signal, onEvent: tui.onEvent });
 * await tui.close();
 * ```
 */
import { render } from 'ink';
import type { CoordinationEvent } from '../../events/types.js';
import type { ApprovalDecision, ApprovalRequest } from '../../types/safety.js';
import { usageCost } from '../cost.js';
import { terminalText } from '../terminal-text.js';
import { App } from './app.js';
import { ApprovalQueue } from './approval-queue.js';
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
  /** A turn of interactive mode: interrupting cancels the turn and the prompt comes back (footer text). */
  interactive?: boolean;
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
   * Ends the live UI: its last frame shrinks to one line per agent, and the whole final answer
   * (Markdown) and the summary are printed below it, so they stay in the scrollback. With `wait`
   * (and a keyboard, and a run that was not interrupted) it first stays on screen until the user
   * presses q, so the votes and outputs can be looked at.
   */
  close(options?: { wait?: boolean }): Promise<void>;
  /** Asks the user an MCP server's elicitation in a prompt (the run's `onElicitation` port). */
  elicit(ask: ElicitationAsk): Promise<ElicitationAnswer>;
  /** Asks the user to approve a tool call in a modal (the run's `onApproval` port). */
  approve(request: ApprovalRequest): Promise<ApprovalDecision>;
  /**
   * After {@link close}: shows the finished run again, with every key of the live UI, until the
   * user leaves (q, Esc or Ctrl-C); then erases it. Resolves to false at once when there is
   * nothing to show (no keyboard, no run, or the UI is still live).
   */
  browse(): Promise<boolean>;
}

/** Creates the terminal UI; it draws its first frame on the first event. */
export function createTui(options: TuiOptions): TuiDisplay {
  const stdout = options.stdout ?? process.stdout;
  const stdin = options.stdin ?? process.stdin;
  const store = new TuiStore({
    price: usageCost,
    now: options.now,
    frameMs: options.frameMs,
    meta: { source: options.source, interactive: options.interactive },
  });
  let markdown: MarkdownRenderer | undefined;
  const markdownLoaded = import('./markdown.js').then(
    (m) => {
      markdown = m.createMarkdownRenderer();
      store.setMeta({ markdown });
    },
    () => {},
  );
  const elicitations = new ElicitationQueue();
  const approvals = new ApprovalQueue();
  let instance: Instance | undefined;
  let closed = false;
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

  const mount = (): Instance =>
    render(<App store={store} onQuit={onQuit} elicitations={elicitations} approvals={approvals} />, {
      stdout,
      stdin,
      exitOnCtrlC: false,
      patchConsole: options.patchConsole ?? true,
      maxFps: Math.max(1, Math.round(1000 / (options.frameMs ?? 100))),
    });

  /** Until the user leaves (q). */
  const stay = (browsing: 'exit' | 'prompt') =>
    new Promise<void>((resolve) => {
      leave = () => {
        leave = undefined;
        resolve();
      };
      store.setMeta({ browsing });
      store.flush();
    });

  /** Publishes the last state and lets Ink draw it before going on. */
  const settle = async () => {
    store.flush();
    await new Promise((resolve) => setTimeout(resolve, 20));
  };

  return {
    onEvent(event) {
      store.dispatch(event);
      if (!closed) instance ??= mount();
    },
    setLogDir(dir) {
      store.setMeta({ logDir: dir });
    },
    elicit(ask) {
      if (!closed) instance ??= mount();
      return elicitations.ask(ask);
    },
    approve(request) {
      if (!closed) instance ??= mount();
      else return Promise.resolve(closedDecision);
      return approvals.ask(request);
    },
    async close({ wait = false } = {}) {
      if (closed) return;
      closed = true;
      elicitations.cancelAll();
      approvals.cancelAll();
      if (!instance) {
        store.dispose();
        return;
      }
      const state = store.current();
      if (wait && stdin.isTTY === true && !state.meta.interrupting && state.run.end !== undefined) {
        await stay('exit');
      }
      store.setMeta({ closing: true, browsing: undefined });
      await settle();
      instance.unmount();
      await instance.waitUntilExit().catch(() => {});
      instance = undefined;
      store.dispose();
      // The whole answer is printed as Markdown when the renderer is there (it loads with Ink).
      await Promise.race([markdownLoaded, new Promise((resolve) => setTimeout(resolve, 500).unref())]);
      printEnd(stdout, store, markdown);
    },
    async browse() {
      if (!closed || instance || stdin.isTTY !== true || store.current().run.order.length === 0) return false;
      store.setMeta({ closing: false, interrupting: false });
      store.flush();
      const shown = mount();
      instance = shown;
      try {
        await stay('prompt');
        await settle();
      } finally {
        // Leave nothing behind: the prompt comes back where the view began.
        shown.clear();
        shown.unmount();
        await shown.waitUntilExit().catch(() => {});
        instance = undefined;
        store.setMeta({ closing: true, browsing: undefined });
        store.dispose();
      }
      return true;
    },
  };
}

type Instance = ReturnType<typeof render>;

const closedDecision: ApprovalDecision = {
  approved: false,
  scope: 'once',
  by: 'timeout',
  feedback: 'the terminal UI closed before anyone decided',
};

/** After the UI: the whole final answer (Markdown) and the summary, left in the scrollback. */
function printEnd(stdout: NodeJS.WriteStream, store: TuiStore, markdown?: MarkdownRenderer): void {
  const { run, meta } = store.current();
  const width = Math.max(20, (stdout.columns ?? 80) - 2);
  // The view's texts are safe already (reducer.ts) and rendered Markdown keeps only its colours
  // (markdown.ts); the log folder is printed through terminalText all the same.
  let text = '';
  if (run.final.text !== '') {
    text += `\nFinal answer${run.final.agentId ? ` (${run.final.agentId})` : ''}:\n\n`;
    text += `${markdown ? markdown(run.final.text, width) : terminalText(run.final.text)}\n`;
  }
  const summary = summaryLines(run, meta.logDir);
  if (summary.length > 0) text += `\n${terminalText(summary.join('\n'))}\n`;
  stdout.write(text);
}
