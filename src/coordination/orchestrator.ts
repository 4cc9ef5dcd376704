/**
 * The runner: starts every agent at once, judges their workflow calls with the pure rules in
 * state.ts, restarts agents whose votes a new answer invalidated, retries and drops failing agents,
 * and when every live agent holds a valid vote has the winner present the final answer. It reacts to
 * events only: no polling.
 */
import { APICallError } from '@ai-sdk/provider';
import { type ExecutionOutcome, runExecution } from '../agent/execution.js';
import type { AgentRuntime } from '../agent/runtime.js';
import type { EventChannel } from '../events/channel.js';
import type { EventInput, RunStatus } from '../events/types.js';
import { present } from './presentation.js';
import type { HistoryMessage, PromptSettings } from './prompts.js';
import {
  agentsToStart,
  type CoordinationRules,
  type CoordinationState,
  createState,
  isConverged,
  isStuck,
  liveAgents,
  pickWinner,
  readyToRetry,
  recordFailure,
  type Snapshot,
  slot,
  snapshot,
  startExecution,
  submitAnswer,
  submitVote,
  type WinnerChoice,
} from './state.js';

export interface OrchestratorOptions {
  agents: AgentRuntime[];
  question: string;
  history?: HistoryMessage[];
  rules: CoordinationRules;
  prompt: PromptSettings;
  /** Skip coordination: the first agent answers directly. */
  skipCoordination?: boolean;
  /** Deadline of the whole run. */
  runTimeoutMs: number;
  /** Limit of one agent execution (and of the presentation). */
  agentTimeoutMs: number;
  /** First backoff delay before restarting a failed agent; doubles with each consecutive failure. */
  retryBaseMs: number;
  channel: EventChannel;
  /** Aborting it interrupts the run (Ctrl-C). */
  signal?: AbortSignal;
  logDir?: string;
}

export interface RunResult {
  status: RunStatus;
  winner?: string;
  finalAnswer?: string;
  /** Latest answer of each agent that gave one. */
  answers: Record<string, string>;
  durationMs: number;
  error?: string;
}

class RunDeadline extends Error {}
class AgentDeadline extends Error {}

function message(error: unknown): string {
  if (APICallError.isInstance(error)) return `${error.statusCode ?? 'network'} ${error.message}`;
  return error instanceof Error ? error.message : String(error);
}

/** Errors that retrying cannot fix: authentication, permission, unknown model. */
function isPermanent(error: unknown): boolean {
  return APICallError.isInstance(error) && [401, 403, 404].includes(error.statusCode ?? 0);
}

