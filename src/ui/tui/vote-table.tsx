/** Who voted for whom and why, per round (a round ends when a new answer invalidates its votes). */
import { Box, Text } from 'ink';
import type { RunView } from './state.js';
import type { Tone } from './status-text.js';
import { wrapRanges } from './wrap.js';

/** One line of the table. */
export interface VoteLine {
  text: string;
  tone?: Tone;
  bold?: boolean;
  dim?: boolean;
}

/** The table as lines for a width: a heading per round, then voter → choice and the wrapped reason. */
export function voteLines(run: RunView, width: number): VoteLine[] {
  const lines: VoteLine[] = [];
  const rounds = run.rounds.filter((r, i) => r.votes.length > 0 || i === run.rounds.length - 1);
  const voterWidth = Math.min(16, Math.max(5, ...run.order.map((id) => id.length)));
  const targetWidth = Math.min(28, Math.max(8, ...run.order.map((id) => id.length + 9)));
  const indent = 2 + voterWidth + 3 + targetWidth + 1;
  const reasonWidth = Math.max(10, width - indent);
  for (const round of rounds) {
    const options = round.votes.find((v) => v.options.length > 0)?.options ?? [];
    const ended = round.endedBy ? ` · ended by new answer ${round.endedBy} (votes invalidated)` : '';
    const current = round === run.rounds[run.rounds.length - 1] && !round.endedBy ? ' · current' : '';
    lines.push({
      text: `Round ${round.number}${options.length ? ` · choices ${options.join(', ')}` : ''}${ended}${current}`,
      bold: true,
      tone: round.endedBy ? 'gray' : 'cyan',
    });
    if (round.votes.length === 0) lines.push({ text: '  no votes yet', dim: true });
    for (const vote of round.votes) {
      const target = `${vote.votedFor}${vote.votedForLabel ? ` (${vote.votedForLabel})` : ''}`;
      const head = `  ${vote.voter.slice(0, voterWidth).padEnd(voterWidth)} → ${target.slice(0, targetWidth).padEnd(targetWidth)} `;
      const reason = vote.ignored ? `${vote.reason} [not counted: ${vote.ignored}]` : vote.reason;
      const parts = wrapRanges(reason.replace(/\s+/g, ' ').trim(), reasonWidth).map(([s, e]) =>
        reason.replace(/\s+/g, ' ').trim().slice(s, e),
      );
      const dim = vote.ignored !== undefined || round.endedBy !== undefined;
      lines.push({ text: head + (parts[0] ?? ''), dim, tone: vote.ignored ? 'magenta' : undefined });
      for (const part of parts.slice(1)) lines.push({ text: ' '.repeat(indent) + part, dim });
    }
    lines.push({ text: '' });
  }
  if (run.winner) {
    const tally = Object.entries(run.winner.votes)
      .map(([id, n]) => `${id} ${n}`)
      .join(', ');
    lines.push({
      text: `Winner: ${run.winner.agentId}${tally ? ` (${tally})` : ''}`,
      bold: true,
      tone: 'green',
    });
  }
  return lines;
}

export interface VoteTableProps {
  run: RunView;
  width: number;
  height: number;
  /** Lines scrolled up from the bottom. */
  scroll: number;
}

export function VoteTable({ run, width, height, scroll }: VoteTableProps) {
  const visible = Math.max(1, height - 1);
  const lines = voteLines(run, width);
  const up = Math.min(scroll, Math.max(0, lines.length - visible));
  const end = lines.length - up;
  const shown = lines.slice(Math.max(0, end - visible), end);
  return (
    <Box flexDirection="column" width={width} height={height} overflow="hidden">
      <Text bold>Votes</Text>
      {shown.map((line, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: display lines are positional
        <Text key={i} wrap="truncate" color={line.tone} bold={line.bold} dimColor={line.dim}>
          {line.text === '' ? ' ' : line.text}
        </Text>
      ))}
    </Box>
  );
}
