/**
 * One coordination round to convergence: starts every agent at once, judges their workflow calls
 * with the pure rules in state.ts, restarts agents whose votes a new answer invalidated, retries and
 * drops failing agents. It reacts to events only: no polling.
 */

import { errorText } from '../error-text.js';
import type { AgentOutcome, EventInput, PlannedAction } from '../events/types.js';
import { judgeFailure } from '../providers/failure-verdict.js';
import type { BudgetGate } from '../types/budget.js';
import type { OrchestratorOptions } from '../types/orchestrator-options.js';
import { type ExecutionOutcome, runExecution } from './execution.js';
import {
  agentsToStart,
  type CoordinationState,
  halt,
  isConverged,
  isHaltedAndIdle,
  isStuck,
  liveAgents,
  readyToRetry,
  recordFailure,
  type Snapshot,
  slot,
  snapshot,
  startExecution,
  submitAnswer,
  submitVote,
} from './state.js';

class AgentDeadline extends Error {}

/** `$0.01234 of $0.01, 1234 of 1000 tokens`: the spend against each limit. */
export function budgetSpentText(budget: BudgetGate): string {
  const spent = budget.spent();
  const parts: string[] = [];
  if (budget.limits.maxCostUsd !== undefined)
    parts.push(`$${Number(spent.costUsd.toPrecision(4))} of $${budget.limits.maxCostUsd}`);
  if (budget.limits.maxTokens !== undefined)
    parts.push(`${spent.tokens} of ${budget.limits.maxTokens} tokens`);
  return parts.join(', ');
}

/** Runs agents until convergence, until no agent is left, or until `signal` aborts. */
export function coordinate(
  options: OrchestratorOptions,
  initial: CoordinationState,
  signal: AbortSignal,
  publish: (state: CoordinationState) => void,
  /** The variant of the question each agent reads with it (`orchestrator.dspy`). */
  variants?: Readonly<Record<string, string>>,
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
      answer(agentId: string, content: string, context: string, planned: readonly PlannedAction[] = []) {
        const refusal = options.workspaces?.answerRefusal?.(agentId);
        if (refusal !== undefined) return { kind: 'rejected' as const, message: refusal };
        const decision = submitAnswer(state, agentId, content, planned);
        if (decision.kind === 'rejected') return decision;
        set(decision.state);
        const me = slot(state, agentId);
        const workspace = snapshotWorkspace(agentId);
        emit({
          type: 'answer',
          agentId,
          label: decision.answerLabel,
          content: me.answer!,
          answerNumber: me.answerCount,
          context,
          workspace,
          ...(planned.length > 0 ? { plannedActions: [...planned] } : {}),
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
        // The options are the current answers (an accepted vote saw them all): not repeated here.
        emit({
          type: 'vote',
          agentId,
          votedFor: decision.target,
          votedForLabel: label.trim(),
          reason,
          context,
        });
        return { kind: 'accepted' as const };
      },
    };

    /** Snapshots the agent's workspace (before peers hear of the answer); a failure is a warning. */
    const snapshotWorkspace = (agentId: string): string | undefined => {
      try {
        return options.workspaces?.onAnswer(agentId);
      } catch (error) {
        emit({
          type: 'notice',
          level: 'warning',
          agentId,
          message: `Could not snapshot the workspace of ${agentId}: ${errorText(error)}`,
        });
        return undefined;
      }
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
      const execution = slot(state, agentId).executions;
      // What it reads is the current answers at this point of the stream: not repeated here.
      emit({ type: 'agent-start', agentId, execution });
      const end = (outcome: AgentOutcome, error?: string) =>
        emit({ type: 'agent-end', agentId, execution, outcome, ...(error === undefined ? {} : { error }) });
      const limit = new AbortController();
      const timer = setTimeout(() => limit.abort(new AgentDeadline()), options.agentTimeoutMs);
      let outcome: ExecutionOutcome;
      try {
        outcome = await runExecution({
          agent,
          question: options.question,
          paraphrase: variants?.[agentId],
          budget: options.budget,
          history: options.history ?? [],
          snapshot: seen,
          coordinator,
          emit,
          signal: AbortSignal.any([signal, limit.signal]),
          prompt: options.prompt,
          labels,
        });
      } catch (err) {
        if (signal.aborted) {
          end('cancelled');
        } else if (limit.signal.aborted) {
          const seconds = options.agentTimeoutMs / 1000;
          end('timeout', `timed out after ${seconds}s`);
          emit({ type: 'agent-timeout', agentId, seconds });
          fail(agentId, `timed out after ${seconds}s`, false);
        } else {
          const verdict = judgeFailure(err, agent.backendType);
          end('failed', verdict.message);
          fail(agentId, verdict.message, verdict.final);
        }
        return;
      } finally {
        clearTimeout(timer);
      }
      if (outcome.kind === 'exhausted') {
        end('failed', outcome.message);
        fail(agentId, outcome.message, false);
      } else {
        end(outcome.kind);
      }
    };

    const pump = () => {
      if (settled) return;
      if (isConverged(state) || isStuck(state) || liveAgents(state).length === 0) {
        finish();
        return;
      }
      const due = agentsToStart(state);
      // One more execution, and the presentation after it, must fit in the budget.
      if (due.length > 0 && options.budget && !options.budget.allows(2)) {
        set(halt(state, 'budget'));
        emit({
          type: 'notice',
          level: 'warning',
          message: `Budget reached (${budgetSpentText(options.budget)}): no new agent work starts.`,
        });
      }
      if (isHaltedAndIdle(state)) {
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
