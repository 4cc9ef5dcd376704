/** The key help line, for the view on screen. */
import { Text } from 'ink';

export type ViewName = 'main' | 'detail' | 'votes';

export interface FooterProps {
  view: ViewName;
  /** Keys can be read (stdin is a terminal). */
  keys: boolean;
  /** The keys are being read (the help appears once they work); default true. */
  listening?: boolean;
  interrupting: boolean;
  /** The finished run is being looked at: what leaving (q) goes back to. */
  browsing?: 'exit' | 'prompt';
  agentCount: number;
  /** A replay: quitting stops the playback, not a run. */
  replay?: boolean;
  /** A turn of interactive mode: quitting cancels the turn, and the prompt comes back. */
  interactive?: boolean;
}

export function Footer({
  view,
  keys,
  listening = true,
  interrupting,
  browsing,
  agentCount,
  replay,
  interactive,
}: FooterProps) {
  if (interrupting) {
    return (
      <Text color="red">{replay ? 'Stopping the replay…' : 'Stopping the agents and saving the logs…'}</Text>
    );
  }
  if (!keys) return <Text dimColor>(keys need a terminal on stdin)</Text>;
  if (!listening) return <Text> </Text>;
  const focus = agentCount > 1 ? `${agentCount > 9 ? '1-9' : `1-${agentCount}`}/←→ focus · ` : '';
  const quit =
    browsing === 'prompt'
      ? 'q back to the prompt'
      : browsing === 'exit'
        ? 'q exit'
        : replay
          ? 'q quit'
          : interactive
            ? 'q cancel this turn'
            : 'q quit (interrupts the run)';
  const text =
    view === 'detail'
      ? '↑↓ PgUp/PgDn Home/End scroll · ←→ other agent · esc back'
      : view === 'votes'
        ? '↑↓ scroll · v/esc back'
        : `${focus}enter full output · v votes · ${quit}`;
  return (
    <Text wrap="truncate" dimColor>
      {browsing ? <Text color="green">Finished. </Text> : null}
      {text}
    </Text>
  );
}
