/** The top lines: the question, then phase, elapsed time, votes so far, tokens and cost, and the latest warning. */
import { Box, Text } from 'ink';
import { formatCost, formatTokens } from '../cost.js';
import { oneLine } from '../terminal-text.js';
import { currentTally, type RunView, runTotals } from './state.js';
import type { Tone } from './status-text.js';

export interface HeaderProps {
  run: RunView;
  now: number;
  /** e.g. `replay of examples/demo/events.jsonl`. */
  source?: string;
  interrupting: boolean;
}

const PHASES: Record<RunView['phase'], { text: string; tone: Tone }> = {
  starting: { text: 'starting', tone: 'gray' },
  coordinating: { text: 'coordinating', tone: 'yellow' },
  presenting: { text: 'presenting', tone: 'green' },
  evaluating: { text: 'checking the answer', tone: 'green' },
  done: { text: 'done', tone: 'green' },
};

/** Seconds as `12.3s` or `4m 05s`. */
export function formatElapsed(ms: number): string {
  const s = Math.max(0, ms) / 1000;
  if (s < 60) return `${s.toFixed(1)}s`;
  const m = Math.floor(s / 60);
  return `${m}m ${String(Math.floor(s % 60)).padStart(2, '0')}s`;
}

/** Lines the header takes for this state. */
export function headerHeight(run: RunView): number {
  return run.notices.some((n) => n.level !== 'info') ? 3 : 2;
}

export function Header({ run, now, source, interrupting }: HeaderProps) {
  const elapsed = run.end ? run.end.durationMs : run.startedAt ? now - run.startedAt : 0;
  const phase = interrupting && !run.end ? { text: 'interrupting', tone: 'red' as Tone } : PHASES[run.phase];
  const endTone: Tone = run.end?.status === 'completed' ? 'green' : 'red';
  const tally = currentTally(run);
  const votes = Object.values(tally).reduce((a, b) => a + b, 0);
  const voters = run.order.filter((id) => run.agents[id]?.status.kind !== 'dropped').length;
  const leaders = Object.entries(tally)
    .sort((a, b) => b[1] - a[1])
    .map(([id, n]) => `${id} ${n}`)
    .join(', ');
  const totals = runTotals(run);
  const notice = [...run.notices].reverse().find((n) => n.level !== 'info');
  return (
    <Box flexDirection="column">
      <Text wrap="truncate">
        <Text bold color="cyan">
          MassGen
        </Text>
        {source ? <Text color="magenta"> [{source}]</Text> : null}
        <Text> · </Text>
        <Text bold>{oneLine(run.question) || '…'}</Text>
      </Text>
      <Text wrap="truncate">
        <Text color={run.end ? endTone : phase.tone}>{run.end ? run.end.status : phase.text}</Text>
        {run.attempt && run.attempt.max > 1 ? (
          <Text>
            {' '}
            (attempt {run.attempt.number}/{run.attempt.max})
          </Text>
        ) : null}
        <Text dimColor> · </Text>
        <Text>{formatElapsed(elapsed)}</Text>
        <Text dimColor> · </Text>
        <Text>
          votes {votes}/{voters}
          {leaders ? ` (${leaders})` : ''}
        </Text>
        <Text dimColor> · </Text>
        <Text>{formatTokens(totals.tokens)} tokens</Text>
        {totals.cost !== undefined ? (
          <Text>
            {' '}
            · {formatCost(totals.cost)}
            {totals.unpriced ? ' + unpriced models' : ''}
          </Text>
        ) : null}
      </Text>
      {notice ? (
        <Text wrap="truncate" color={notice.level === 'error' ? 'red' : 'yellow'}>
          ! {notice.agentId ? `[${notice.agentId}] ` : ''}
          {oneLine(notice.message)}
        </Text>
      ) : null}
    </Box>
  );
}
