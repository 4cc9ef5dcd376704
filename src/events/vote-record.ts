/**
 * The `vote.json` MassGen writes next to each vote (spec §5.6), built from a `vote` event.
 */
import type { RunStatusFile } from './status-file.js';
import type { AgentInfo, EventOf } from './types.js';

/** Contents of `<agent>/<timestamp>/vote.json`. */
export interface VoteRecord {
  voter_id: string;
  /** The voter's stable label, `agentK`. */
  voter_anon_id: string;
  /** Real id voted for. */
  voted_for: string;
  voted_for_anon: string;
  reason: string;
  /** ISO time of the vote. */
  timestamp: string;
  /** Seconds since the epoch. */
  unix_timestamp: number;
  /** The voter's execution number (1-based), or null if no `agent-start` was seen. */
  iteration: number | null;
  /** Coordination round: the highest answer count of any agent (MassGen's tracker `max_round`). */
  coordination_round: number;
  /** Real ids of the agents whose answers were options. */
  available_options: string[];
  /** Their labels (`agentK`). */
  available_options_anon: string[];
  /** The answer labels offered (`agentK.N`). */
  available_answer_labels: string[];
  /** `agentK` → real id, over all agents. */
  agent_mapping: Record<string, string>;
  vote_context: {
    total_agents: number;
    agents_with_answers: number;
    current_task: string;
  };
}

/** What {@link buildVoteRecord} needs besides the event. */
export interface VoteRecordContext {
  /** Agents from `run-start`, in config order. */
  agents: readonly AgentInfo[];
  /** Status after the vote was applied. */
  status: RunStatusFile;
  /** Latest execution number per agent. */
  executions: ReadonlyMap<string, number>;
  /** The answer labels the voter chose from (see answer-board.ts). */
  options: readonly string[];
}

/** Builds `vote.json` for one accepted vote. */
export function buildVoteRecord(event: EventOf<'vote'>, context: VoteRecordContext): VoteRecord {
  const mapping: Record<string, string> = {};
  const labelOf = new Map<string, string>();
  context.agents.forEach((agent, index) => {
    const label = agent.label || `agent${index + 1}`;
    mapping[label] = agent.id;
    labelOf.set(agent.id, label);
  });
  const optionLabels = [...new Set(context.options.map(anonOfAnswerLabel))];
  const agentStates = Object.values(context.status.agents);
  return {
    voter_id: event.agentId,
    voter_anon_id: labelOf.get(event.agentId) ?? event.agentId,
    voted_for: event.votedFor,
    voted_for_anon: labelOf.get(event.votedFor) ?? event.votedForLabel,
    reason: event.reason,
    timestamp: new Date(event.ts).toISOString(),
    unix_timestamp: event.ts / 1000,
    iteration: context.executions.get(event.agentId) ?? null,
    coordination_round: Math.max(0, ...agentStates.map((agent) => agent.answer_count)),
    available_options: optionLabels.map((anon) => mapping[anon] ?? anon),
    available_options_anon: optionLabels,
    available_answer_labels: [...context.options],
    agent_mapping: mapping,
    vote_context: {
      total_agents: context.agents.length || agentStates.length,
      agents_with_answers: agentStates.filter((agent) => agent.answer_count > 0).length,
      current_task: context.status.meta.question,
    },
  };
}

/** `agent2.3` → `agent2`; a label without an answer number is returned as is. */
export function anonOfAnswerLabel(label: string): string {
  const match = /^(.*)\.\d+$/.exec(label);
  return match?.[1] ?? label;
}
