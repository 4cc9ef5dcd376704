import { useState } from 'react';
import { api } from '../api/client.js';
import { errorMessage } from '../lib/error-message.js';
import { useRun } from '../lib/use-run.js';
import { formatCost, formatTokens, runTotals } from '../state/selectors.js';
import { AgentsView } from './agents-view.js';
import { ApprovalModal } from './approval-modal.js';
import { CompareView } from './compare-view.js';
import { ContinueForm } from './continue-form.js';
import { FinalAnswer } from './final-answer.js';
import { ReplayControls } from './replay-controls.js';
import { TimelineView } from './timeline-view.js';
import { VotesView } from './vote-graph.js';
import { WorkspaceView } from './workspace-view.js';

const TABS = ['agents', 'votes', 'compare', 'timeline', 'workspace'] as const;
type Tab = (typeof TABS)[number];

/** `/runs/:id`: the run live while it runs, a replay afterwards, with the same views. */
export function RunPage({ runId }: { runId: string }) {
  const run = useRun(runId);
  const [tab, setTab] = useState<Tab>('agents');
  const [cancelError, setCancelError] = useState<string>();
  const { state, detail } = run;

  if (run.mode === 'error') {
    return (
      <p className="error card" role="alert" data-testid="run-error">
        {run.error}
      </p>
    );
  }
  const status =
    state.end?.status ??
    (run.mode === 'live' ? 'running' : run.player ? 'replaying' : (detail?.status ?? 'loading'));
  const totals = runTotals(state);
  const live = run.mode === 'live' && state.end === undefined;
  const sessionId = detail?.sessionId ?? state.sessionId;

  const cancel = () => {
    setCancelError(undefined);
    api.cancelRun(runId).catch((e: unknown) => setCancelError(errorMessage(e)));
  };

  return (
    <div className="run-page" data-testid="run-page" data-run-id={runId} data-last-seq={state.lastSeq}>
      <section className="card run-header">
        <h1 data-testid="run-question">{state.question || detail?.question || runId}</h1>
        <div className="row">
          <span className={`badge status-${status}`} data-testid="run-status">
            {status}
          </span>
          {run.reconnecting && <span className="badge">reconnecting…</span>}
          <span data-testid="total-tokens">{formatTokens(totals.tokens)} tokens</span>
          <span data-testid="total-cost">
            {totals.cost === undefined ? (totals.unpriced ? 'unpriced' : '$0') : formatCost(totals.cost)}
            {totals.cost !== undefined && totals.unpriced ? ' + unpriced calls' : ''}
          </span>
          <span className="muted">{state.order.length} agents</span>
          {state.attempt.max > 1 && (
            <span className="muted">
              attempt {state.attempt.number}/{state.attempt.max}
            </span>
          )}
          {state.end && <span className="muted">{(state.end.durationMs / 1000).toFixed(1)}s</span>}
          {live && (
            <button type="button" className="danger" onClick={cancel} data-testid="cancel-button">
              Cancel run
            </button>
          )}
          {run.player && <ReplayControls player={run.player} tick={run.playerTick} />}
          {run.mode === 'live' && state.end && (
            <button type="button" onClick={() => window.location.reload()} data-testid="replay-live">
              Replay
            </button>
          )}
        </div>
        {state.end?.error && <p className="error">{state.end.error}</p>}
        {cancelError && <p className="error">{cancelError}</p>}
        {state.notices
          .filter((n) => n.level !== 'info' && n.agentId === undefined)
          .map((n) => (
            <p key={`${n.level}:${n.message}`} className={`note note-${n.level}`}>
              {n.message}
            </p>
          ))}
      </section>
      <FinalAnswer state={state} runId={runId} filesReady={run.streamEnded} />
      <div className="tabs" role="tablist" aria-label="Run views">
        {TABS.map((t) => (
          <button
            key={t}
            type="button"
            role="tab"
            aria-selected={tab === t}
            className={tab === t ? 'active' : ''}
            onClick={() => setTab(t)}
            data-testid={`tab-${t}`}
          >
            {t[0]!.toUpperCase() + t.slice(1)}
          </button>
        ))}
      </div>
      <div role="tabpanel">
        {tab === 'agents' && <AgentsView state={state} />}
        {tab === 'votes' && <VotesView state={state} />}
        {tab === 'compare' && <CompareView state={state} />}
        {tab === 'timeline' && <TimelineView state={state} />}
        {tab === 'workspace' && <WorkspaceView runId={runId} />}
      </div>
      {live && <ApprovalModal runId={runId} approvals={state.approvals} />}
      {state.end && sessionId && <ContinueForm runId={runId} sessionId={sessionId} />}
    </div>
  );
}
