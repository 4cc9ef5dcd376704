/**
 * The runner of a whole run: one or more orchestration attempts (coordination to convergence, then
 * the winner's presentation), with post-evaluation between attempts when restarts are enabled, under
 * one run deadline. It only emits events; it never prints.
 */
import { errorText } from '../error-text.js';
import type { EventInput, PresentationOutcome, RunStatus } from '../events/types.js';
import { paraphraseQuestion } from '../paraphrase/deal-question.js';
import type { RestartFeedback } from '../types/coordination.js';
import type { OrchestratorOptions } from '../types/orchestrator-options.js';
import type { RunResult } from '../types/run-result.js';
import { budgetSpentText, coordinate } from './coordinate.js';
import { postEvaluate } from './post-evaluation.js';
import { present } from './presentation.js';
import { abortKind, openRun } from './run-scope.js';
import {
  type CoordinationState,
  createState,
  pickWinner,
  slot,
  snapshot,
  type WinnerChoice,
} from './state.js';

export async function runCoordination(options: OrchestratorOptions): Promise<RunResult> {
  const scope = openRun(options);
  const { emit, started } = scope;

  const maxAttempts = 1 + Math.max(0, options.maxRestarts ?? 0);
  let feedback: RestartFeedback | undefined;
  let result: AttemptResult | undefined;
  let best: AttemptResult | undefined;
  try {
    const variants = await paraphraseQuestion(
      options.paraphrase,
      options.question,
      options.agents.map((a) => a.id),
      scope.signal,
      emit,
    );
    for (let attempt = 1; ; attempt++) {
      if (maxAttempts > 1) {
        emit({
          type: 'attempt-start',
          attempt,
          maxAttempts,
          reason: feedback?.reason,
          instructions: feedback?.instructions,
        });
      }
      const prompt = { ...options.prompt, restart: feedback };
      result = await runAttempt({ ...options, prompt }, scope.signal, emit, variants);
      if (result.finalAnswer !== undefined) best = result;
      if (attempt >= maxAttempts || result.status !== 'completed' || !result.winner) break;
      if (options.budget && !options.budget.allows(1)) {
        // No post-evaluation (nor restart) fits: the presented answer stands.
        emit({
          type: 'notice',
          level: 'warning',
          message: `Budget reached (${budgetSpentText(options.budget)}): the final answer is not evaluated.`,
        });
        result = { ...result, status: 'budget' };
        break;
      }
      let evaluation: Awaited<ReturnType<typeof postEvaluate>>;
      try {
        evaluation = await postEvaluate({
          agent: options.agents.find((a) => a.id === result!.winner)!,
          question: options.question,
          finalAnswer:
            attempt === 1 && options.debugFinalAnswer ? options.debugFinalAnswer : result.finalAnswer!,
          emit,
          signal: scope.signal,
          timeoutMs: options.agentTimeoutMs,
        });
      } catch (error) {
        // Interrupted or past the deadline while evaluating: the presented answer stands.
        const stopped = scope.aborted();
        if (!stopped) throw error;
        result = { ...result, status: stopped };
        break;
      }
      if (evaluation.decision === 'submit') break;
      feedback = {
        reason: evaluation.reason!,
        instructions: evaluation.instructions!,
        previousFinalAnswer: result.finalAnswer,
        previousAnswers: snapshot(result.state).answers,
      };
    }
  } finally {
    scope.close();
  }

  // A later attempt that ended without an answer never loses an earlier attempt's final answer.
  const final = result?.finalAnswer === undefined && best ? best : result!;
  const status = result!.status === 'failed' && best ? 'completed' : result!.status;
  const durationMs = Date.now() - started;
  const winner = final.finalAnswer !== undefined ? final.winner : undefined;
  const error = final.finalAnswer === undefined ? result!.error : undefined;
  emit({ type: 'run-end', status, winner, finalAnswer: final.finalAnswer, durationMs, error });
  return { status, winner, finalAnswer: final.finalAnswer, answers: final.answers, durationMs, error };
}

interface AttemptResult {
  status: RunStatus;
  state: CoordinationState;
  winner?: string;
  finalAnswer?: string;
  answers: Record<string, string>;
  error?: string;
}

