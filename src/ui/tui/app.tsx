/**
 * The terminal UI's root: picks the view (agents, one agent's full output, the vote table), handles
 * keys, and sizes everything to the terminal so a frame never scrolls it.
 */
import { Box, useInput, useStdin, useStdout } from 'ink';
import { useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { ApprovalPrompt, approvalPromptHeight } from './approval-prompt.js';
import type { ApprovalQueue, PendingApproval } from './approval-queue.js';
import { detailLines } from './detail-lines.js';
import { DetailView } from './detail-view.js';
import { ELICITATION_PROMPT_HEIGHT, ElicitationPrompt } from './elicitation-prompt.js';
import type { ElicitationQueue, PendingElicitation } from './elicitation-queue.js';
import { Footer, type ViewName } from './footer.js';
import { Header, headerHeight } from './header.js';
import { MainView } from './main-view.js';
import type { TuiStore } from './store.js';
import { VoteTable, voteLines } from './vote-table.js';

export interface AppProps {
  store: TuiStore;
  /**
   * q or Ctrl-C: interrupt the run, or leave once it is over (also Esc on the agents view then).
   * The UI never exits the process.
   */
  onQuit: () => void;
  /** MCP elicitations to ask the user (a prompt above the footer, which then owns the keys). */
  elicitations?: ElicitationQueue;
  /** Tool calls waiting for the user's approval (a modal above the footer, which then owns the keys). */
  approvals?: ApprovalQueue;
  /** Terminal size; default the output stream's (tests pass their own). */
  columns?: number;
  rows?: number;
}

/** What the keys change: the view, the focused agent and the scroll positions. */
export interface UiState {
  view: ViewName;
  focus: number;
  /** Detail view: lines up from the bottom. Votes: same. Final answer: first line shown. */
  detailScroll: number;
  voteScroll: number;
  finalScroll: number;
}

const noQuestions = { subscribe: () => () => {}, current: (): PendingElicitation | undefined => undefined };
const noApprovals = {
  subscribe: () => () => {},
  current: (): PendingApproval | undefined => undefined,
  size: () => 0,
};

/** How far the detail view and the vote table can scroll up (their lines beyond one screen). */
export interface ScrollLimits {
  detail: number;
  votes: number;
}

export function App({ store, onQuit, columns, rows, elicitations, approvals }: AppProps) {
  const { run, meta, now } = useSyncExternalStore(store.subscribe, store.getSnapshot);
  const questions = elicitations ?? noQuestions;
  const pending = useSyncExternalStore(questions.subscribe, questions.current);
  const asks = approvals ?? noApprovals;
  const approval = useSyncExternalStore(asks.subscribe, asks.current);
  const waiting = useSyncExternalStore(asks.subscribe, asks.size);
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
  const height = Math.max(4, size.rows - 1);
  const head = headerHeight(run);
  const asking = pending !== undefined && !meta.closing;
  // One modal at a time: an elicitation first, then the approvals in order.
  const approving = !asking && approval !== undefined && !meta.closing;
  const approvalHeight = approving
    ? approvalPromptHeight(approval.request, size.columns, Math.max(9, height - head - 4))
    : 0;
  const body = Math.max(1, height - head - 1 - (asking ? ELICITATION_PROMPT_HEIGHT : 0) - approvalHeight);
  const stopped = run.end !== undefined && run.end.status !== 'completed';
  const focus = Math.min(ui.focus, Math.max(0, count - 1));
  const focusedId = run.order[focus];
  const focused = focusedId === undefined ? undefined : run.agents[focusedId];
  const view = meta.closing ? 'main' : ui.view;
  const lines = useMemo(
    () => (view === 'detail' && focused ? detailLines(focused, size.columns, meta.markdown) : []),
    [view, focused, size.columns, meta.markdown],
  );
  // Read by the key handler, which may run before React has re-subscribed it after a render.
  const latest = useRef({ limits: { detail: 0, votes: 0 }, view: ui.view, browsing: meta.browsing });
  latest.current = {
    limits: {
      detail: Math.max(0, lines.length - Math.max(1, body - 3)),
      votes: view === 'votes' ? Math.max(0, voteLines(run, size.columns).length - Math.max(1, body - 1)) : 0,
    },
    view: ui.view,
    browsing: meta.browsing,
  };

  useInput(
    (input, key) => {
      // An elicitation prompt or the approval modal owns the keys (Ctrl-C still interrupts).
      if ((pending || approval) && !(key.ctrl && input === 'c')) return;
      const now = latest.current;
      const leave = now.browsing !== undefined && key.escape && now.view === 'main';
      if (input === 'q' || (key.ctrl && input === 'c') || leave) {
        onQuit();
        return;
      }
      setUi((s) => nextUiState(s, input, key, count, page, now.limits));
    },
    { isActive: isRawModeSupported === true },
  );
  // Declared after useInput, so this runs once the keys are read: the key help shows from then on.
  const [listening, setListening] = useState(false);
  useEffect(() => {
    if (isRawModeSupported === true) setListening(true);
  }, [isRawModeSupported]);

  return (
    <Box flexDirection="column" width={size.columns} height={meta.closing ? undefined : height}>
      <Header run={run} now={now} source={meta.source} interrupting={meta.interrupting} />
      {view === 'detail' && focused ? (
        <DetailView
          agent={focused}
          lines={lines}
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
      {approving ? (
        <ApprovalPrompt
          key={approval.id}
          pending={approval}
          waiting={waiting}
          width={size.columns}
          height={approvalHeight}
          keys={isRawModeSupported === true}
          onChoice={(choice) => approvals?.settle(approval.id, choice)}
        />
      ) : null}
      {meta.closing ? null : (
        <Footer
          view={view}
          keys={isRawModeSupported === true}
          listening={listening}
          interrupting={meta.interrupting && !run.end}
          browsing={meta.browsing}
          agentCount={count}
          replay={meta.source !== undefined}
          interactive={meta.interactive}
        />
      )}
    </Box>
  );
}

type Key = Parameters<Parameters<typeof useInput>[0]>[1];

/** The UI state after a key (q and Ctrl-C are handled before); scrolling stops at `limits`. */
export function nextUiState(
  s: UiState,
  input: string,
  key: Key,
  count: number,
  page: number,
  limits: ScrollLimits = { detail: Number.POSITIVE_INFINITY, votes: Number.POSITIVE_INFINITY },
): UiState {
  const digit = Number(input);
  if (/^[1-9]$/.test(input) && digit <= count) return { ...s, focus: digit - 1, detailScroll: 0 };
  if (key.leftArrow && count > 0) return { ...s, focus: (s.focus - 1 + count) % count, detailScroll: 0 };
  if (key.rightArrow && count > 0) return { ...s, focus: (s.focus + 1) % count, detailScroll: 0 };
  if (input === 'v') return { ...s, view: s.view === 'votes' ? 'main' : 'votes', voteScroll: 0 };
  if (key.escape) return { ...s, view: 'main' };
  if (key.return) return { ...s, view: s.view === 'detail' ? 'main' : 'detail', detailScroll: 0 };
  const far = Number.MAX_SAFE_INTEGER;
  const delta = key.upArrow
    ? 1
    : key.downArrow
      ? -1
      : key.pageUp
        ? page
        : key.pageDown
          ? -page
          : key.home
            ? far
            : key.end
              ? -far
              : 0;
  if (delta === 0) return s;
  const within = (value: number, max: number) => Math.max(0, Math.min(max, value));
  if (s.view === 'detail') return { ...s, detailScroll: within(s.detailScroll + delta, limits.detail) };
  if (s.view === 'votes') return { ...s, voteScroll: within(s.voteScroll + delta, limits.votes) };
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
