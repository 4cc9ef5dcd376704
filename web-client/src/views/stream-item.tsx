import { memo } from 'react';
import type { StreamItem } from '../state/run-state.js';
import { StreamingMarkdown } from './markdown-view.js';

/** `value` as readable text: strings as they are, anything else as indented JSON. */
export function asText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === undefined) return '';
  try {
    return JSON.stringify(value, null, 2);
  } catch {
    return String(value);
  }
}

/** One piece of an agent's stream: text as Markdown, reasoning collapsed, a tool call with its result. */
export const StreamItemView = memo(function StreamItemView({ item }: { item: StreamItem }) {
  switch (item.kind) {
    case 'text':
      return <StreamingMarkdown text={item.text} className="stream-text" />;
    case 'reasoning':
      return (
        <details className="reasoning" data-testid="reasoning">
          <summary>Reasoning ({item.text.length} characters)</summary>
          <p className="reasoning-text">{item.text}</p>
        </details>
      );
    case 'tool': {
      const done = 'output' in item;
      return (
        <details
          className={`tool-call${item.isError ? ' tool-error' : ''}`}
          data-testid="tool-call"
          data-tool={item.toolName}
        >
          <summary>
            ⚙ {item.toolName} {done ? (item.isError ? '· failed' : '· done') : '· running'}
          </summary>
          <div className="tool-part">Arguments</div>
          <pre data-testid="tool-input">{asText(item.input)}</pre>
          {done && (
            <>
              <div className="tool-part">Result</div>
              <pre data-testid="tool-output">{asText(item.output)}</pre>
            </>
          )}
        </details>
      );
    }
    case 'note':
      return (
        <div className={`note note-${item.level}`} data-testid="stream-note">
          {item.text}
        </div>
      );
  }
});
