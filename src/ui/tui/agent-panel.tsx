/** One agent's panel: name and model, status, tokens and cost, and the tail of its streamed output. */
import { Box, Text } from 'ink';
import { LineView } from './line-view.js';
import type { AgentView } from './state.js';
import { statusLine, usageText } from './status-text.js';
import { tailLines } from './wrap.js';

export interface AgentPanelProps {
  agent: AgentView;
  /** 0-based place in config order (shown 1-based: the key that focuses it). */
  index: number;
  width: number;
  height: number;
  focused: boolean;
  /** Counted votes it holds in the current round. */
  votes: number;
  now: number;
  /** The run ended without completing. */
  stopped: boolean;
}

export function AgentPanel({ agent, index, width, height, focused, votes, now, stopped }: AgentPanelProps) {
  const inner = Math.max(1, width - 2);
  const textLines = Math.max(0, height - 4);
  const lines = tailLines(agent.output, inner, textLines);
  const status = statusLine(agent.status, now, stopped);
  const usage = usageText(agent);
  const winner = agent.status.kind === 'presenting' || (agent.status.kind === 'done' && agent.status.winner);
  const border = focused ? 'cyan' : winner ? 'green' : status.tone === 'red' ? 'red' : 'gray';
  return (
    <Box
      flexDirection="column"
      width={width}
      height={height}
      borderStyle={focused ? 'double' : 'round'}
      borderColor={border}
      overflowY="hidden"
    >
      <Box height={1}>
        <Text wrap="truncate">
          <Text bold color={focused ? 'cyan' : undefined}>
            {index + 1} {agent.id}
          </Text>
          <Text dimColor> {agent.model}</Text>
          {votes > 0 ? <Text color="green"> ★{votes}</Text> : null}
          {usage ? <Text dimColor> · {usage}</Text> : null}
        </Text>
      </Box>
      <Box height={1}>
        <Text wrap="truncate" color={status.tone}>
          {status.symbol} {status.text}
        </Text>
      </Box>
      <Box flexDirection="column" height={textLines} overflowY="hidden">
        {lines.map((line, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: display lines are positional
          <LineView key={i} line={line} />
        ))}
      </Box>
    </Box>
  );
}
