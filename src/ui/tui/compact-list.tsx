/** One line per agent (many agents or a narrow terminal): status, tokens, and its latest line. */
import { Box, Text } from 'ink';
import type { AgentView } from './state.js';
import { type StatusLine, statusLine, usageText } from './status-text.js';
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
    <Box flexDirection="column" height={height} width={width} overflowY="hidden">
      {visible.map((agent, i) => {
        const index = start + i;
        const focused = index === focus;
        const row: RowParts = {
          marker: focused ? '▸' : ' ',
          name: `${String(index + 1).padStart(numberWidth)} ${agent.id.slice(0, nameWidth).padEnd(nameWidth)} `,
          focused,
          status: statusLine(agent.status, now, stopped),
          votes: votes[agent.id] ?? 0,
          usage: usageText(agent),
          line: lastLine(agent.output, width),
        };
        return <CompactRow key={agent.id} row={row} width={width} />;
      })}
      {hidden > 0 ? (
        <Text dimColor>
          {'  '}… {hidden} more (←/→ to move)
        </Text>
      ) : null}
    </Box>
  );
}

/** What one row shows, left to right. */
interface RowParts {
  marker: string;
  /** Number and name, padded. */
  name: string;
  focused: boolean;
  status: StatusLine;
  votes: number;
  usage: string;
  /** The agent's latest line of output. */
  line: string;
}

/**
 * Text the terminal draws one column per UTF-16 unit: printable ASCII and the UI's own symbols
 * (status-text.ts, the focus marker, the separators).
 */
const ONE_COLUMN_EACH = /^[\u0020-\u007e·▸★│✓→≠⇣↻✗◷⊘■⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏]*$/;

/**
 * One agent's line, cut at the terminal's width (the end gives way to `…`). Everything before the
 * output line is drawn as one text and the output line as another, so a frame measures the short,
 * changing status apart from the long line (whose width the renderer gets cheaply when it is plain
 * ASCII); when the part before the line may not fit, the row is one text cut as a whole.
 */
function CompactRow({ row, width }: { row: RowParts; width: number }) {
  const status = `${row.status.symbol} ${row.status.text.slice(0, 40)}`;
  const votes = row.votes > 0 ? ` ★${row.votes}` : '';
  const usage = row.usage ? ` · ${row.usage}` : '';
  const head = (
    <>
      <Text color="cyan">{row.marker}</Text>
      <Text bold={row.focused}>{row.name}</Text>
      <Text color={row.status.tone}>{status}</Text>
      {votes ? <Text color="green">{votes}</Text> : null}
      {usage ? <Text dimColor>{usage}</Text> : null}
    </>
  );
  const before = `${row.marker}${row.name}${status}${votes}${usage} │ `;
  if (before.length >= width || !ONE_COLUMN_EACH.test(before)) {
    return (
      <Text wrap="truncate">
        {head}
        <Text dimColor> │ {row.line}</Text>
      </Text>
    );
  }
  return (
    <Box height={1}>
      <Box flexShrink={0}>
        <Text>
          {head}
          <Text dimColor> │ </Text>
        </Text>
      </Box>
      <Text wrap="truncate">
        <Text dimColor>{row.line}</Text>
      </Text>
    </Box>
  );
}
