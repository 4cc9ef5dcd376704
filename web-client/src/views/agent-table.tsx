import type { RunState } from '../state/run-state.js';
import { formatTokens } from '../state/selectors.js';
import { costText, StatusBadge } from './agent-panel.js';

/** The compact view for many agents: one row each; a click opens the agent. */
export function AgentTable(props: { state: RunState; onOpen: (id: string) => void }) {
  const { state } = props;
  const tally: Record<string, number> = {};
  for (const round of state.rounds.slice(-1)) {
    for (const v of round.votes)
      if (v.ignored === undefined) tally[v.votedFor] = (tally[v.votedFor] ?? 0) + 1;
  }
  return (
    <table className="agent-table" data-testid="agent-table">
      <thead>
        <tr>
          <th>Agent</th>
          <th>Model</th>
          <th>Status</th>
          <th>Answers</th>
          <th>Votes cast</th>
          <th>Votes received</th>
          <th>Tokens</th>
          <th>Cost</th>
        </tr>
      </thead>
      <tbody>
        {state.order.map((id) => {
          const a = state.agents[id]!;
          return (
            <tr
              key={id}
              data-testid="agent-row"
              data-agent-id={id}
              data-last-seq={a.lastSeq}
              tabIndex={0}
              onClick={() => props.onOpen(id)}
              onKeyDown={(e) => e.key === 'Enter' && props.onOpen(id)}
            >
              <td>
                {id} <span className="muted">{a.label}</span>
              </td>
              <td className="muted">{a.model}</td>
              <td>
                <StatusBadge agent={a} />
              </td>
              <td data-testid="row-answers">{a.answers.length}</td>
              <td>{a.votesCast}</td>
              <td>{tally[id] ?? 0}</td>
              <td>{formatTokens(a.usage.inputTokens + a.usage.outputTokens)}</td>
              <td>{costText(a)}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
