/**
 * `orchestrator.mode: group_chat`: the top-level agents hold one group chat, and its summary is the
 * final answer. It emits the same `CoordinationEvent` stream as a voting run, so displays, logs,
 * status.json and sessions work unchanged: run-start; per turn agent-start, the streamed text, and an
 * `answer` (`agentK.N`) carrying the message; notices for speaker selection and termination; then a
 * `winner` (the summary writer, or the last speaker; `by: 'no-votes'`), the final answer and run-end.
 * With paraphrasing on, the variants are written first and each speaker reads its own after the
 * question; the selector and the summary read the question alone. With a budget, no turn starts
 * once it (and the summary after it) no longer fits; the summary, or the last message when even
 * the summary does not fit, is the final answer, and the run ends `budget`.
 */

import { budgetSpentText } from '../coordination/coordinate.js';
import { answerLabel } from '../coordination/labels.js';
import { abortKind, openRun, type RunScopeOptions } from '../coordination/run-scope.js';
import type { EventChannel } from '../events/channel.js';
import type { PresentationOutcome, RunStatus, StreamPhase } from '../events/types.js';
import { toPromptParts } from '../media/prompt-parts.js';
import { paraphraseQuestion } from '../paraphrase/deal-question.js';
import type { AgentRuntime } from '../types/agent-runtime.js';
import type { BudgetGate } from '../types/budget.js';
import type { HistoryMessage } from '../types/history.js';
import type { Paraphrase } from '../types/paraphrase.js';
import type { RunResult } from '../types/run-result.js';
import { runChat } from './chat.js';
import { chatTask } from './prompts.js';
import { summarizeChat } from './summary.js';
import type { ChatMember, ChatSpec, ReplySink, SpeakingOrder, SummaryMethod } from './types.js';
import { tokenUsage } from './usage.js';

/** The `orchestrator.group_chat` settings, resolved. */
export interface GroupChatSettings {
  /** `auto` carries the selector (default: the first agent's model). */
  order: Extract<SpeakingOrder, { kind: 'round_robin' } | { kind: 'auto' }>;
  maxRounds: number;
  terminationKeyword?: string;
  initialAgent?: string;
  summaryMethod: SummaryMethod;
  summaryAgent?: string;
  /**
   * Whom the speaker selector's calls are billed to: the agent whose model it is, or its own
   * `selector` entry priced as its backend and model (a dedicated `group_chat.selector`).
   */
  selectorBilling?: { agentId: string; priceAs?: { backend: string; model: string } };
}

export interface GroupChatRunOptions {
  agents: AgentRuntime[];
  /** Role descriptions by agent id. */
  descriptions?: Record<string, string | undefined>;
  settings: GroupChatSettings;
  question: string;
  history?: HistoryMessage[];
  /** Deadline of the whole run. */
  runTimeoutMs: number;
  /** The session the run belongs to (status.json `meta.session_id`); default the run id. */
  sessionId?: string;
  /** Starts the run's services right after `run-start` (see run-scope.ts). */
  onStarted?: RunScopeOptions['onStarted'];
  /** Limit of one turn (and of the summary). */
  agentTimeoutMs: number;
  channel: EventChannel;
  /** Aborting it interrupts the run (Ctrl-C). */
  signal?: AbortSignal;
  logDir?: string;
  /** Consecutive failures after which a speaker is dropped; default 3. */
  maxFailures?: number;
  /** The run's budget (`budget:`, `--max-cost`): no turn starts once it does not fit. */
  budget?: BudgetGate;
  /** Writes variants of the question before the chat (`orchestrator.dspy`), one dealt to each speaker. */
  paraphrase?: Paraphrase;
}

