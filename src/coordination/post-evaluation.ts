/**
 * Post-evaluation (submit or restart): the winner checks its presented answer with fresh context and
 * calls `submit` or `restart_orchestration(reason, instructions)`, using its own tools to check. No tool call, a timeout or an
 * error count as submit, so an evaluation can never lose the answer.
 */
import { type ModelMessage, tool } from 'ai';
import { z } from 'zod';
import { finishKind, finishNotice } from '../agent/finish-reason.js';
import { streamStep } from '../agent/stream-step.js';
import { MAX_TOOL_STEPS, runToolCalls } from '../agent/tool-calls.js';
import type { EventInput } from '../events/types.js';
import type { AgentRuntime } from '../types/agent-runtime.js';
import { evaluationSystemPrompt, evaluationUserMessage } from './prompts.js';

export const SUBMIT = 'submit';
export const RESTART = 'restart_orchestration';

export function evaluationTools() {
  return {
    [SUBMIT]: tool({
      description: 'Confirm that the final answer fully and correctly addresses the original message.',
      inputSchema: z.object({ confirmed: z.literal(true) }),
      // A `const` schema is not one strict mode is documented to take.
      strict: false,
    }),
    [RESTART]: tool({
      description:
        'Restart the whole orchestration because the final answer is incomplete or wrong. Every agent will see your reason and instructions.',
      inputSchema: z.object({
        reason: z.string().describe('What is wrong with the final answer, concretely.'),
        instructions: z.string().describe('Detailed, actionable guidance for the next attempt.'),
      }),
      strict: true,
    }),
  };
}

export interface EvaluationInput {
  agent: AgentRuntime;
  question: string;
  finalAnswer: string;
  emit: (event: EventInput) => void;
  signal: AbortSignal;
  timeoutMs: number;
}

export interface EvaluationResult {
  decision: 'submit' | 'restart';
  reason?: string;
  instructions?: string;
  by: 'tool' | 'no-tool' | 'timeout' | 'error';
}

export async function postEvaluate(input: EvaluationInput): Promise<EvaluationResult> {
  const limit = AbortSignal.timeout(input.timeoutMs);
  let result: EvaluationResult;
  try {
    result = await evaluate(input, AbortSignal.any([input.signal, limit]));
  } catch (error) {
    if (input.signal.aborted) throw error;
    result = { decision: 'submit', by: limit.aborted ? 'timeout' : 'error' };
  }
  input.emit({ type: 'post-evaluation', agentId: input.agent.id, ...result });
  return result;
}

/**
 * The evaluation loop: the agent may use its own tools (up to the step limit) to check the answer,
 * and ends by calling `submit` or `restart_orchestration`.
 */
async function evaluate(input: EvaluationInput, signal: AbortSignal): Promise<EvaluationResult> {
  const { agent, emit } = input;
  const registry = agent.tools;
  const toolOptions = { agentId: agent.id, emit, signal };
  await registry?.ready(signal);
  const system = evaluationSystemPrompt(agent.systemMessage);
  const messages: ModelMessage[] = [
    { role: 'user', content: evaluationUserMessage(input.question, input.finalAnswer) },
  ];
  for (let steps = 0; ; steps++) {
    const canUseTools = steps < MAX_TOOL_STEPS;
    const tools = registry?.toolSet({ workflow: evaluationTools(), local: canUseTools }) ?? evaluationTools();
    const step = await streamStep({ agent, system, messages, tools, emit, signal, phase: 'evaluation' });
    messages.push(...step.messages.filter((m) => m.role !== 'tool'));
    const restart = step.toolCalls.find((c) => c.toolName === RESTART && !c.invalid);
    const submit = step.toolCalls.find((c) => c.toolName === SUBMIT);
    if (submit) return { decision: 'submit', by: 'tool' };
    if (restart) {
      const args = restart.input as { reason?: string; instructions?: string };
      return {
        decision: 'restart',
        reason: args.reason?.trim() || 'No reason provided',
        instructions: args.instructions?.trim() || 'No instructions provided',
        by: 'tool',
      };
    }
    // A cut, blocked or unparsable reply without a decision: the answer is kept.
    const ending = finishKind(step.finish);
    if (ending !== 'complete') {
      emit(finishNotice(agent.id, step.finish, 'the final answer is submitted as it is', 'the evaluation'));
      return { decision: 'submit', by: ending === 'truncated' ? 'no-tool' : 'error' };
    }
    const calls = step.toolCalls.filter((c) => !c.providerExecuted);
    if (!canUseTools || !calls.some((c) => registry?.isExecutable(c.toolName))) {
      return { decision: 'submit', by: 'no-tool' };
    }
    messages.push({ role: 'tool', content: await runToolCalls(registry, calls, toolOptions) });
  }
}
