/**
 * The pure reducer that builds `status.json` from the event stream. It never reads the clock: every
 * time comes from the events, so replaying `events.jsonl` reproduces the same file.
 *
 * The reducer returns the very same object when an event changes nothing (text deltas of an agent
 * already streaming, notices), which is how the recorder knows not to rewrite the file.
 */
import { addCallCost, addParaphraseCost, initialCosts } from './status-costs.js';
import { derive, finish } from './status-derive.js';
import type { AgentStatusEntry, RunStatusFile, VoteCast } from './status-file.js';
import type { AgentInfo, CoordinationEvent } from './types.js';
import type { Pricer } from './usage-cost.js';

export type * from './status-file.js';

/** Options of {@link initialStatus}. */
export interface InitialStatusOptions {
  /** The run id (`log_<timestamp>`). */
  runId: string;
  /** The session id; default the run id. */
  sessionId?: string;
  /** Absolute path of the turn's log folder. */
  logDir: string;
  question: string;
  /** Start time, ms since the epoch. */
  startTime: number;
  /** Real agent ids in config order, if already known (run-start sets them otherwise). */
  agents?: string[];
  /** The agents' backends and models, for the `costs` block (run-start sets them otherwise). */
  agentInfo?: readonly AgentInfo[];
}

/** A new agent entry: waiting, nothing done yet. */
export function initialAgentStatus(): AgentStatusEntry {
  return {
    status: 'waiting',
    answer_count: 0,
    latest_answer_label: null,
    vote_cast: null,
    times_restarted: 0,
    last_activity: null,
    error: null,
    tokens: { input: 0, output: 0, reasoning: 0 },
  };
}

/** The status of a run that has not started yet. */
export function initialStatus(options: InitialStatusOptions): RunStatusFile {
  const iso = new Date(options.startTime).toISOString();
  const status: RunStatusFile = {
    meta: {
      last_updated: iso,
      session_id: options.sessionId ?? options.runId,
      log_dir: options.logDir,
      question: options.question,
      start_time: iso,
      elapsed_seconds: 0,
    },
    coordination: {
      phase: 'initial_answer',
      active_agent: null,
      completion_percentage: 0,
      is_final_presentation: false,
      attempt: 1,
      max_attempts: 1,
    },
    agents: Object.fromEntries((options.agents ?? []).map((id) => [id, initialAgentStatus()])),
    results: { votes: {}, winner: null, final_answer_preview: null },
    costs: initialCosts(options.agentInfo),
    run: { status: 'running', duration_seconds: null, error: null },
  };
  return derive(status);
}

type Patch = Partial<AgentStatusEntry> | ((agent: AgentStatusEntry) => Partial<AgentStatusEntry>);

/** Statuses an agent keeps until it is started again. */
const STICKY = new Set(['dropped', 'timeout', 'error']);

/**
 * Applies one event. Pure: never mutates `status`; returns `status` itself when nothing changes.
 * `price` prices each call for the `costs` block; without it calls count as unpriced.
 */