/** Runs the group chat and its summary; resolves when run-end has been emitted. */
export async function runGroupChat(options: GroupChatRunOptions): Promise<RunResult> {
  const scope = openRun(options);
  const { emit, started } = scope;
  const run = { signal: scope.signal };

  const runtimes = new Map(options.agents.map((a) => [a.id, a]));
  const members: ChatMember[] = options.agents.map((a) => ({
    id: a.id,
    description: options.descriptions?.[a.id],
    model: a.model,
    settings: a.settings,
    systemMessage: a.systemMessage,
    attachments: a.attachments && toPromptParts(a.attachments),
  }));
  const { settings } = options;
  const spec: ChatSpec = {
    kind: 'group_chat',
    owner: 'run',
    members,
    order: settings.order,
    maxRounds: settings.maxRounds,
    terminationKeyword: settings.terminationKeyword,
    initialAgent: settings.initialAgent,
    summaryMethod: settings.summaryMethod,
    summaryAgent: settings.summaryAgent,
  };
  const task = chatTask(options.question, options.history);
  const turns = new Map<string, number>();
  const labels: string[] = [];
  const answers: Record<string, string> = {};
  const sink = (agentId: string, phase: StreamPhase): ReplySink => ({
    text: (text) =>
      emit(
        phase === 'presentation'
          ? { type: 'final-delta', agentId, text }
          : { type: 'text-delta', agentId, text, phase },
      ),
    reasoning: (text) => emit({ type: 'reasoning-delta', agentId, text, phase }),
    usage: (usage) => emit({ type: 'usage', agentId, usage: tokenUsage(usage), phase }),
  });

  let outcome: Awaited<ReturnType<typeof runChat>>;
  let result: Omit<RunResult, 'answers' | 'durationMs'>;
  try {
    const variants = await paraphraseQuestion(
      options.paraphrase,
      options.question,
      options.agents.map((a) => a.id),
      run.signal,
      emit,
    );
    const speakerTasks = variants
      ? Object.fromEntries(
          Object.entries(variants).map(([id, variant]) => [
            id,
            chatTask(options.question, options.history, variant),
          ]),
        )
      : undefined;
    outcome = await runChat({
      spec,
      task,
      speakerTasks,
      budget: options.budget && {
        gate: options.budget,
        reserve: settings.summaryMethod === 'llm_summary' ? 1 : 0,
      },
      signal: run.signal,
      turnTimeoutMs: options.agentTimeoutMs,
      maxFailures: options.maxFailures,
      hooks: {
        sink: (m) => sink(m.id, 'coordination'),
        turnStart: (m) => {
          const execution = (turns.get(m.id) ?? 0) + 1;
          turns.set(m.id, execution);
          // What it reads is every message so far: the answers before it in the stream.
          emit({ type: 'agent-start', agentId: m.id, execution });
        },
        turnEnd: (m, end) => {
          const execution = turns.get(m.id) ?? 1;
          if (end.kind === 'spoke') {
            emit({ type: 'agent-end', agentId: m.id, execution, outcome: 'answered' });
          } else if (end.kind === 'aborted') {
            emit({ type: 'agent-end', agentId: m.id, execution, outcome: 'cancelled' });
          } else {
            const outcome = end.timedOut ? 'timeout' : 'failed';
            emit({ type: 'agent-end', agentId: m.id, execution, outcome, error: end.message });
          }
        },
        message: (m, content, context) => {
          const agent = runtimes.get(m.id)!;
          const answerNumber = labels.filter((l) => l.startsWith(`${agent.label}.`)).length + 1;
          const label = answerLabel(agent.index, answerNumber);
          labels.push(label);
          answers[m.id] = content;
          emit({ type: 'answer', agentId: m.id, label, content, answerNumber, context });
        },
        failure: (m, f) => {
          if (f.timedOutSeconds !== undefined)
            emit({ type: 'agent-timeout', agentId: m.id, seconds: f.timedOutSeconds });
          emit({
            type: 'agent-error',
            agentId: m.id,
            message: f.message,
            willRetry: !f.dropped,
            failures: f.failures,
          });
          if (f.dropped) emit({ type: 'agent-dropped', agentId: m.id, reason: f.message });
        },
        notice: (level, message, agentId) => emit({ type: 'notice', level, message, agentId }),
        overheadUsage: (usage) => {
          const bill = settings.selectorBilling;
          if (!bill) return;
          const priceAs = bill.priceAs ? { priceAs: bill.priceAs } : {};
          emit({
            type: 'usage',
            agentId: bill.agentId,
            usage: tokenUsage(usage),
            phase: 'coordination',
            ...priceAs,
          });
        },
      },
    });
    result = await finish();
  } finally {
    scope.close();
  }
  const durationMs = Date.now() - started;
  emit({ type: 'run-end', ...result, durationMs });
  return { ...result, answers, durationMs };

  /**
   * Winner and final answer from the transcript. The final answer (the summary, or a message) is
   * given between `final-start` and `final-end`, as a voting run's presentation is.
   */
  async function finish(): Promise<Omit<RunResult, 'answers' | 'durationMs'>> {
    let presenter: string | undefined;
    let result: Awaited<ReturnType<typeof chooseFinal>>;
    try {
      result = await chooseFinal((agentId) => {
        presenter = agentId;
        emit({ type: 'final-start', agentId });
      });
    } catch (error) {
      if (presenter !== undefined) emit({ type: 'final-end', agentId: presenter, outcome: 'failed' });
      throw error;
    }
    if (presenter !== undefined) {
      const outcome: PresentationOutcome =
        result.finalAnswer !== undefined
          ? result.fromStoredAnswer
            ? 'stored-answer'
            : 'presented'
          : result.status === 'interrupted'
            ? 'cancelled'
            : 'failed';
      emit({ type: 'final-end', agentId: presenter, outcome });
    }
    const { fromStoredAnswer: _stored, ...rest } = result;
    return rest;
  }

  async function chooseFinal(
    begin: (agentId: string) => void,
  ): Promise<Omit<RunResult, 'answers' | 'durationMs'> & { fromStoredAnswer?: boolean }> {
    let status: RunStatus = outcome.end === 'budget' ? 'budget' : 'completed';
    status = abortKind(run.signal) ?? status;
    if (status === 'interrupted') return { status };
    const last = outcome.transcript.at(-1);
    if (!last) {
      const error =
        status === 'timeout'
          ? 'The run deadline passed before any agent spoke.'
          : status === 'budget'
            ? 'The budget was reached before any agent spoke.'
            : 'Every agent failed before saying anything.';
      emit({ type: 'notice', level: 'error', message: error });
      return { status: status === 'completed' ? 'failed' : status, error };
    }
    const stored = (agentId: string, content: string, warning: string) => {
      emit({ type: 'notice', level: 'warning', agentId, message: warning });
      emit({ type: 'final-answer', agentId, content, fromStoredAnswer: true });
      return { status, winner: agentId, finalAnswer: content, fromStoredAnswer: true };
    };
    const winner = (agentId: string, by: 'no-votes' | 'timeout') => {
      emit({ type: 'winner', agentId, votes: {}, isTie: false, by });
      begin(agentId);
    };
    if (status === 'timeout') {
      winner(last.speaker, 'timeout');
      return stored(last.speaker, last.text, 'Run deadline passed: using the last message as final.');
    }
    if (settings.summaryMethod === 'llm_summary' && options.budget && !options.budget.allows(1)) {
      winner(last.speaker, 'no-votes');
      status = 'budget';
      return stored(
        last.speaker,
        last.text,
        `Budget reached (${budgetSpentText(options.budget)}): using the last message as final.`,
      );
    }
    if (settings.summaryMethod === 'last_message') {
      winner(last.speaker, 'no-votes');
      emit({ type: 'final-answer', agentId: last.speaker, content: last.text, fromStoredAnswer: false });
      return { status, winner: last.speaker, finalAnswer: last.text };
    }
    const writer =
      members.find((m) => m.id === (settings.summaryAgent ?? members[0]!.id) && !outcome.dropped.has(m.id)) ??
      members.find((m) => !outcome.dropped.has(m.id));
    if (!writer) {
      winner(last.speaker, 'no-votes');
      return stored(
        last.speaker,
        last.text,
        'No agent is left to write the summary: using the last message.',
      );
    }
    if (writer.id !== (settings.summaryAgent ?? members[0]!.id)) {
      emit({
        type: 'notice',
        level: 'warning',
        agentId: writer.id,
        message: `${writer.id} writes the summary: the summary agent was dropped`,
      });
    }
    winner(writer.id, 'no-votes');
    const signal = AbortSignal.any([run.signal, AbortSignal.timeout(options.agentTimeoutMs)]);
    try {
      const summary = await summarizeChat({
        spec,
        task,
        transcript: outcome.transcript,
        signal,
        sink: sink(writer.id, 'presentation'),
        writer,
      });
      if (summary && !summary.fallback) {
        emit({
          type: 'final-answer',
          agentId: writer.id,
          content: summary.text,
          fromStoredAnswer: false,
          context: summary.context,
        });
        return { status, winner: writer.id, finalAnswer: summary.text };
      }
      return stored(writer.id, last.text, `${summary?.fallback ?? 'no summary'}; using the last message.`);
    } catch {
      const stopped = abortKind(run.signal);
      if (stopped === 'interrupted') return { status: stopped };
      if (stopped === 'timeout') {
        status = stopped;
        return stored(
          writer.id,
          last.text,
          'Run deadline passed during the summary: using the last message.',
        );
      }
      return stored(writer.id, last.text, `The summary by ${writer.id} timed out; using the last message.`);
    }
  }
}
