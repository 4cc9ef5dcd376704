import { memo, useMemo } from 'react';
import { renderMarkdown } from '../lib/markdown.js';

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
