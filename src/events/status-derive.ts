/**
 * The fields of status.json derived from the agents (the vote counts, the phase, the completion,
 * the active agent) and the change time, recomputed after every change by status.ts. Pure.
 */
import type { RunStatusFile } from './status-file.js';

/** Stamps the change time and recomputes the derived fields. */
export function finish(status: RunStatusFile, ts: number): RunStatusFile {
  const start = startTime(status.meta.start_time);
  const elapsed = Number.isNaN(start) ? 0 : Math.max(0, (ts - start) / 1000);
  return derive({
    ...status,
    meta: { ...status.meta, last_updated: new Date(ts).toISOString(), elapsed_seconds: elapsed },
  });
}

/** `Date.parse` of a run's start time, remembered: every change of a run reads the same one. */
let lastStart: { text: string; ms: number } | undefined;
function startTime(text: string): number {
  if (lastStart?.text !== text) lastStart = { text, ms: Date.parse(text) };
  return lastStart.ms;
}

/** Recomputes `results.votes` and `coordination` from the agents. */
export function derive(status: RunStatusFile): RunStatusFile {
  const agents = status.agents;
  const votes: Record<string, number> = {};
  let voteCount = 0;
  let answered = 0;
  let total = 0;
  for (const id in agents) {
    const agent = agents[id]!;
    total++;
    if (agent.answer_count > 0) answered++;
    if (agent.vote_cast) {
      voteCount++;
      const target = agent.vote_cast.voted_for_agent;
      votes[target] = (votes[target] ?? 0) + 1;
    }
  }
  // A run that did not complete keeps the phase it stopped in; `run.status` says how it ended.
  const ended = status.run.status !== 'running';
  const completed = status.run.status === 'completed';
  const presenting = status.coordination.is_final_presentation;
  const enforcement = status.coordination.phase === 'enforcement' || voteCount > 0;
  const phase = completed
    ? 'completed'
    : presenting
      ? 'presentation'
      : enforcement
        ? 'enforcement'
        : 'initial_answer';
  const completion = completed
    ? 100
    : total === 0
      ? 0
      : Math.min(100, Math.floor(((answered + voteCount) / (2 * total)) * 100));
  let active: string | null = null;
  if (ended) {
    active = null;
  } else if (phase === 'presentation') {
    active = status.results.winner;
  } else {
    // The first agent (not dropped) that still owes its answer, or its vote.
    for (const id in agents) {
      const agent = agents[id]!;
      if (agent.status === 'dropped') continue;
      if (phase === 'enforcement' ? agent.vote_cast === null : agent.answer_count === 0) {
        active = id;
        break;
      }
    }
  }
  return {
    ...status,
    coordination: {
      phase,
      active_agent: active,
      completion_percentage: completion,
      is_final_presentation: presenting,
      attempt: status.coordination.attempt,
      max_attempts: status.coordination.max_attempts,
    },
    results: { ...status.results, votes },
  };
}
