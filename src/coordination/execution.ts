/**
 * One coordination execution of one agent: the model sees the task and the current answers and
 * must end its reply with `new_answer` or `vote`. Refused calls come back as tool errors (up to
 * `maxAttempts` replies); answers that arrive meanwhile are delivered at the next turn boundary.
 */
import type { ModelMessage, ToolResultPart } from 'ai';
import { contextText } from '../agent/context-text.js';
import { finishNotice, RAISE_LIMIT, ReplyBlockedError } from '../agent/finish-reason.js';
import type { StepToolCall } from '../agent/stream-step.js';
import { MAX_TOOL_STEPS } from '../agent/tool-calls.js';
import { runToolLoop } from '../agent/tool-loop.js';
import { userContent } from '../agent/user-content.js';
import type { EventInput, PlannedAction } from '../events/types.js';
import type { AgentRuntime } from '../types/agent-runtime.js';
import type { BudgetGate } from '../types/budget.js';
import type { AnswerView, PromptSettings } from '../types/coordination.js';
import type { HistoryMessage } from '../types/history.js';
import {
  coordinationSystemPrompt,
  coordinationUserMessage,
  ENFORCEMENT_MESSAGE,
  STALE_VOTE_RESULT,
} from './prompts.js';
import { changedAnswers, type Snapshot } from './state.js';
import { injectUpdate } from './update-injection.js';
import { NEW_ANSWER, VOTE, WORKFLOW_TOOL_NAMES, workflowTools } from './workflow-tools.js';

/** The orchestrator's side of an execution: it judges workflow calls against the live state. */
export interface Coordinator {
  /** The current answers. */
  snapshot(): Snapshot;
  answer(
    agentId: string,
    content: string,
    context: string,
    /** Actions recorded as planned during the execution (`tool-deferred`). */
    planned?: readonly PlannedAction[],
  ): { kind: 'accepted' } | { kind: 'rejected'; message: string };
  vote(
    agentId: string,
    label: string,
    reason: string,
    seen: Snapshot,
    context: string,
  ):
    | { kind: 'accepted' }
    | { kind: 'rejected'; message: string }
    | { kind: 'stale'; newAnswers: AnswerView[]; current: Snapshot };
}

export interface ExecutionInput {
  agent: AgentRuntime;
  question: string;
  /** The variant of the question this agent reads with it (`orchestrator.dspy`). */
  paraphrase?: string;
  history: readonly HistoryMessage[];
  snapshot: Snapshot;
  coordinator: Coordinator;
  emit: (event: EventInput) => void;
  signal: AbortSignal;
  prompt: PromptSettings;
  /** Labels of all agents (the vote enum). */
  labels: readonly string[];
  /** Replies allowed to get the workflow call right. */
  maxAttempts?: number;
  /** Replies that only call the agent's own tools, allowed before it must finish; default 20. */
  maxToolSteps?: number;
  /** The run's budget: once one more call does not fit, the agent's tools end and it must finish. */
  budget?: BudgetGate;
  /** Filled with the execution's planned actions (set by runExecution itself). */
  planned?: PlannedAction[];
}

export type ExecutionOutcome =
  | { kind: 'answered' }
  | { kind: 'voted' }
  | { kind: 'exhausted'; message: string };

/** Deliveries of new answers allowed in one execution before it must settle on what it has. */
const MAX_UPDATES = 20;

/** Told to the model when the provider could not parse the function call it wrote. */
const MALFORMED_CALL_MESSAGE =
  'Your last function call was malformed and could not be parsed. Call `new_answer` or `vote` again, with arguments that are valid JSON matching the tool schema.';

function toolResult(call: StepToolCall, text: string): ToolResultPart {
  return {
    type: 'tool-result',
    toolCallId: call.toolCallId,
    toolName: call.toolName,
    output: { type: 'error-text', value: text },
  };
}

function okResult(call: StepToolCall, text: string): ToolResultPart {
  return { ...toolResult(call, text), output: { type: 'text', value: text } };
}

type CallVerdict =
  | { kind: 'done'; outcome: ExecutionOutcome }
  | { kind: 'retry'; message: string }
  | { kind: 'stale'; newAnswers: AnswerView[]; current: Snapshot };

