/** The key help line, for the view on screen. */
import { Text } from 'ink';

export type ViewName = 'main' | 'detail' | 'votes';

export interface FooterProps {
  view: ViewName;
  keys: boolean;
  interrupting: boolean;
  waiting: boolean;
  agentCount: number;
  /** A replay: quitting stops the playback, not a run. */
  replay?: boolean;
}

export function Footer({ view, keys, interrupting, waiting, agentCount, replay }: FooterProps) {
  if (interrupting) {
    return (
      <Text color="red">{replay ? 'Stopping the replay…' : 'Stopping the agents and saving the logs…'}</Text>
    );
  }
  if (!keys) return <Text dimColor>(keys need a terminal on stdin)</Text>;
  const focus = agentCount > 1 ? `${agentCount > 9 ? '1-9' : `1-${agentCount}`}/←→ focus · ` : '';
  const quit = waiting ? 'q exit' : replay ? 'q quit' : 'q quit (interrupts the run)';
  const text =
    view === 'detail'
      ? '↑↓ PgUp/PgDn scroll · ←→ other agent · esc back'
      : view === 'votes'
        ? '↑↓ scroll · v/esc back'
        : `${focus}enter full output · v votes · ${quit}`;
  return (
    <Text wrap="truncate" dimColor>
      {waiting ? <Text color="green">Finished. </Text> : null}
      {text}
    </Text>
  );
}
