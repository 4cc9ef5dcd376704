/** Small pure helpers the reducers share: update one agent, add a note, add a timeline entry. */
import type { EventBase } from '../../../src/events/types.js';
import type { AgentState, RunState, TimelineEntry, VoteRound } from './run-state.js';
import { pushItem } from './stream-items.js';

/** Timeline entries kept (the oldest go first). */
export const MAX_TIMELINE = 2000;

/** Replaces one agent by `update(agent)`; unknown agents leave the state unchanged. */
export function setAgent(state: RunState, id: string, update: (agent: AgentState) => AgentState): RunState {
  const agent = state.agents[id];
  if (agent === undefined) return state;
  return { ...state, agents: { ...state.agents, [id]: update(agent) } };
}

/** Adds a note to an agent's stream. */
export function note(
  state: RunState,
  id: string,
  level: 'info' | 'warning' | 'error',
  text: string,
): RunState {
  return setAgent(state, id, (a) => pushItem(a, { kind: 'note', level, text }));
}

/** Adds an entry on the run's time axis. */
export function addTimeline(
  state: RunState,
  event: EventBase & { agentId?: string },
  kind: TimelineEntry['kind'],
  text: string,
): RunState {
  const entry: TimelineEntry = { seq: event.seq, ts: event.ts, kind, text };
  if (event.agentId !== undefined) entry.agentId = event.agentId;
  return { ...state, timeline: [...state.timeline, entry].slice(-MAX_TIMELINE) };
}

/** The current vote round: the last one. */
export function currentRound(state: RunState): VoteRound {
  return state.rounds[state.rounds.length - 1]!;
}
