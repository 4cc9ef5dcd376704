import { diffWords } from 'diff';
import { useMemo, useState } from 'react';
import type { AnswerRecord, RunState } from '../state/run-state.js';
import { allAnswers } from '../state/selectors.js';

/** Two texts side by side, what the right one removed marked on the left and what it added on the right. */
export function DiffView(props: { left: string; right: string; leftTitle: string; rightTitle: string }) {
  const parts = useMemo(
    () => diffWords(props.left, props.right).map((p, id) => ({ ...p, id })),
    [props.left, props.right],
  );
  return (
    <div className="diff" data-testid="diff-view">
      <div className="diff-side">
        <h4>{props.leftTitle}</h4>
        <pre>
          {parts.map((p) =>
            p.added ? null : (
              <span
                key={p.id}
                className={p.removed ? 'del' : undefined}
                data-testid={p.removed ? 'diff-del' : undefined}
              >
                {p.value}
              </span>
            ),
          )}
        </pre>
      </div>
      <div className="diff-side">
        <h4>{props.rightTitle}</h4>
        <pre>
          {parts.map((p) =>
            p.removed ? null : (
              <span
                key={p.id}
                className={p.added ? 'ins' : undefined}
                data-testid={p.added ? 'diff-ins' : undefined}
              >
                {p.value}
              </span>
            ),
          )}
        </pre>
      </div>
    </div>
  );
}

function defaults(answers: AnswerRecord[], state: RunState): [string, string] {
  const latest = state.order
    .map((id) => state.agents[id]!.answers.at(-1)?.label)
    .filter((l): l is string => l !== undefined);
  return [latest[0] ?? answers[0]?.label ?? '', latest[1] ?? answers[1]?.label ?? answers[0]?.label ?? ''];
}

/** Pick two answers of the run and see their difference. */
export function CompareView({ state }: { state: RunState }) {
  const answers = allAnswers(state);
  const [initialLeft, initialRight] = defaults(answers, state);
  const [left, setLeft] = useState<string>();
  const [right, setRight] = useState<string>();
  const a = answers.find((x) => x.label === (left ?? initialLeft));
  const b = answers.find((x) => x.label === (right ?? initialRight));
  if (answers.length === 0) return <p className="muted">No answers yet.</p>;
  const picker = (value: string, set: (v: string) => void, label: string, testId: string) => (
    <label>
      {label}
      <select value={value} onChange={(e) => set(e.target.value)} data-testid={testId}>
        {answers.map((x) => (
          <option key={x.label} value={x.label}>
            {x.label} ({x.agentId})
          </option>
        ))}
      </select>
    </label>
  );
  return (
    <div className="compare" data-testid="compare-view">
      <div className="row">
        {picker(left ?? initialLeft, setLeft, 'Left', 'compare-left')}
        {picker(right ?? initialRight, setRight, 'Right', 'compare-right')}
      </div>
      {a && b && (
        <DiffView
          left={a.text}
          right={b.text}
          leftTitle={`${a.label} · ${a.agentId}`}
          rightTitle={`${b.label} · ${b.agentId}`}
        />
      )}
    </div>
  );
}
