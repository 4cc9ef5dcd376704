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
  const blocks = markdownBlocks(props.text);
  return (
    <div className={`markdown ${props.className ?? ''}`} data-testid={props.testId}>
      {blocks.map((block, i) => (
        // A block's position only changes when the text is cut at its start, which renders all again.
        // biome-ignore lint/suspicious/noArrayIndexKey: see above
        <MarkdownView key={i} text={block} />
      ))}
    </div>
  );
});
