/** One display line of an agent's output: reasoning dimmed, notes coloured, errors red. */
import { Text } from 'ink';
import type { SpanKind } from './text-buffer.js';
import type { Line } from './wrap.js';

const STYLE: Record<SpanKind, { color?: string; dimColor?: boolean; italic?: boolean }> = {
  text: {},
  reasoning: { dimColor: true, italic: true },
  note: { color: 'cyan' },
  error: { color: 'red' },
  rendered: {},
};

/** A line of spans, truncated (never wrapped) to the box it is in. */
export function LineView({ line }: { line: Line }) {
  if (line.length === 0) return <Text> </Text>;
  return (
    <Text wrap="truncate">
      {line.map((span, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: spans of a line have no identity but their place
        <Text key={i} {...STYLE[span.kind]}>
          {span.text}
        </Text>
      ))}
    </Text>
  );
}