/** One orchestration attempt: coordination from scratch, then the winner's presentation. */
async function runAttempt(
  options: OrchestratorOptions,
  signal: AbortSignal,
  emit: (event: EventInput) => void,
  variants: Readonly<Record<string, string>> | undefined,
): Promise<AttemptResult> {
  let state = createState(
    options.agents.map((a) => a.id),
    options.rules,
  );
  if (!options.skipCoordination && !signal.aborted) {
    state = await coordinate(
      options,
      state,
      signal,
      (s) => {
        state = s;
      },
      variants,
    );
  }
  let status: RunStatus = state.halted === 'budget' ? 'budget' : 'completed';
  status = abortKind(signal) ?? status;
  const answers: Record<string, string> = {};
  for (const a of state.agents) if (a.answer !== undefined) answers[a.id] = a.answer;

  const winner: WinnerChoice | undefined = options.skipCoordination
    ? { agentId: options.agents[0]!.id, votes: {}, isTie: false, by: 'no-votes' }
    : pickWinner(state);
  if (status === 'interrupted') return { status, state, answers };
  if (!winner) {
    const error =
      status === 'timeout'
        ? 'The run deadline passed before any agent gave an answer.'
        : status === 'budget'
          ? 'The budget was reached before any agent gave an answer.'
          : 'Every agent failed before giving an answer.';
    emit({ type: 'notice', level: 'error', message: error });
    return { status: status === 'completed' ? 'failed' : status, state, answers, error };
  }
  const by = options.skipCoordination ? 'skip-coordination' : status === 'timeout' ? 'timeout' : winner.by;
  emit({ type: 'winner', agentId: winner.agentId, votes: winner.votes, isTie: winner.isTie, by });
  const finalAnswer = await finalPresentation(options, state, winner, status === 'timeout', signal, emit);
  status = abortKind(signal) ?? status;
  if (status === 'interrupted') return { status, state, answers };
  if (finalAnswer === undefined) {
    return {
      status: 'failed',
      state,
      answers,
      error: 'The final presentation failed and no stored answer exists.',
    };
  }
  return { status, state, winner: winner.agentId, finalAnswer, answers };
}

/**
 * The winner's presentation, between `final-start` and `final-end`: its text, or its stored answer
 * when the deadline had passed or the presentation failed or was empty. Undefined when there is no
 * final answer (interrupted, or no stored answer to fall back on).
 */
async function finalPresentation(
  options: OrchestratorOptions,
  state: CoordinationState,
  winner: WinnerChoice,
  deadlinePassed: boolean,
  /** The run's signal: interrupt or deadline. */
  runSignal: AbortSignal,
  emit: (event: EventInput) => void,
): Promise<string | undefined> {
  const agentId = winner.agentId;
  emit({ type: 'final-start', agentId });
  const { text, outcome } = await presentOrFallBack(options, state, winner, deadlinePassed, runSignal, emit);
  emit({ type: 'final-end', agentId, outcome });
  return text;
}

async function presentOrFallBack(
  options: OrchestratorOptions,
  state: CoordinationState,
  winner: WinnerChoice,
  deadlinePassed: boolean,
  runSignal: AbortSignal,
  emit: (event: EventInput) => void,
): Promise<{ text?: string; outcome: PresentationOutcome }> {
  const agent = options.agents.find((a) => a.id === winner.agentId)!;
  const stored = slot(state, winner.agentId).answer;
  const workspace = options.workspaces?.workspaceOf(agent.id);
  const fallBackToStored = (): { text?: string; outcome: PresentationOutcome } => {
    if (stored === undefined) return { outcome: 'failed' };
    emit({ type: 'final-answer', agentId: agent.id, content: stored, fromStoredAnswer: true, workspace });
    return { text: stored, outcome: 'stored-answer' };
  };
  if (options.budget && !options.budget.allows(1) && stored !== undefined) {
    emit({
      type: 'notice',
      level: 'warning',
      message: `Budget reached (${budgetSpentText(options.budget)}): using the winner’s last answer as final.`,
    });
    return fallBackToStored();
  }
  if (deadlinePassed && stored !== undefined) {
    emit({
      type: 'notice',
      level: 'warning',
      message: 'Run deadline passed: using the winner’s last answer as final.',
    });
    return fallBackToStored();
  }
  const signal = AbortSignal.any([runSignal, AbortSignal.timeout(options.agentTimeoutMs)]);
  // Only the presenter may write to `write` context paths, and only while it presents.
  options.workspaces?.setPresenter(agent.id);
  try {
    const result = await present({
      agent,
      state,
      question: options.question,
      history: options.history ?? [],
      isTie: winner.isTie,
      restart: options.prompt.restart,
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
        workspace,
      });
      return { text: result.text, outcome: 'presented' };
    }
    emit({
      type: 'notice',
      level: 'warning',
      agentId: agent.id,
      message: 'The presentation was empty; using the stored answer.',
    });
  } catch (err) {
    const stopped = abortKind(runSignal);
    if (stopped === 'interrupted') return { outcome: 'cancelled' };
    emit({
      type: 'notice',
      level: 'warning',
      agentId: agent.id,
      message:
        stopped === 'timeout'
          ? 'Run deadline passed during the presentation: using the winner’s last answer as final.'
          : `The presentation failed (${errorText(err)}); using the stored answer.`,
    });
  } finally {
    options.workspaces?.setPresenter(undefined);
  }
  return fallBackToStored();
}