/** Runs one execution to its workflow call. Provider failures are thrown to the caller. */
export async function runExecution(input: ExecutionInput): Promise<ExecutionOutcome> {
  const { agent, coordinator } = input;
  // Calls recorded as planned during this execution go with its answer.
  const planned: PlannedAction[] = [];
  const report = input.emit;
  const emit = (event: EventInput) => {
    if (event.type === 'tool-deferred') {
      const { type: _, agentId: __, ...action } = event;
      planned.push(action);
    }
    report(event);
  };
  input = { ...input, emit, planned };
  // An external agent runs its own loop; the orchestrator judges its workflow calls the same way.
  if (agent.adapter) {
    const { runAdapterExecution } = await import('../adapters/coordination-turn.js');
    return runAdapterExecution(input, agent.adapter);
  }
  const maxAttempts = input.maxAttempts ?? 3;
  // Recalled long-term memories (once per run) go into the system prompt's `memory` section.
  const memory = await agent.memory?.recall(input.question, input.signal);
  if (input.signal.aborted) throw input.signal.reason;
  const system = coordinationSystemPrompt(
    agent.systemMessage,
    memory ? { ...input.prompt, memory } : input.prompt,
  );
  const messages: ModelMessage[] = [
    {
      role: 'user',
      content: userContent(
        agent,
        coordinationUserMessage(input.question, input.snapshot.answers, input.history, input.paraphrase),
      ),
    },
  ];
  const registry = agent.tools;
  const maxToolSteps = input.maxToolSteps ?? MAX_TOOL_STEPS;
  let seen = input.snapshot;
  let attempt = 1;
  let updates = 0;
  /** Delivers answers the agent has not seen: `update-injected`, and the text for the model. */
  const deliver = (fresh: AnswerView[], current: Snapshot): string => {
    updates++;
    seen = current;
    return injectUpdate(emit, agent.id, fresh, current);
  };

  return runToolLoop<ExecutionOutcome>({
    agent,
    system,
    messages,
    workflow: workflowTools(input.labels),
    emit,
    signal: input.signal,
    phase: 'coordination',
    maxToolSteps,
    compact: true,
    limit: {
      notice: `${agent.id} used its ${maxToolSteps} tool steps for this turn; it is asked to finish with new_answer or vote.`,
      message: toolLimitMessage(maxToolSteps),
    },
    stopTools: () =>
      input.budget && !input.budget.allows(1)
        ? {
            notice: `Budget reached: ${agent.id} is asked to finish with new_answer or vote, without more tool calls.`,
            message: BUDGET_STOP_MESSAGE,
          }
        : undefined,
    decide(step) {
      // A refusal ends the attempt: the provider asks for a fresh conversation, not a retry of this one.
      if (step.ending === 'blocked') {
        emit(
          finishNotice(agent.id, step.finish, 'this counts as a failed attempt and the agent starts over'),
        );
        throw new ReplyBlockedError(step.finish);
      }
      const workflow = step.calls.filter((c) => WORKFLOW_TOOL_NAMES.has(c.toolName));
      const local = step.calls.filter((c) => !WORKFLOW_TOOL_NAMES.has(c.toolName));
      const context = () => contextText(system, messages);

      // A reply that calls only tools the agent does not have is a failed attempt, not a tool step.
      if (workflow.length === 0 && step.canRun(local)) return { kind: 'run-tools', calls: local };
      // Calls of the agent's tools in a reply that is not a tool step are not run (as in MassGen).
      const skipped = step.skip(local, (call) =>
        !registry?.isExecutable(call.toolName)
          ? `Unknown tool "${call.toolName}": it is not available to you.`
          : step.canUseTools
            ? 'Not run: a reply that calls new_answer or vote ends your turn. Call other tools in a reply of their own, before your workflow call.'
            : 'Not run: the tool limit of this turn is reached. Finish now with new_answer or vote.',
      );

      let verdict: CallVerdict;
      if (step.ending === 'malformed-call' && workflow.length === 0) {
        verdict = { kind: 'retry', message: MALFORMED_CALL_MESSAGE };
        emit(finishNotice(agent.id, step.finish, 'it is asked to make the call again'));
      } else if (workflow.length === 0) {
        verdict = { kind: 'retry', message: ENFORCEMENT_MESSAGE };
      } else {
        verdict = judgeCalls(workflow, input, seen, context);
      }
      if (step.ending === 'truncated' && verdict.kind === 'retry') {
        emit(
          finishNotice(
            agent.id,
            step.finish,
            `it is asked again to finish with new_answer or vote (${RAISE_LIMIT})`,
          ),
        );
      }

      if (verdict.kind === 'done') return { kind: 'done', result: verdict.outcome };

      // Every workflow call needs a result before the conversation can go on.
      const results = workflow.map((c) =>
        verdict.kind === 'stale' && c.toolName === VOTE
          ? okResult(c, STALE_VOTE_RESULT)
          : toolResult(c, rejectText(verdict, c)),
      );
      results.push(...skipped);
      const next: ModelMessage[] = results.length > 0 ? [{ role: 'tool', content: results }] : [];

      if (verdict.kind === 'stale' && updates < MAX_UPDATES) {
        next.push({ role: 'user', content: deliver(verdict.newAnswers, verdict.current) });
        return { kind: 'continue', messages: next };
      }

      const message = verdict.kind === 'retry' ? verdict.message : STALE_VOTE_RESULT;
      emit({
        type: 'workflow-rejected',
        agentId: agent.id,
        toolName: workflow[0]?.toolName ?? 'none',
        message,
        attempt,
      });
      if (attempt >= maxAttempts)
        return {
          kind: 'done',
          result: { kind: 'exhausted', message: `${message} (after ${maxAttempts} attempts)` },
        };
      attempt++;

      const followUp: string[] = [];
      const current = coordinator.snapshot();
      if (current.version !== seen.version && updates < MAX_UPDATES) {
        followUp.push(deliver(changedAnswers(seen, current), current));
      }
      if (workflow.length === 0) followUp.push(message);
      if (followUp.length > 0) next.push({ role: 'user', content: followUp.join('\n\n') });
      return { kind: 'continue', messages: next };
    },
  });
}

