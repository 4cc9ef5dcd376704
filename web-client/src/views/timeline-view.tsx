import type { RunState, TimelineEntry } from '../state/run-state.js';

const ROW = 22;
const LEFT = 130;
const WIDTH = 960;

const RUN_KINDS = new Set<TimelineEntry['kind']>([
  'restart',
  'winner',
  'final-start',
  'final-end',
  'run-end',
]);

/** The run on one time axis: answers, votes, invalidations, errors, restarts and the presentation. */
export function TimelineView({ state }: { state: RunState }) {
  const start = state.startedAt ?? state.timeline[0]?.ts ?? 0;
  const end = Math.max(state.lastEventAt ?? start, start + 1);
  const rows = ['(run)', ...state.order];
  const height = rows.length * ROW + 30;
  const x = (ts: number) => LEFT + ((ts - start) / (end - start)) * (WIDTH - LEFT - 20);
  const rowOf = (e: TimelineEntry) =>
    e.agentId === undefined || RUN_KINDS.has(e.kind) ? 0 : Math.max(0, rows.indexOf(e.agentId));
  const seconds = (end - start) / 1000;
  const ticks = Array.from({ length: 6 }, (_, i) => start + ((end - start) * i) / 5);
  return (
    <div className="timeline card" data-testid="timeline">
      <svg viewBox={`0 0 ${WIDTH} ${height}`} role="img" aria-label="Timeline of the run">
        {rows.map((r, i) => (
          <g key={r}>
            <text x={4} y={i * ROW + 15} className="row-label">
              {r}
            </text>
            <line x1={LEFT} x2={WIDTH - 10} y1={i * ROW + 11} y2={i * ROW + 11} className="row-line" />
          </g>
        ))}
        {ticks.map((t) => (
          <text key={t} x={x(t)} y={height - 6} textAnchor="middle" className="tick">
            {((t - start) / 1000).toFixed(seconds < 10 ? 1 : 0)}s
          </text>
        ))}
        {state.timeline.map((e) => {
          const cx = x(e.ts);
          const cy = rowOf(e) * ROW + 11;
          return (
            <g key={e.seq} className={`mark mark-${e.kind}`} data-testid="timeline-entry" data-kind={e.kind}>
              {RUN_KINDS.has(e.kind) ? (
                <line x1={cx} x2={cx} y1={2} y2={rows.length * ROW} />
              ) : (
                <circle cx={cx} cy={cy} r={5} />
              )}
              <title>{`${((e.ts - start) / 1000).toFixed(2)}s · ${e.text}`}</title>
            </g>
          );
        })}
      </svg>
      <ol className="timeline-list">
        {state.timeline.slice(-200).map((e) => (
          <li key={e.seq} className={`mark-${e.kind}`}>
            <span className="muted">{((e.ts - start) / 1000).toFixed(2)}s</span> {e.text}
          </li>
        ))}
      </ol>
    </div>
  );
}
