/**
 * One agent's full output (the kept tail of its stream, its answers whole), scrollable; follows the
 * stream while scrolled to the bottom.
 */
import { Box, Text } from 'ink';
import { LineView } from './line-view.js';
import type { AgentView } from './state.js';
import { statusLine, usageText } from './status-text.js';
import type { Line } from './wrap.js';

export interface DetailViewProps {
  agent: AgentView;
  /** Its display lines (see `detailLines`). */
  lines: Line[];
  index: number;
  width: number;
  height: number;
  /** Lines scrolled up from the bottom (0 follows the stream). */
  scroll: number;
  now: number;
  stopped: boolean;
}

export function DetailView({ agent, lines, index, width, height, scroll, now, stopped }: DetailViewProps) {
  const visible = Math.max(1, height - 3);
  const maxScroll = Math.max(0, lines.length - visible);
  const up = Math.min(scroll, maxScroll);
  const end = lines.length - up;
  const shown = lines.slice(Math.max(0, end - visible), end);
  const status = statusLine(agent.status, now, stopped);
  const usage = usageText(agent);
  return (
    <Box flexDirection="column" width={width} height={height} overflow="hidden">
      <Text wrap="truncate">
        <Text bold color="cyan">
          {index + 1} {agent.id}
        </Text>
        <Text dimColor>
          {' '}
          {agent.backend}/{agent.model} · {agent.label}
          {usage ? ` · ${usage}` : ''}
        </Text>
      </Text>
      <Text wrap="truncate" color={status.tone}>
        {status.symbol} {status.text}
      </Text>
      <Text dimColor wrap="truncate">
        {lines.length === 0
          ? 'no output yet'
          : `lines ${Math.max(1, end - visible + 1)}–${end} of ${lines.length}${up === 0 ? ' · following' : ''}`}
      </Text>
      <Box flexDirection="column" height={visible} overflow="hidden">
        {shown.map((line, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: display lines are positional
          <LineView key={i} line={line} />
        ))}
      </Box>
    </Box>
  );
}
