import { useEffect, useState } from 'react';
import { api } from '../api/client.js';
import type { RunSummary } from '../api/types.js';
import { errorMessage } from '../lib/error-message.js';
import { useDebounced } from '../lib/use-debounced.js';
import { formatCost, formatTokens } from '../state/selectors.js';
import { Link } from './link.js';

/** Every past run from the log folders, newest first, searchable by question. */
export function HistoryList() {
  const [q, setQ] = useState('');
  const query = useDebounced(q.trim(), 250);
  const [runs, setRuns] = useState<RunSummary[]>();
  const [error, setError] = useState<string>();

  useEffect(() => {
    let live = true;
    api
      .listRuns(query)
      .then((r) => {
        if (!live) return;
        setRuns(r.runs);
        setError(undefined);
      })
      .catch((e: unknown) => live && setError(errorMessage(e)));
    return () => {
      live = false;
    };
  }, [query]);

  return (
    <section className="card history" data-testid="history">
      <h2>History</h2>
      <input
        type="search"
        value={q}
        onChange={(e) => setQ(e.target.value)}
        placeholder="Search questions"
        aria-label="Search runs by question"
        data-testid="history-search"
      />
      {error && <p className="error">{error}</p>}
      {runs?.length === 0 && <p className="muted">No runs{query ? ` match “${query}”` : ' yet'}.</p>}
      {runs && runs.length > 0 && (
        <table className="history-table" data-testid="history-table" data-query={query}>
          <thead>
            <tr>
              <th>Question</th>
              <th>Status</th>
              <th>Winner</th>
              <th>Started</th>
              <th>Duration</th>
              <th>Tokens</th>
              <th>Cost</th>
            </tr>
          </thead>
          <tbody>
            {runs.map((r) => (
              <tr key={r.id} data-testid="history-row" data-run-id={r.id}>
                <td>
                  <Link to={`/runs/${encodeURIComponent(r.id)}`}>{r.question || r.id}</Link>
                </td>
                <td>
                  <span className={`badge status-${r.status}`}>
                    {r.live ? `${r.status} · live` : r.status}
                  </span>
                </td>
                <td>{r.winner ?? '—'}</td>
                <td>{new Date(r.startedAt).toLocaleString()}</td>
                <td>{r.durationMs === undefined ? '—' : `${(r.durationMs / 1000).toFixed(1)}s`}</td>
                <td>{r.tokens === undefined ? '—' : formatTokens(r.tokens)}</td>
                <td>{r.costUsd === undefined ? '—' : formatCost(r.costUsd)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
