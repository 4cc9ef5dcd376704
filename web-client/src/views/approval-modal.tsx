import { useEffect, useState } from 'react';
import { api } from '../api/client.js';
import type { ApprovalScope } from '../api/types.js';
import { errorMessage } from '../lib/error-message.js';
import type { PendingApproval } from '../state/run-state.js';
import { asText } from './stream-item.js';

/** The API id of the pending request of this run with `requestId`, once the server lists it. */
function useApprovalId(runId: string, pending: PendingApproval | undefined): string | undefined {
  const [id, setId] = useState<string>();
  const requestId = pending?.requestId;
  useEffect(() => {
    setId(undefined);
    if (requestId === undefined) return;
    let live = true;
    let timer: number | undefined;
    const look = () => {
      api
        .listApprovals()
        .then(({ approvals }) => {
          if (!live) return;
          const found = approvals.find(
            (a) => (a.requestId === undefined || a.requestId === requestId) && a.runId === runId,
          );
          if (found) setId(found.id);
          else timer = window.setTimeout(look, 300);
        })
        .catch(() => {
          if (live) timer = window.setTimeout(look, 1000);
        });
    };
    look();
    return () => {
      live = false;
      window.clearTimeout(timer);
    };
  }, [runId, requestId]);
  return id;
}

/** A tool call waiting for a decision: the agent, the tool, its risk and arguments; approve or deny. */
export function ApprovalModal({ runId, approvals }: { runId: string; approvals: PendingApproval[] }) {
  const [sent, setSent] = useState<Set<string>>(new Set());
  const [feedback, setFeedback] = useState('');
  const [error, setError] = useState<string>();
  const pending = approvals.find((a) => !sent.has(a.requestId));
  const id = useApprovalId(runId, pending);
  if (!pending) return null;

  const decide = async (approved: boolean, scope: ApprovalScope) => {
    if (id === undefined) return;
    setError(undefined);
    try {
      const body =
        feedback.trim() === '' ? { approved, scope } : { approved, scope, feedback: feedback.trim() };
      await api.decide(id, body);
      setSent((s) => new Set(s).add(pending.requestId));
      setFeedback('');
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  const { risk } = pending;
  return (
    <div className="modal-backdrop">
      <div
        className="modal card"
        role="dialog"
        aria-modal="true"
        aria-labelledby="approval-title"
        data-testid="approval-modal"
        data-request-id={pending.requestId}
      >
        <h2 id="approval-title">Approve this tool call?</h2>
        <dl>
          <dt>Agent</dt>
          <dd data-testid="approval-agent">{pending.agentId}</dd>
          <dt>Tool</dt>
          <dd data-testid="approval-tool">
            <code>{pending.toolName}</code>
          </dd>
          <dt>Risk</dt>
          <dd data-testid="approval-risk">
            <span className={`badge risk-${risk.level}`}>{risk.level}</span>
            {risk.openWorld ? ' · reaches outside the machine' : ''}{' '}
            <span className="muted">({risk.reason})</span>
          </dd>
          <dt>Why</dt>
          <dd>{pending.reason}</dd>
        </dl>
        <div className="tool-part">Arguments</div>
        <pre data-testid="approval-input">{asText(pending.input)}</pre>
        <label>
          Message to the agent (optional)
          <textarea
            value={feedback}
            onChange={(e) => setFeedback(e.target.value)}
            rows={2}
            data-testid="approval-feedback"
          />
        </label>
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        {approvals.length > 1 && <p className="muted">{approvals.length - 1} more waiting</p>}
        <div className="buttons">
          <button
            type="button"
            disabled={id === undefined}
            onClick={() => decide(true, 'once')}
            data-testid="approve-once"
          >
            Approve once
          </button>
          <button
            type="button"
            disabled={id === undefined}
            onClick={() => decide(true, 'session')}
            data-testid="approve-session"
          >
            Approve for this run
          </button>
          <button
            type="button"
            disabled={id === undefined}
            onClick={() => decide(true, 'always')}
            data-testid="approve-always"
          >
            Always approve
          </button>
          <button
            type="button"
            className="danger"
            disabled={id === undefined}
            onClick={() => decide(false, 'once')}
            data-testid="deny"
          >
            Deny
          </button>
        </div>
      </div>
    </div>
  );
}
