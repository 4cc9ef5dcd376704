/**
 * One coordination execution of one agent: the model sees the task and the current answers and
 * must end its reply with `new_answer` or `vote`. Refused calls come back as tool errors (up to
 * `maxAttempts` replies); answers that arrive meanwhile are delivered at the next turn boundary.
 */
import type { ModelMessage, ToolResultPart } from 'ai';
import {
  coordinationSystemPrompt,
  coordinationUserMessage,
  ENFORCEMENT_MESSAGE,
  type HistoryMessage,
  type PromptSettings,
  STALE_VOTE_RESULT,
  updateMessage,
} from '../coordination/prompts.js';
import { type AnswerView, changedAnswers, type Snapshot } from '../coordination/state.js';
import { NEW_ANSWER, VOTE, WORKFLOW_TOOL_NAMES, workflowTools } from '../coordination/workflow-tools.js';
import type { EventInput } from '../events/types.js';
import type { AgentRuntime } from './runtime.js';
import { type StepToolCall, streamStep } from './stream-step.js';

/** The orchestrator's side of an execution: it judges workflow calls against the live state. */
export interface Coordinator {
  /** The current answers. */
  snapshot(): Snapshot;
  answer(
    agentId: string,
    content: string,
    context: string,
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
}

export type ExecutionOutcome =
  | { kind: 'answered' }
  | { kind: 'voted' }
  | { kind: 'exhausted'; message: string };

/** Deliveries of new answers allowed in one execution before it must settle on what it has. */
const MAX_UPDATES = 20;

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

/** Text of the conversation given to the model, for the log's context.txt. */
export function contextText(system: string, messages: readonly ModelMessage[]): string {
  const parts = [`[system]\n${system}`];
  for (const m of messages) {
    const body =
      typeof m.content === 'string'
        ? m.content
        : m.content
            .map((p) => {
              if (p.type === 'text') return p.text;
              if (p.type === 'tool-call') return `[tool call ${p.toolName}] ${JSON.stringify(p.input)}`;
              if (p.type === 'tool-result') return `[tool result ${p.toolName}] ${JSON.stringify(p.output)}`;
              return `[${p.type}]`;
            })
            .join('\n');
    parts.push(`[${m.role}]\n${body}`);
  }
  return parts.join('\n\n');
}

type CallVerdict =
  | { kind: 'done'; outcome: ExecutionOutcome }
  | { kind: 'retry'; message: string }
  | { kind: 'stale'; newAnswers: AnswerView[]; current: Snapshot };

/** Runs one execution to its workflow call. Provider failures are thrown to the caller. */
export async function runExecution(input: ExecutionInput): Promise<ExecutionOutcome> {
  const { agent, coordinator, emit } = input;
  const maxAttempts = input.maxAttempts ?? 3;
  const system = coordinationSystemPrompt(agent.systemMessage, input.prompt);
  const messages: ModelMessage[] = [
    { role: 'user', content: coordinationUserMessage(input.question, input.snapshot.answers, input.history) },
  ];
  const tools = workflowTools(input.labels);
  let seen = input.snapshot;
  let attempt = 1;
  let updates = 0;

  while (true) {
    const step = await streamStep({
      agent,
      system,
      messages,
      tools,
      emit,
      signal: input.signal,
      phase: 'coordination',
    });
    messages.push(...step.messages.filter((m) => m.role !== 'tool' || !onlyWorkflowResults(m)));
    const workflow = step.toolCalls.filter((c) => WORKFLOW_TOOL_NAMES.has(c.toolName));
    const context = () => contextText(system, messages);

    let verdict: CallVerdict;
    if (workflow.length === 0) {
      verdict = { kind: 'retry', message: ENFORCEMENT_MESSAGE };
    } else {
      verdict = judgeCalls(workflow, input, seen, context);
    }

    if (verdict.kind === 'done') return verdict.outcome;

    // Every workflow call needs a result before the conversation can go on.
    const results = workflow.map((c) =>
      verdict.kind === 'stale' && c.toolName === VOTE
        ? okResult(c, STALE_VOTE_RESULT)
        : toolResult(c, rejectText(verdict, c)),
    );
    if (results.length > 0) messages.push({ role: 'tool', content: results });

    if (verdict.kind === 'stale' && updates < MAX_UPDATES) {
      updates++;
      seen = verdict.current;
      const labels = verdict.newAnswers.map((a) => a.answerLabel);
      const text = updateMessage(verdict.newAnswers, verdict.current.answers);
      emit({ type: 'update-injected', agentId: agent.id, newAnswers: labels, message: text });
      messages.push({ role: 'user', content: text });
      continue;
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
      return { kind: 'exhausted', message: `${message} (after ${maxAttempts} attempts)` };
    attempt++;

    const followUp: string[] = [];
    const current = coordinator.snapshot();
    if (current.version !== seen.version && updates < MAX_UPDATES) {
      updates++;
      const fresh = changedAnswers(seen, current);
      const text = updateMessage(fresh, current.answers);
      emit({
        type: 'update-injected',
        agentId: agent.id,
        newAnswers: fresh.map((a) => a.answerLabel),
        message: text,
      });
      seen = current;
      followUp.push(text);
    }
    if (workflow.length === 0) followUp.push(ENFORCEMENT_MESSAGE);
    if (followUp.length > 0) messages.push({ role: 'user', content: followUp.join('\n\n') });
  }
}

function onlyWorkflowResults(message: ModelMessage): boolean {
  return (
    message.role === 'tool' &&
    message.content.every((p) => p.type !== 'tool-result' || WORKFLOW_TOOL_NAMES.has(p.toolName))
  );
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
    const decision = input.coordinator.answer(agentId, content, context());
    if (decision.kind === 'accepted') return { kind: 'done', outcome: { kind: 'answered' } };
    lastMessage = decision.message;
  }
  return { kind: 'retry', message: lastMessage };
}
