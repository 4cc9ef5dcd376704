/**
 * One coordination execution of an adapter agent: the external agent gets the task, the current
 * answers and the workflow tools; its calls are judged by the orchestrator as a native agent's are,
 * and the execution ends with exactly one accepted `new_answer` or `vote` — or fails.
 *
 * A refused call is an error result the agent can correct within its turn; a turn that ends without
 * an accepted call is answered with the enforcement message as a new turn. Refusals and such turns
 * count as attempts (`maxAttempts`, as for native agents).
 */
import { asSchema } from 'ai';
import { contextText } from '../agent/context-text.js';
import type { ExecutionInput, ExecutionOutcome } from '../coordination/execution.js';
import {
  coordinationSystemPrompt,
  coordinationUserMessage,
  ENFORCEMENT_MESSAGE,
  STALE_VOTE_RESULT,
} from '../coordination/prompts.js';
import { changedAnswers, type Snapshot } from '../coordination/state.js';
import { injectUpdate } from '../coordination/update-injection.js';
import { NEW_ANSWER, VOTE, workflowTools } from '../coordination/workflow-tools.js';
import type {
  AdapterJsonSchema,
  AdapterTool,
  AdapterToolResult,
  AgentAdapter,
} from '../types/agent-adapter.js';
import { adapterEvents } from './events-sink.js';
import { adapterToolCheck } from './tool-check.js';

/** Told to the agent when its decision is in and it calls a workflow tool again. */
export const TURN_OVER = 'Your turn is over: your answer or vote is already recorded. Stop now.';
const ANSWER_RECORDED = 'Your answer is recorded. Your turn is over: stop now.';
const VOTE_RECORDED = 'Your vote is recorded. Your turn is over: stop now.';

/** The JSON schemas of the workflow tools for `labels` (the same definitions native agents get). */
export function workflowSchemas(labels: readonly string[]): Record<'new_answer' | 'vote', AdapterJsonSchema> {
  const tools = workflowTools(labels);
  const answer = asSchema(tools[NEW_ANSWER].inputSchema).jsonSchema;
  const vote = asSchema(tools[VOTE].inputSchema).jsonSchema;
  return { new_answer: answer as AdapterJsonSchema, vote: vote as AdapterJsonSchema };
}

const refused = (text: string): AdapterToolResult => ({ text, isError: true, final: false });

/** Runs the execution through `adapter`. Provider and adapter failures are thrown to the caller. */
export async function runAdapterExecution(
  input: ExecutionInput,
  adapter: AgentAdapter,
): Promise<ExecutionOutcome> {
  const { agent, coordinator, emit, signal } = input;
  const maxAttempts = input.maxAttempts ?? 3;
  const system = coordinationSystemPrompt(agent.systemMessage, input.prompt);
  const task = coordinationUserMessage(input.question, input.snapshot.answers, input.history);
  let prompt = task;
  let seen: Snapshot = input.snapshot;
  let attempt = 1;
  let outcome: ExecutionOutcome | undefined;
  let exhausted: string | undefined;
  /** What the agent was given so far, for the log's context.txt. */
  const given: string[] = [task];
  const context = () =>
    contextText(
      system,
      given.map((content) => ({ role: 'user' as const, content })),
    );

  /** A refusal counts as an attempt; past the limit the execution is over. */
  const refuse = (toolName: string, message: string): AdapterToolResult => {
    emit({ type: 'workflow-rejected', agentId: agent.id, toolName, message, attempt });
    if (attempt >= maxAttempts) {
      exhausted = `${message} (after ${maxAttempts} attempts)`;
      return { text: `${message} No attempts are left: your turn is over.`, isError: true, final: true };
    }
    attempt++;
    return refused(message);
  };
  const decided = () => outcome !== undefined || exhausted !== undefined;

  const schemas = workflowSchemas(input.labels);
  const descriptions = workflowTools(input.labels);
  const tools: AdapterTool[] = [
    {
      name: NEW_ANSWER,
      description: descriptions[NEW_ANSWER].description ?? '',
      inputSchema: schemas.new_answer,
      async execute(args) {
        if (decided()) return { text: TURN_OVER, isError: true, final: true };
        if (typeof args.content !== 'string') {
          return refuse(
            NEW_ANSWER,
            'The arguments of new_answer were not valid: `content` must be a string.',
          );
        }
        const decision = coordinator.answer(agent.id, args.content, context(), input.planned);
        if (decision.kind === 'rejected') return refuse(NEW_ANSWER, decision.message);
        outcome = { kind: 'answered' };
        return { text: ANSWER_RECORDED, isError: false, final: true };
      },
    },
    {
      name: VOTE,
      description: descriptions[VOTE].description ?? '',
      inputSchema: schemas.vote,
      async execute(args) {
        if (decided()) return { text: TURN_OVER, isError: true, final: true };
        const label = typeof args.agent_id === 'string' ? args.agent_id.trim() : '';
        if (!seen.answers.some((a) => a.label === label)) {
          const valid = seen.answers.map((a) => a.label).join(', ') || 'none yet: call new_answer';
          return refuse(
            VOTE,
            `Invalid agent_id "${label}". Vote for one of the agents whose answers you were shown: ${valid}.`,
          );
        }
        const reason = typeof args.reason === 'string' ? args.reason : '';
        const decision = coordinator.vote(agent.id, label, reason, seen, context());
        if (decision.kind === 'rejected') return refuse(VOTE, decision.message);
        if (decision.kind === 'stale') {
          const update = deliver(changedAnswers(seen, decision.current), decision.current);
          return { text: `${STALE_VOTE_RESULT}\n\n${update}`, isError: false, final: false };
        }
        outcome = { kind: 'voted' };
        return { text: VOTE_RECORDED, isError: false, final: true };
      },
    },
  ];

  /** Delivers answers the agent has not seen (`update-injected`) and returns the text for it. */
  const deliver = (fresh: ReturnType<typeof changedAnswers>, current: Snapshot): string => {
    seen = current;
    const text = injectUpdate(emit, agent.id, fresh, current);
    given.push(text);
    return text;
  };

  const checkTool = adapterToolCheck(agent, 'coordination', signal, emit);
  while (true) {
    if (signal.aborted) throw signal.reason;
    await adapter.run({
      agentId: agent.id,
      phase: 'coordination',
      system,
      prompt,
      tools,
      events: adapterEvents(agent.id, 'coordination', emit),
      signal,
      attempt,
      ...(agent.workspace ? { workspace: agent.workspace } : {}),
      ...(checkTool ? { checkTool } : {}),
    });
    if (signal.aborted) throw signal.reason;
    if (outcome) return outcome;
    if (exhausted) return { kind: 'exhausted', message: exhausted };
    // The turn ended without a workflow call: the enforcement message, with what changed meanwhile.
    const result = refuse('none', ENFORCEMENT_MESSAGE);
    if (exhausted) return { kind: 'exhausted', message: exhausted };
    const current = coordinator.snapshot();
    const parts = [task];
    if (current.version !== seen.version) parts.push(deliver(changedAnswers(seen, current), current));
    parts.push(result.text);
    given.push(result.text);
    prompt = parts.join('\n\n');
  }
}
