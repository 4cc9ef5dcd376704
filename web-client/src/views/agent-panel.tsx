import { memo } from 'react';
import type { AgentState } from '../state/run-state.js';
import { formatCost, formatTokens } from '../state/selectors.js';
import { StreamItemView } from './stream-item.js';

/** Items a compact panel (the grid) shows: the latest ones. */
const COMPACT_ITEMS = 4;

export function StatusBadge({ agent }: { agent: AgentState }) {
  return (
    <span className={`badge agent-${agent.status}`} data-testid="agent-status" title={agent.detail}>
      {agent.status}
    </span>
  );
}

export function costText(agent: AgentState): string {
  if (agent.cost === undefined) return agent.unpriced ? 'unpriced' : '$0';
  return `${formatCost(agent.cost)}${agent.unpriced ? '+' : ''}`;
}

/** One agent: status, tokens and cost, and its stream. */
export const AgentPanel = memo(function AgentPanel(props: {
  agent: AgentState;
  compact?: boolean;
  onOpen?: (id: string) => void;
}) {
  const { agent, compact } = props;
  const items = compact ? agent.items.slice(-COMPACT_ITEMS) : agent.items;
  const skipped = agent.dropped + agent.items.length - items.length;
  return (
    <section
      className={`agent-panel${compact ? ' compact' : ''}`}
      data-testid="agent-panel"
      data-agent-id={agent.id}
      data-last-seq={agent.lastSeq}
      aria-label={`Agent ${agent.id}`}
    >
      <header>
        <div className="agent-title">
          <strong>{agent.id}</strong> <span className="muted">{agent.label}</span>
          <StatusBadge agent={agent} />
          {props.onOpen && (
            <button
              type="button"
              className="link"
              onClick={() => props.onOpen?.(agent.id)}
              aria-label={`Open agent ${agent.id}`}
            >
              Open
            </button>
          )}
        </div>
        <div className="agent-meta muted">
          {agent.backend} · {agent.model}
        </div>
        <div className="agent-meta" data-testid="agent-usage">
          {formatTokens(agent.usage.inputTokens + agent.usage.outputTokens)} tokens · {costText(agent)} ·{' '}
          {agent.answers.length} answers · {agent.votesCast} votes
        </div>
        {agent.paraphrase !== undefined && (
          <div className="agent-detail muted" data-testid="agent-paraphrase">
            Reads the question as: {agent.paraphrase}
          </div>
        )}
        {agent.detail && <div className="agent-detail muted">{agent.detail}</div>}
      </header>
      <div className="agent-stream" data-testid="agent-stream">
        {skipped > 0 && <div className="muted">… {skipped} earlier items</div>}
        {items.map((item, i) => (
          // Items only ever change at the end or drop off the front: the absolute index is stable.
          // biome-ignore lint/suspicious/noArrayIndexKey: see above
          <StreamItemView key={skipped + i} item={item} />
        ))}
      </div>
    </section>
  );
});
