/** Small immutable updates of a run view shared by the reducers: one agent, one note line. */
import type { AgentView, RunView } from './state.js';
import { appendLine, type SpanKind } from './text-buffer.js';

/** The view with agent `id` replaced by `update(agent)`; unchanged for unknown agents. */
export function setAgent(view: RunView, id: string, update: (a: AgentView) => AgentView): RunView {
  const agent = view.agents[id];
  if (!agent) return view;
  return { ...view, agents: { ...view.agents, [id]: update(agent) } };
}

/** The view with a note line appended to agent `id`'s output. */
export function note(view: RunView, id: string, kind: SpanKind, line: string): RunView {
  return setAgent(view, id, (a) => ({ ...a, output: appendLine(a.output, kind, line) }));
}
