/** One line per agent (many agents or a narrow terminal): status, tokens, and its latest line. */
import { Box, Text } from 'ink';
import type { AgentView } from './state.js';
import { statusLine, usageText } from './status-text.js';
import { lastLine } from './text-buffer.js';

export interface CompactListProps {
  agents: AgentView[];
  focus: number;
  height: number;
  width: number;
  votes: Record<string, number>;
  now: number;
  stopped: boolean;
}

export function CompactList({ agents, focus, height, width, votes, now, stopped }: CompactListProps) {
  const nameWidth = Math.min(16, Math.max(...agents.map((a) => a.id.length), 2));
  const numberWidth = String(agents.length).length;
  // Keep the focused agent visible when not every agent fits.
  const shown = Math.max(1, agents.length > height ? height - 1 : height);
  const start = Math.min(Math.max(0, focus - Math.floor(shown / 2)), Math.max(0, agents.length - shown));
  const visible = agents.slice(start, start + shown);
  const hidden = agents.length - visible.length;
  return (
    <Box flexDirection="column" height={height} width={width} overflow="hidden">
      {visible.map((agent, i) => {
        const index = start + i;
        const status = statusLine(agent.status, now, stopped);
        const usage = usageText(agent);
        const focused = index === focus;
        const v = votes[agent.id] ?? 0;
        return (
          <Text key={agent.id} wrap="truncate">
            <Text color="cyan">{focused ? '▸' : ' '}</Text>
            <Text bold={focused}>
              {String(index + 1).padStart(numberWidth)} {agent.id.slice(0, nameWidth).padEnd(nameWidth)}{' '}
            </Text>
            <Text color={status.tone}>
              {status.symbol} {status.text.slice(0, 40)}
            </Text>
            {v > 0 ? <Text color="green"> ★{v}</Text> : null}
            {usage ? <Text dimColor> · {usage}</Text> : null}
            <Text dimColor> │ {lastLine(agent.output, width)}</Text>
          </Text>
        );
      })}
      {hidden > 0 ? (
        <Text dimColor>
          {'  '}… {hidden} more (←/→ to move)
        </Text>
      ) : null}
    </Box>
  );
}
