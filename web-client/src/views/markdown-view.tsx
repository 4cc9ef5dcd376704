import { memo, useMemo } from 'react';
import { renderMarkdown } from '../lib/markdown.js';
import { markdownBlocks } from '../lib/markdown-blocks.js';

/** Markdown of a model or a tool, rendered safely (raw HTML shows as text). */
export const MarkdownView = memo(function MarkdownView(props: {
  text: string;
  className?: string;
  testId?: string;
}) {
  const html = useMemo(() => renderMarkdown(props.text), [props.text]);
  return (
    <div
      className={`markdown ${props.className ?? ''}`}
      data-testid={props.testId}
      // biome-ignore lint/security/noDangerouslySetInnerHtml: renderMarkdown escapes raw HTML and filters URLs
      dangerouslySetInnerHTML={{ __html: html }}
    />
  );
});

/** Markdown that grows as it streams: rendered block by block, so only the last block is parsed again. */
export const StreamingMarkdown = memo(function StreamingMarkdown(props: {
  text: string;
  className?: string;
  testId?: string;
}) {
  const seen = new Map<string, number>();
  const texts = markdownBlocks(props.text);
  const blocks = texts.map((text, i) => {
    const n = (seen.get(text) ?? 0) + 1;
    seen.set(text, n);
    // Keyed by content, so when the text is cut at its start the blocks that remain keep their HTML;
    // the last block, the one still streaming, keeps one key while it grows.
    return { text, key: i === texts.length - 1 ? 'tail' : `${n}:${text}` };
  });
  return (
    <div className={`markdown ${props.className ?? ''}`} data-testid={props.testId}>
      {blocks.map((block) => (
        <MarkdownView key={block.key} text={block.text} />
      ))}
    </div>
  );
});
