/** The final answer as Markdown while it streams (its tail), then from the top, scrollable. */
import { Box, Text } from 'ink';
import type { MarkdownRenderer } from './markdown.js';
import type { RunView } from './state.js';
import { wrapRanges } from './wrap.js';

/** The final answer's display lines for a content width: Markdown when a renderer is loaded. */
export function finalAnswerLines(text: string, width: number, markdown?: MarkdownRenderer): string[] {
  if (text === '') return [];
  if (markdown) return markdown(text, width).split('\n');
  return wrapRanges(text, width).map(([s, e]) => text.slice(s, e));
}

/** The first line shown for a scroll position, clamped to the text. */
export function clampScroll(scroll: number, total: number, visible: number): number {
  return Math.max(0, Math.min(scroll, total - visible));
}

export interface FinalAnswerProps {
  final: RunView['final'];
  width: number;
  height: number;
  markdown?: MarkdownRenderer;
  /** First line shown once the answer is complete. */
  scroll: number;
}

export function FinalAnswer({ final, width, height, markdown, scroll }: FinalAnswerProps) {
  const visible = Math.max(0, height - 3);
  const lines = finalAnswerLines(final.text, width - 4, markdown);
  const start = final.done ? clampScroll(scroll, lines.length, visible) : Math.max(0, lines.length - visible);
  const shown = lines.slice(start, start + visible);
  const position =
    lines.length > visible ? ` · lines ${start + 1}–${start + shown.length} of ${lines.length}` : '';
  return (
    <Box
      flexDirection="column"
      width={width}
      height={height}
      borderStyle="round"
      borderColor="green"
      paddingX={1}
      overflow="hidden"
    >
      <Text wrap="truncate">
        <Text bold color="green">
          Final answer
        </Text>
        <Text dimColor>
          {final.agentId ? ` · ${final.agentId}` : ''}
          {final.done ? '' : ' · streaming…'}
          {final.fromStoredAnswer ? ' · stored answer' : ''}
          {position}
          {final.done && position ? ' · ↑↓ scroll' : ''}
        </Text>
      </Text>
      {shown.map((line, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: display lines are positional
        <Text key={i} wrap="truncate">
          {line === '' ? ' ' : line}
        </Text>
      ))}
    </Box>
  );
}