/** Told to an agent whose tools the budget ended. */
const BUDGET_STOP_MESSAGE =
  "The run's budget is reached: no more tool calls. Finish now: call `new_answer` with your best answer, or `vote` for the best existing answer.";

/** Told to the model when its tool steps for the turn are used up. */
function toolLimitMessage(limit: number): string {
  return `You have used all ${limit} tool steps of this turn. Do not call any more tools: finish now by calling new_answer with your answer, or vote for the best existing answer.`;
}

function rejectText(verdict: CallVerdict, call: StepToolCall): string {
  if (verdict.kind === 'retry') return verdict.message;
  return call.toolName === NEW_ANSWER
    ? 'Not recorded: new answers arrived; read them below.'
    : STALE_VOTE_RESULT;
}

/** Why a call with unparseable or off-schema arguments was refused; names the valid labels for a vote. */
function invalidCallMessage(call: StepToolCall, seen: Snapshot): string {
  const label = (call.input as { agent_id?: unknown } | undefined)?.agent_id;
  if (call.toolName === VOTE && typeof label === 'string' && !seen.answers.some((a) => a.label === label)) {
    const valid = seen.answers.map((a) => a.label).join(', ') || 'none yet: call new_answer';
    return `Invalid agent_id "${label}". Vote for one of the agents whose answers you were shown: ${valid}.`;
  }
  return `The arguments of ${call.toolName} were not valid (${call.error ?? 'malformed JSON'}). Call it again with valid JSON arguments.`;
}

function judgeCalls(
  calls: StepToolCall[],
  input: ExecutionInput,
  seen: Snapshot,
  context: () => string,
): CallVerdict {
  const votes = calls.filter((c) => c.toolName === VOTE);
  const answers = calls.filter((c) => c.toolName === NEW_ANSWER);
  if (votes.length > 1) {
    return { kind: 'retry', message: `You made ${votes.length} vote calls; make exactly one.` };
  }
  if (votes.length > 0 && answers.length > 0) {
    return {
      kind: 'retry',
      message: 'You cannot both vote and give a new answer in one reply; call only one of them.',
    };
  }
  const invalid = calls.find((c) => c.invalid);
  if (invalid) return { kind: 'retry', message: invalidCallMessage(invalid, seen) };
  const agentId = input.agent.id;
  const vote = votes[0];
  if (vote) {
    const args = vote.input as { agent_id?: unknown; reason?: unknown };
    const decision = input.coordinator.vote(
      agentId,
      String(args.agent_id ?? ''),
      String(args.reason ?? ''),
      seen,
      context(),
    );
    if (decision.kind === 'accepted') return { kind: 'done', outcome: { kind: 'voted' } };
    if (decision.kind === 'stale') return decision;
    return { kind: 'retry', message: decision.message };
  }
  let lastMessage = '';
  for (const call of answers) {
    const content = String((call.input as { content?: unknown }).content ?? '');
    const decision = input.coordinator.answer(agentId, content, context(), input.planned);
    if (decision.kind === 'accepted') return { kind: 'done', outcome: { kind: 'answered' } };
    lastMessage = decision.message;
  }
  return { kind: 'retry', message: lastMessage };
}
