/**
 * The terminal UI's root: picks the view (agents, one agent's full output, the vote table), handles
 * keys, and sizes everything to the terminal so a frame never scrolls it.
 */
import { Box, useInput, useStdin, useStdout } from 'ink';
import { useEffect, useState, useSyncExternalStore } from 'react';
import { DetailView } from './detail-view.js';
import { ELICITATION_PROMPT_HEIGHT, ElicitationPrompt } from './elicitation-prompt.js';
import type { ElicitationQueue, PendingElicitation } from './elicitation-queue.js';
import { Footer, type ViewName } from './footer.js';
import { Header, headerHeight } from './header.js';
import { MainView } from './main-view.js';
import type { TuiStore } from './store.js';
import { VoteTable } from './vote-table.js';

export interface AppProps {
  store: TuiStore;
  /** q or Ctrl-C: interrupt the run, or leave once it is over. The UI never exits the process. */
  onQuit: () => void;
  /** MCP elicitations to ask the user (a prompt above the footer, which then owns the keys). */
  elicitations?: ElicitationQueue;
  /** Terminal size; default the output stream's (tests pass their own). */
  columns?: number;
  rows?: number;
}

interface UiState {
  view: ViewName;
  focus: number;
  /** Detail view: lines up from the bottom. Votes: same. Final answer: first line shown. */
  detailScroll: number;
  voteScroll: number;
  finalScroll: number;
}

const noQuestions = { subscribe: () => () => {}, current: (): PendingElicitation | undefined => undefined };

export function App({ store, onQuit, columns, rows, elicitations }: AppProps) {
  const { run, meta, now } = useSyncExternalStore(store.subscribe, store.getSnapshot);
  const questions = elicitations ?? noQuestions;
  const pending = useSyncExternalStore(questions.subscribe, questions.current);
  const size = useTerminalSize(columns, rows);
  const { isRawModeSupported } = useStdin();
  const [ui, setUi] = useState<UiState>({
    view: 'main',
    focus: 0,
    detailScroll: 0,
    voteScroll: 0,
    finalScroll: 0,
  });
  const count = run.order.length;
  const page = Math.max(1, size.rows - 6);

  useInput(
    (input, key) => {
      if (pending && !(key.ctrl && input === 'c')) return;
      if (input === 'q' || (key.ctrl && input === 'c')) {
        onQuit();
        return;
      }
      setUi((s) => nextUiState(s, input, key, count, page));
    },
    { isActive: isRawModeSupported === true },
  );

  const height = Math.max(4, size.rows - 1);
  const head = headerHeight(run);
  const asking = pending !== undefined && !meta.closing;
  const body = Math.max(1, height - head - 1 - (asking ? ELICITATION_PROMPT_HEIGHT : 0));
  const stopped = run.end !== undefined && run.end.status !== 'completed';
  const focus = Math.min(ui.focus, Math.max(0, count - 1));
  const focusedId = run.order[focus];
  const focused = focusedId === undefined ? undefined : run.agents[focusedId];
  const view = meta.closing ? 'main' : ui.view;

  return (
    <Box flexDirection="column" width={size.columns} height={meta.closing ? undefined : height}>
      <Header run={run} now={now} source={meta.source} interrupting={meta.interrupting} />
      {view === 'detail' && focused ? (
        <DetailView
          agent={focused}
          index={focus}
          width={size.columns}
          height={body}
          scroll={ui.detailScroll}
          now={now}
          stopped={stopped}
        />
      ) : view === 'votes' ? (
        <VoteTable run={run} width={size.columns} height={body} scroll={ui.voteScroll} />
      ) : (
        <MainView
          run={run}
          meta={meta}
          now={now}
          width={size.columns}
          height={body}
          focus={focus}
          finalScroll={ui.finalScroll}
          compactOnly={meta.closing}
        />
      )}
      {asking ? (
        <ElicitationPrompt
          key={pending.id}
          pending={pending}
          width={size.columns}
          keys={isRawModeSupported === true}
          onAnswer={(answer) => elicitations?.settle(pending.id, answer)}
        />
      ) : null}
      {meta.closing ? null : (
        <Footer
          view={view}
          keys={isRawModeSupported === true}
          interrupting={meta.interrupting && !run.end}
          waiting={meta.waiting}
          agentCount={count}
          replay={meta.source !== undefined}
        />
      )}
    </Box>
  );
}

type Key = Parameters<Parameters<typeof useInput>[0]>[1];

/** The UI state after a key (q and Ctrl-C are handled before). */
export function nextUiState(s: UiState, input: string, key: Key, count: number, page: number): UiState {
  const digit = Number(input);
  if (/^[1-9]$/.test(input) && digit <= count) return { ...s, focus: digit - 1, detailScroll: 0 };
  if (key.leftArrow && count > 0) return { ...s, focus: (s.focus - 1 + count) % count, detailScroll: 0 };
  if (key.rightArrow && count > 0) return { ...s, focus: (s.focus + 1) % count, detailScroll: 0 };
  if (input === 'v') return { ...s, view: s.view === 'votes' ? 'main' : 'votes', voteScroll: 0 };
  if (key.escape) return { ...s, view: 'main' };
  if (key.return) return { ...s, view: s.view === 'detail' ? 'main' : 'detail', detailScroll: 0 };
  const delta = key.upArrow ? 1 : key.downArrow ? -1 : key.pageUp ? page : key.pageDown ? -page : 0;
  if (delta === 0) return s;
  if (s.view === 'detail') return { ...s, detailScroll: Math.max(0, s.detailScroll + delta) };
  if (s.view === 'votes') return { ...s, voteScroll: Math.max(0, s.voteScroll + delta) };
  return { ...s, finalScroll: Math.max(0, s.finalScroll - delta) };
}

/** The terminal size, following resizes; fixed when given. */
function useTerminalSize(columns?: number, rows?: number): { columns: number; rows: number } {
  const { stdout } = useStdout();
  const [size, setSize] = useState(() => ({ columns: stdout.columns ?? 80, rows: stdout.rows ?? 24 }));
  useEffect(() => {
    const onResize = () => setSize({ columns: stdout.columns ?? 80, rows: stdout.rows ?? 24 });
    stdout.on('resize', onResize);
    return () => {
      stdout.off('resize', onResize);
    };
  }, [stdout]);
  return { columns: columns ?? size.columns, rows: rows ?? size.rows };
}