export async function runCoordination(options: OrchestratorOptions): Promise<RunResult> {
  const started = Date.now();
  const emit = (event: EventInput) => options.channel.emit(event);
  const run = new AbortController();
  const onInterrupt = () => run.abort(options.signal?.reason ?? new Error('interrupted'));
  options.signal?.addEventListener('abort', onInterrupt, { once: true });
  const deadline = setTimeout(() => run.abort(new RunDeadline('run deadline')), options.runTimeoutMs);

  emit({
    type: 'run-start',
    question: options.question,
    logDir: options.logDir,
    agents: options.agents.map((a) => ({
      id: a.id,
      label: a.label,
      backend: a.backendType,
      model: a.modelId,
    })),
  });

  let state = createState(
    options.agents.map((a) => a.id),
    options.rules,
  );
  let status: RunStatus = 'completed';
  let error: string | undefined;
  try {
    if (!options.skipCoordination) {
      state = await coordinate(options, state, run.signal, (s) => {
        state = s;
      });
    }
    if (run.signal.aborted) status = run.signal.reason instanceof RunDeadline ? 'timeout' : 'interrupted';
  } finally {
    clearTimeout(deadline);
  }

  let winner: WinnerChoice | undefined;
  if (options.skipCoordination) {
    winner = { agentId: options.agents[0]!.id, votes: {}, isTie: false, by: 'no-votes' };
  } else {
    winner = pickWinner(state);
  }
  let finalAnswer: string | undefined;
  if (status === 'interrupted') {
    // Nothing more is asked of the models; what was accepted is already in the log.
  } else if (!winner) {
    status = status === 'timeout' ? 'timeout' : 'failed';
    error =
      status === 'timeout'
        ? 'The run deadline passed before any agent gave an answer.'
        : 'Every agent failed before giving an answer.';
    emit({ type: 'notice', level: 'error', message: error });
  } else {
    const by = options.skipCoordination ? 'skip-coordination' : status === 'timeout' ? 'timeout' : winner.by;
    emit({ type: 'winner', agentId: winner.agentId, votes: winner.votes, isTie: winner.isTie, by });
    finalAnswer = await finalPresentation(options, state, winner, status === 'timeout', emit);
    if (options.signal?.aborted) status = 'interrupted';
    else if (finalAnswer === undefined) {
      status = 'failed';
      error = 'The final presentation failed and no stored answer exists.';
    }
  }
  options.signal?.removeEventListener('abort', onInterrupt);
  const answers: Record<string, string> = {};
  for (const a of state.agents) if (a.answer !== undefined) answers[a.id] = a.answer;
  const durationMs = Date.now() - started;
  emit({
    type: 'run-end',
    status,
    winner: finalAnswer ? winner?.agentId : undefined,
    finalAnswer,
    durationMs,
    error,
  });
  return {
    status,
    winner: finalAnswer ? winner?.agentId : undefined,
    finalAnswer,
    answers,
    durationMs,
    error,
  };
}

/** Runs agents until convergence, until no agent is left, or until `signal` aborts. */
function coordinate(
  options: OrchestratorOptions,
  initial: CoordinationState,
  signal: AbortSignal,
  publish: (state: CoordinationState) => void,
): Promise<CoordinationState> {
  const emit = (event: EventInput) => options.channel.emit(event);
  const runtimes = new Map(options.agents.map((a) => [a.id, a]));
  const labels = options.agents.map((a) => a.label);
  let state = initial;
  const set = (next: CoordinationState) => {
    state = next;
    publish(next);
  };
  const running = new Set<Promise<void>>();
  const timers = new Set<NodeJS.Timeout>();

  return new Promise<CoordinationState>((resolve) => {
    let settled = false;
    const finish = () => {
      if (settled) return;
      settled = true;
      for (const t of timers) clearTimeout(t);
      // Executions see the aborted signal and end; wait for them so no event comes after the run.
      void Promise.allSettled([...running]).then(() => resolve(state));
    };
    signal.addEventListener('abort', finish, { once: true });

    const coordinator = {
      snapshot: () => snapshot(state),
      answer(agentId: string, content: string, context: string) {
        const decision = submitAnswer(state, agentId, content);
        if (decision.kind === 'rejected') return decision;
        set(decision.state);
        const me = slot(state, agentId);
        emit({
          type: 'answer',
          agentId,
          label: decision.answerLabel,
          content: me.answer!,
          answerNumber: me.answerCount,
          context,
        });
        const affected = decision.invalidated.filter((id) => id !== agentId);
        if (affected.length > 0) emit({ type: 'votes-invalidated', agentId, affected });
        return { kind: 'accepted' as const };
      },
      vote(agentId: string, label: string, reason: string, seen: Snapshot, context: string) {
        const decision = submitVote(state, agentId, label, reason, seen);
        if (decision.kind === 'rejected') return decision;
        if (decision.kind === 'stale') {
          emit({
            type: 'vote-ignored',
            agentId,
            votedFor: decision.target,
            reason,
            why: 'new answers arrived after this agent last read the answers',
          });
          return decision;
        }
        set(decision.state);
        emit({
          type: 'vote',
          agentId,
          votedFor: decision.target,
          votedForLabel: label.trim(),
          reason,
          options: seen.answers.map((a) => a.answerLabel),
          context,
        });
        return { kind: 'accepted' as const };
      },
    };

    const fail = (agentId: string, text: string, permanent: boolean) => {
      const result = recordFailure(state, agentId, permanent);
      set(result.state);
      emit({
        type: 'agent-error',
        agentId,
        message: text,
        willRetry: !result.dropped,
        failures: result.failures,
      });
      if (result.dropped) {
        emit({ type: 'agent-dropped', agentId, reason: text });
        return;
      }
      const delay = options.retryBaseMs * 2 ** (result.failures - 1);
      const timer = setTimeout(() => {
        timers.delete(timer);
        set(readyToRetry(state, agentId));
        pump();
      }, delay);
      timers.add(timer);
    };

    const execute = async (agentId: string) => {
      const agent = runtimes.get(agentId)!;
      set(startExecution(state, agentId));
      const seen = snapshot(state);
      emit({
        type: 'agent-start',
        agentId,
        execution: slot(state, agentId).executions,
        answersSeen: seen.answers.map((a) => a.answerLabel),
      });
      const limit = new AbortController();
      const timer = setTimeout(() => limit.abort(new AgentDeadline()), options.agentTimeoutMs);
      let outcome: ExecutionOutcome | undefined;
      try {
        outcome = await runExecution({
          agent,
          question: options.question,
          history: options.history ?? [],
          snapshot: seen,
          coordinator,
          emit,
          signal: AbortSignal.any([signal, limit.signal]),
          prompt: options.prompt,
          labels,
        });
      } catch (err) {
        if (signal.aborted) return;
        if (limit.signal.aborted) {
          emit({ type: 'agent-timeout', agentId, seconds: options.agentTimeoutMs / 1000 });
          fail(agentId, `timed out after ${options.agentTimeoutMs / 1000}s`, false);
        } else {
          fail(agentId, message(err), isPermanent(err));
        }
        return;
      } finally {
        clearTimeout(timer);
      }
      if (outcome.kind === 'exhausted') fail(agentId, outcome.message, false);
    };

    const pump = () => {
      if (settled) return;
      if (isConverged(state) || isStuck(state) || liveAgents(state).length === 0) {
        finish();
        return;
      }
      for (const agentId of agentsToStart(state)) {
        const task = execute(agentId).finally(() => {
          running.delete(task);
          pump();
        });
        running.add(task);
      }
    };
    pump();
  });
}

