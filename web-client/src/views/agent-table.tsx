import { memo } from 'react';
import type { AgentState, RunState } from '../state/run-state.js';
import { currentTally, formatTokens } from '../state/selectors.js';
import { costText, StatusBadge } from './agent-panel.js';

const AgentRow = memo(function AgentRow(props: {
  agent: AgentState;
  received: number;
  onOpen: (id: string) => void;
}) {
  const { agent: a, onOpen } = props;
  return (
    <tr
      data-testid="agent-row"
      data-agent-id={a.id}
      data-last-seq={a.lastSeq}
      tabIndex={0}
      onClick={() => onOpen(a.id)}
      onKeyDown={(e) => e.key === 'Enter' && onOpen(a.id)}
    >
      <td>
        {a.id} <span className="muted">{a.label}</span>
      </td>
      <td className="muted">{a.model}</td>
      <td>
        <StatusBadge agent={a} />
      </td>
      <td data-testid="row-answers">{a.answers.length}</td>
      <td>{a.votesCast}</td>
      <td>{props.received}</td>
      <td>{formatTokens(a.usage.inputTokens + a.usage.outputTokens)}</td>
      <td>{costText(a)}</td>
    </tr>
  );
});

/** The compact view for many agents: one row each (only changed rows render again); a click opens the agent. */
export function AgentTable(props: { state: RunState; onOpen: (id: string) => void }) {
  const { state } = props;
  const tally = currentTally(state);
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
        {state.order.map((id) => (
          <AgentRow key={id} agent={state.agents[id]!} received={tally[id] ?? 0} onOpen={props.onOpen} />
        ))}
      </tbody>
    </table>
  );
}
