/** The agents (panels side by side, or one line each), then the final answer and the summary. */
import { Box } from 'ink';
import { AgentPanel } from './agent-panel.js';
import { CompactList } from './compact-list.js';
import { FinalAnswer, finalAnswerLines } from './final-answer.js';
import { gridLayout, mainLayout, panelWidths } from './layout.js';
import { currentTally, type RunView } from './state.js';
import type { TuiMeta } from './store.js';
import { Summary, summaryLines } from './summary.js';

export interface MainViewProps {
  run: RunView;
  meta: TuiMeta;
  now: number;
  width: number;
  height: number;
  focus: number;
  finalScroll: number;
  /** Only the agents, one line each (the last frame before the UI closes). */
  compactOnly?: boolean;
}

export function MainView({ run, meta, now, width, height, focus, finalScroll, compactOnly }: MainViewProps) {
  const agents = run.order.map((id) => run.agents[id]!);
  const votes = currentTally(run);
  const stopped = run.end !== undefined && run.end.status !== 'completed';
  if (compactOnly) {
    return (
      <CompactList
        agents={agents}
        focus={-1}
        height={agents.length}
        width={width}
        votes={votes}
        now={now}
        stopped={stopped}
      />
    );
  }
  const summary = summaryLines(run, meta.logDir).length;
  const hasFinal = run.final.text !== '';
  const finalNeed = hasFinal ? finalAnswerLines(run.final.text, width - 4, meta.markdown).length + 3 : 0;
  const parts = mainLayout(height - summary, agents.length, finalNeed);
  const grid = gridLayout(agents.length, width, parts.grid);
  // One line per agent needs no more lines than agents: the final answer gets the rest.
  const gridHeight = grid.mode === 'compact' ? Math.min(parts.grid, agents.length) : parts.grid;
  const finalHeight = Math.min(finalNeed, parts.final + parts.grid - gridHeight);
  const rows: number[][] = [];
  for (let i = 0; i < agents.length; i += grid.perRow) {
    rows.push(agents.slice(i, i + grid.perRow).map((_, j) => i + j));
  }
  return (
    <Box flexDirection="column" width={width} height={height} overflowY="hidden">
      {grid.mode === 'compact' ? (
        <CompactList
          agents={agents}
          focus={focus}
          height={gridHeight}
          width={width}
          votes={votes}
          now={now}
          stopped={stopped}
        />
      ) : (
        <Box flexDirection="column" height={parts.grid}>
          {rows.map((row) => (
            <Box key={row[0]} flexDirection="row" height={grid.panelHeight}>
              {row.map((index, j) => (
                <AgentPanel
                  key={agents[index]!.id}
                  agent={agents[index]!}
                  index={index}
                  width={panelWidths(row.length, width)[j]!}
                  height={grid.panelHeight}
                  focused={index === focus}
                  votes={votes[agents[index]!.id] ?? 0}
                  now={now}
                  stopped={stopped}
                />
              ))}
            </Box>
          ))}
        </Box>
      )}
      {hasFinal && finalHeight >= 4 ? (
        <FinalAnswer
          final={run.final}
          width={width}
          height={finalHeight}
          markdown={meta.markdown}
          scroll={finalScroll}
        />
      ) : null}
      <Summary run={run} logDir={meta.logDir} />
    </Box>
  );
}
