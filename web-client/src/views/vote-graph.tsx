import type { RunState, VoteRecord, VoteRound } from '../state/run-state.js';
import { currentTally, roundTally } from '../state/selectors.js';

const SIZE = 320;
const R = 120;

function edgeClass(v: VoteRecord): string {
  if (v.ignored !== undefined) return 'edge edge-ignored';
  return v.invalidatedBy !== undefined ? 'edge edge-invalidated' : 'edge edge-counted';
}

/** One round's votes as a graph: agents on a circle, an arrow from each voter to whom it voted for. */
export function RoundGraph({ round, order }: { round: VoteRound; order: string[] }) {
  const pos = new Map(
    order.map((id, i) => {
      const angle = (2 * Math.PI * i) / Math.max(order.length, 1) - Math.PI / 2;
      return [id, { x: SIZE / 2 + R * Math.cos(angle), y: SIZE / 2 + R * Math.sin(angle) }];
    }),
  );
  const tally = roundTally(round);
  const nodeR = order.length > 12 ? 6 : 14;
  const radius = (id: string) => nodeR + Math.min(tally[id] ?? 0, 6) * 2;
  return (
    <svg
      viewBox={`0 0 ${SIZE} ${SIZE}`}
      className="vote-svg"
      role="img"
      aria-label={`Votes of round ${round.number}`}
    >
      <defs>
        <marker
          id="arrow"
          viewBox="0 0 10 10"
          refX="10"
          refY="5"
          markerWidth="6"
          markerHeight="6"
          orient="auto"
        >
          <path d="M0,0 L10,5 L0,10 z" fill="currentColor" />
        </marker>
      </defs>
      {round.votes.map((v, i) => {
        const a = pos.get(v.voter);
        const b = pos.get(v.votedFor);
        if (!a || !b) return null;
        const key = `${v.voter}-${v.votedFor}-${i}`;
        const common = {
          className: edgeClass(v),
          'data-testid': 'vote-edge',
          'data-voter': v.voter,
          'data-target': v.votedFor,
          'data-state':
            v.ignored !== undefined ? 'ignored' : v.invalidatedBy !== undefined ? 'invalidated' : 'counted',
        };
        if (v.voter === v.votedFor) {
          return (
            <circle key={key} {...common} cx={a.x} cy={a.y - radius(v.voter) - 7} r={8} fill="none">
              <title>{`${v.voter} voted for itself: ${v.reason}`}</title>
            </circle>
          );
        }
        const dx = b.x - a.x;
        const dy = b.y - a.y;
        const len = Math.hypot(dx, dy) || 1;
        const ux = dx / len;
        const uy = dy / len;
        return (
          <line
            key={key}
            {...common}
            x1={a.x + ux * radius(v.voter)}
            y1={a.y + uy * radius(v.voter)}
            x2={b.x - ux * (radius(v.votedFor) + 2)}
            y2={b.y - uy * (radius(v.votedFor) + 2)}
            markerEnd="url(#arrow)"
          >
            <title>{`${v.voter} → ${v.votedFor}: ${v.ignored ? `not counted (${v.ignored})` : v.reason}`}</title>
          </line>
        );
      })}
      {order.map((id) => {
        const p = pos.get(id)!;
        return (
          <g key={id} className="vote-node" data-testid="vote-node" data-agent-id={id}>
            <circle cx={p.x} cy={p.y} r={radius(id)} />
            <text x={p.x} y={p.y + radius(id) + 12} textAnchor="middle">
              {order.length > 12 ? '' : id}
            </text>
            <title>{`${id}: ${tally[id] ?? 0} votes`}</title>
          </g>
        );
      })}
    </svg>
  );
}

/** Who voted for whom, round by round; the votes each new answer invalidated; the tally and the winner. */
export function VotesView({ state }: { state: RunState }) {
  const rounds = state.rounds.filter((r) => r.votes.length > 0);
  const tally = currentTally(state);
  const ranked = state.order.filter((id) => tally[id] !== undefined).sort((a, b) => tally[b]! - tally[a]!);
  return (
    <div className="votes" data-testid="vote-graph">
      <div className="tally card" data-testid="tally">
        <h3>Tally</h3>
        {ranked.length === 0 ? (
          <p className="muted">No votes yet.</p>
        ) : (
          <ol>
            {ranked.map((id) => (
              <li key={id} data-testid="tally-row" data-agent-id={id}>
                {id}: <strong>{tally[id]}</strong>
              </li>
            ))}
          </ol>
        )}
        {state.winner && (
          <p data-testid="winner">
            Winner: <strong>{state.winner.agentId}</strong>
            {state.winner.isTie ? ' (tie, by config order)' : ''} — chosen by {state.winner.by}
          </p>
        )}
        <p className="legend muted">
          <span className="key key-counted" /> counted <span className="key key-invalidated" /> invalidated by
          a new answer <span className="key key-ignored" /> not counted (stale)
        </p>
      </div>
      {rounds.length === 0 && <p className="muted">No votes yet.</p>}
      <div className="rounds">
        {rounds.map((round) => (
          <figure
            key={round.number}
            className="card round"
            data-testid="vote-round"
            data-round={round.number}
          >
            <figcaption>
              Round {round.number}
              {state.attempt.max > 1 ? ` · attempt ${round.attempt}` : ''}
              {round.endedBy ? ` · votes invalidated by ${round.endedBy}` : ''}
            </figcaption>
            <RoundGraph round={round} order={state.order} />
            <ul className="vote-list">
              {round.votes.map((v, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: votes of a round only grow at the end
                <li key={i} className={edgeClass(v)}>
                  {v.voter} → {v.votedFor}
                  {v.ignored
                    ? ` (not counted: ${v.ignored})`
                    : v.invalidatedBy
                      ? ` (invalidated by ${v.invalidatedBy})`
                      : ''}
                  : <span className="muted">{v.reason}</span>
                </li>
              ))}
            </ul>
          </figure>
        ))}
      </div>
    </div>
  );
}