async function finalPresentation(
  options: OrchestratorOptions,
  state: CoordinationState,
  winner: WinnerChoice,
  deadlinePassed: boolean,
  emit: (event: EventInput) => void,
): Promise<string | undefined> {
  const agent = options.agents.find((a) => a.id === winner.agentId)!;
  const stored = slot(state, winner.agentId).answer;
  if (deadlinePassed && stored !== undefined) {
    emit({
      type: 'notice',
      level: 'warning',
      message: 'Run deadline passed: using the winner’s last answer as final.',
    });
    emit({ type: 'final-answer', agentId: agent.id, content: stored, fromStoredAnswer: true });
    return stored;
  }
  const limit = AbortSignal.timeout(options.agentTimeoutMs);
  const signal = options.signal ? AbortSignal.any([options.signal, limit]) : limit;
  try {
    const result = await present({
      agent,
      state,
      question: options.question,
      history: options.history ?? [],
      isTie: winner.isTie,
      emit,
      signal,
    });
    if (result.text) {
      emit({
        type: 'final-answer',
        agentId: agent.id,
        content: result.text,
        fromStoredAnswer: false,
        context: result.context,
      });
      return result.text;
    }
    emit({
      type: 'notice',
      level: 'warning',
      agentId: agent.id,
      message: 'The presentation was empty; using the stored answer.',
    });
  } catch (err) {
    if (options.signal?.aborted) return undefined;
    emit({
      type: 'notice',
      level: 'warning',
      agentId: agent.id,
      message: `The presentation failed (${message(err)}); using the stored answer.`,
    });
  }
  if (stored === undefined) return undefined;
  emit({ type: 'final-answer', agentId: agent.id, content: stored, fromStoredAnswer: true });
  return stored;
}
