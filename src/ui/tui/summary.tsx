/** The end of a run: the winner and its votes, how it ended, tokens and cost, the log folder. */
import path from 'node:path';
import { Box, Text } from 'ink';
import { formatCost, formatTokens } from '../cost.js';
import { oneLine } from '../terminal-text.js';
import { formatElapsed } from './header.js';
import { type RunView, runTotals } from './state.js';

/** The summary as plain lines (also printed after the UI closes). */
export function summaryLines(run: RunView, logDir?: string): string[] {
  if (!run.end) return [];
  const lines: string[] = [];
  const took = formatElapsed(run.end.durationMs);
  if (run.end.winner) {
    const votes = Object.entries(run.winner?.votes ?? {})
      .filter(([, n]) => n > 0)
      .sort((a, b) => b[1] - a[1])
      .map(([id, n]) => `${id} ${n}`)
      .join(', ');
    const tie = run.winner?.isTie ? ', tie broken by agent order' : '';
    lines.push(
      `★ Winner: ${run.end.winner}${votes ? ` (votes: ${votes}${tie})` : ''} · ${endText(run.end.status)} in ${took}`,
    );
  } else {
    lines.push(
      `Run ${endText(run.end.status)} after ${took}${run.end.error ? `: ${oneLine(run.end.error)}` : ''}`,
    );
  }
  const totals = runTotals(run);
  const cost = totals.cost !== undefined ? ` · ${formatCost(totals.cost)}` : '';
  const dir = logDir ?? run.logDir;
  lines.push(`${formatTokens(totals.tokens)} tokens${cost}${dir ? ` · logs: ${dir}` : ''}`);
  const { agentId, workspace } = run.final;
  const files = agentId && workspace ? (run.generated[agentId] ?? []) : [];
  if (files.length > 0)
    lines.push(`Generated files: ${files.map((f) => path.join(workspace!, f)).join(', ')}`);
  return lines;
}

/** How a run ended, in words: `budget` is `stopped at its budget`. */
function endText(status: string): string {
  return status === 'budget' ? 'stopped at its budget' : status;
}

export function Summary({ run, logDir }: { run: RunView; logDir?: string }) {
  const [first, second, third] = summaryLines(run, logDir);
  if (first === undefined) return null;
  const status = run.end?.status;
  const color = status === 'completed' ? 'green' : status === 'budget' ? 'yellow' : 'red';
  return (
    <Box flexDirection="column">
      <Text wrap="truncate" bold color={color}>
        {first}
      </Text>
      {second ? (
        <Text wrap="truncate" dimColor>
          {second}
        </Text>
      ) : null}
      {third ? (
        <Text wrap="truncate" dimColor>
          {third}
        </Text>
      ) : null}
    </Box>
  );
}