export function reduceStatus(
  current: RunStatusFile,
  event: CoordinationEvent,
  price?: Pricer,
): RunStatusFile {
  // Notices, attachments, memory activity and MCP server changes do not change the coordination status.
  if (
    event.type === 'notice' ||
    event.type === 'attachment' ||
    event.type.startsWith('memory-') ||
    event.type === 'tool-server-status'
  )
    return current;
  const status = endRetryWait(current, event);
  // Fast path for the bulk of the stream: text of an agent already streaming changes nothing.
  if (event.type === 'text-delta' || event.type === 'reasoning-delta' || event.type === 'final-delta') {
    const agent = status.agents[event.agentId];
    if (agent && agent.status !== 'waiting' && agent.status !== 'restarting') return status;
  }
  const at = new Date(event.ts).toISOString();
  /** Patches agents and returns the finished next status. */
  const withAgents = (patches: Record<string, Patch>, base: RunStatusFile = status): RunStatusFile => {
    const agents = { ...base.agents };
    for (const [id, patch] of Object.entries(patches)) {
      const current = agents[id] ?? initialAgentStatus();
      agents[id] = { ...current, ...(typeof patch === 'function' ? patch(current) : patch) };
    }
    return finish({ ...base, agents }, event.ts);
  };
  const activity = (patch: Partial<AgentStatusEntry> = {}): Patch => ({ last_activity: at, ...patch });

  switch (event.type) {
    case 'run-start':
      return initialStatus({
        runId: event.runId,
        sessionId: event.sessionId,
        logDir: event.logDir ?? status.meta.log_dir,
        question: event.question,
        startTime: event.ts,
        agents: event.agents.map((agent) => agent.id),
        agentInfo: event.agents,
      });
    case 'agent-start':
      return withAgents({
        [event.agentId]: activity({ status: 'streaming', times_restarted: Math.max(0, event.execution - 1) }),
      });
    case 'agent-end':
      // Answers, votes and failures have their own events; only a cancelled execution changes the status.
      return event.outcome === 'cancelled'
        ? withAgents({ [event.agentId]: activity({ status: 'cancelled' }) })
        : status;
    case 'text-delta':
    case 'reasoning-delta':
    case 'final-delta':
      return withAgents({ [event.agentId]: activity({ status: 'streaming' }) });
    case 'final-start':
      return withAgents(
        { [event.agentId]: activity({ status: 'presenting' }) },
        { ...status, coordination: { ...status.coordination, is_final_presentation: true } },
      );
    case 'final-end':
      return withAgents({
        [event.agentId]: activity(
          event.outcome === 'cancelled'
            ? { status: 'cancelled' }
            : event.outcome === 'failed'
              ? {
                  status: 'error',
                  error: { type: 'error', message: 'The final presentation failed.', timestamp: at },
                }
              : { status: 'completed' },
        ),
      });
    case 'tool-call':
    case 'tool-result':
    case 'workflow-rejected':
    case 'update-injected':
      return withAgents({
        [event.agentId]: (agent) =>
          agent.status === 'waiting' || agent.status === 'restarting'
            ? { last_activity: at, status: 'streaming' }
            : { last_activity: at },
      });
    case 'answer':
      return withAgents({
        [event.agentId]: (agent) => ({
          status: 'answered',
          answer_count: event.answerNumber > 0 ? event.answerNumber : agent.answer_count + 1,
          latest_answer_label: event.label,
          last_activity: at,
          error: null,
        }),
      });
    case 'vote': {
      const target = status.agents[event.votedFor];
      const vote: VoteCast = {
        voted_for_agent: event.votedFor,
        voted_for_label: target?.latest_answer_label ?? event.votedForLabel,
        reason_preview: event.reason.slice(0, 100),
      };
      return withAgents({ [event.agentId]: activity({ status: 'voted', vote_cast: vote, error: null }) });
    }
    case 'votes-invalidated': {
      const patches: Record<string, Patch> = {};
      for (const id of event.affected) {
        patches[id] = (agent) => ({
          vote_cast: null,
          status: STICKY.has(agent.status) ? agent.status : 'restarting',
        });
      }
      return withAgents(patches);
    }
    case 'vote-ignored':
      return withAgents({ [event.agentId]: activity({ status: 'restarting' }) });
    case 'provider-retry':
      return withAgents({
        [event.agentId]: activity({
          status: 'retrying',
          retry: {
            attempt: event.attempt,
            delay_seconds: event.delayMs / 1000,
            retry_at: new Date(event.ts + event.delayMs).toISOString(),
            status_code: event.statusCode ?? null,
            message: event.message,
          },
        }),
      });
    case 'agent-error':
      return withAgents({
        [event.agentId]: activity({
          status: 'error',
          error: { type: 'error', message: event.message, timestamp: at },
        }),
      });
    case 'agent-dropped':
      return withAgents({
        [event.agentId]: activity({
          status: 'dropped',
          error: { type: 'dropped', message: event.reason, timestamp: at },
        }),
      });
    case 'agent-timeout':
      return withAgents({
        [event.agentId]: activity({
          status: 'timeout',
          error: { type: 'timeout', message: `Agent timeout after ${event.seconds}s`, timestamp: at },
        }),
      });
    case 'question-paraphrased':
      if (event.calls === 0) return status;
      return finish({ ...status, costs: addParaphraseCost(status.costs, event, price) }, event.ts);
    case 'usage':
      // A call of no agent (the speaker selector) counts in the costs only.
      if (event.priceAs && !status.agents[event.agentId]) {
        return finish(
          { ...status, costs: addCallCost(status.costs, event.agentId, event.usage, price, event.priceAs) },
          event.ts,
        );
      }
      return withAgents(
        {
          [event.agentId]: (agent) => ({
            last_activity: at,
            tokens: {
              input: agent.tokens.input + event.usage.inputTokens,
              output: agent.tokens.output + event.usage.outputTokens,
              reasoning: agent.tokens.reasoning + (event.usage.reasoningTokens ?? 0),
            },
          }),
        },
        { ...status, costs: addCallCost(status.costs, event.agentId, event.usage, price, event.priceAs) },
      );
    case 'winner': {
      const patches: Record<string, Patch> = {};
      for (const [id, agent] of Object.entries(status.agents)) {
        if (id !== event.agentId && agent.status !== 'dropped' && agent.status !== 'timeout') {
          patches[id] = { status: 'completed' };
        }
      }
      patches[event.agentId] = activity({ status: 'presenting' });
      const base: RunStatusFile = {
        ...status,
        coordination: { ...status.coordination, is_final_presentation: true },
        results: { ...status.results, winner: event.agentId },
      };
      return withAgents(patches, base);
    }
    case 'attempt-start': {
      // A restarted attempt begins from scratch; tokens keep adding up across attempts.
      const agents = Object.fromEntries(
        Object.entries(status.agents).map(([id, agent]) => [
          id,
          { ...initialAgentStatus(), tokens: agent.tokens },
        ]),
      );
      return finish(
        {
          ...status,
          agents,
          coordination: {
            ...status.coordination,
            phase: 'initial_answer',
            is_final_presentation: false,
            attempt: event.attempt,
            max_attempts: event.maxAttempts,
          },
          results: { votes: {}, winner: null, final_answer_preview: null },
        },
        event.ts,
      );
    }
    case 'final-answer':
      return finish(
        { ...status, results: { ...status.results, final_answer_preview: event.content.slice(0, 200) } },
        event.ts,
      );
    case 'run-end': {
      const patches: Record<string, Patch> = {};
      for (const [id, agent] of Object.entries(status.agents)) {
        if (agent.status === 'presenting') patches[id] = { status: 'completed' };
      }
      const base: RunStatusFile = {
        ...status,
        results: {
          ...status.results,
          winner: status.results.winner ?? event.winner ?? null,
          final_answer_preview:
            status.results.final_answer_preview ?? event.finalAnswer?.slice(0, 200) ?? null,
        },
        run: { status: event.status, duration_seconds: event.durationMs / 1000, error: event.error ?? null },
      };
      return withAgents(patches, base);
    }
    default:
      return status;
  }
}

/**
 * An agent waiting for a retry is working again at its next event of any kind: back to `streaming`
 * (or `presenting`, for the winner), before that event applies.
 */
function endRetryWait(status: RunStatusFile, event: CoordinationEvent): RunStatusFile {
  const id = 'agentId' in event ? event.agentId : undefined;
  if (event.type === 'provider-retry' || id === undefined) return status;
  const agent = status.agents[id];
  if (agent?.status !== 'retrying') return status;
  const { retry: _done, ...rest } = agent;
  const presenting = status.coordination.is_final_presentation && status.results.winner === id;
  return {
    ...status,
    agents: { ...status.agents, [id]: { ...rest, status: presenting ? 'presenting' : 'streaming' } },
  };
}
