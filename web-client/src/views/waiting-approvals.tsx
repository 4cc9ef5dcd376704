import { useEffect, useState } from 'react';
import { api } from '../api/client.js';
import type { ApprovalInfo } from '../api/types.js';
import { Link } from './link.js';

/** How often the start page asks for the tool calls waiting for a person. */
const REFRESH_MS = 3000;

/** Tool calls of any run that wait for a decision, each linking to its run's page (where its dialog is). */
export function WaitingApprovals() {
  const [approvals, setApprovals] = useState<ApprovalInfo[]>([]);
  useEffect(() => {
    let live = true;
    let timer: number | undefined;
    const look = () => {
      api
        .listApprovals()
        .then((r) => live && setApprovals(r.approvals))
        .catch(() => {})
        .finally(() => {
          if (live) timer = window.setTimeout(look, REFRESH_MS);
        });
    };
    look();
    return () => {
      live = false;
      window.clearTimeout(timer);
    };
  }, []);
  if (approvals.length === 0) return null;
  return (
    <section className="card waiting" data-testid="waiting-approvals">
      <h2>Waiting for your approval</h2>
      <ul>
        {approvals.map((a) => (
          <li key={a.id} data-testid="waiting-approval" data-run-id={a.runId}>
            <Link to={`/runs/${encodeURIComponent(a.runId)}`}>
              {a.agentId}: <code>{a.toolName}</code>
            </Link>{' '}
            <span className={`badge risk-${a.risk.level}`}>{a.risk.level}</span>{' '}
            <span className="muted">{a.reason}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
