import { useState } from 'react';
import type { RunState } from '../state/run-state.js';
import { GeneratedFiles } from './generated-files.js';
import { StreamingMarkdown } from './markdown-view.js';

/**
 * The presenter's final answer: Markdown with code highlighted, a copy button, and the files its
 * generation tools made (loaded once `filesReady`: the run's final workspace is written).
 */
export function FinalAnswer({
  state,
  runId,
  filesReady,
}: {
  state: RunState;
  runId: string;
  filesReady: boolean;
}) {
  const [copied, setCopied] = useState(false);
  const { final } = state;
  if (final.text === '') return null;
  const copy = async () => {
    await navigator.clipboard.writeText(final.text);
    setCopied(true);
    setTimeout(() => setCopied(false), 1500);
  };
  return (
    <section className="card final" data-testid="final-answer" data-done={final.done}>
      <header>
        <h2>
          Final answer {final.agentId && <span className="muted">by {final.agentId}</span>}
          {!final.done && <span className="badge agent-presenting">streaming</span>}
          {final.fromStoredAnswer && <span className="badge">stored answer</span>}
        </h2>
        <button type="button" onClick={copy} data-testid="copy-final" aria-label="Copy the final answer">
          {copied ? 'Copied' : 'Copy'}
        </button>
      </header>
      <StreamingMarkdown text={final.text} testId="final-text" />
      {final.files && <GeneratedFiles runId={runId} files={final.files} ready={filesReady} />}
    </section>
  );
}
