/**
 * Post-evaluation (submit or restart): the winner checks its presented answer with fresh context and
 * calls `submit` or `restart_orchestration(reason, instructions)`. No tool call, a timeout or an
 * error count as submit, so an evaluation can never lose the answer.
 */
import { tool } from 'ai';
import { z } from 'zod';
import type { AgentRuntime } from '../agent/runtime.js';
import { streamStep } from '../agent/stream-step.js';
import type { EventInput } from '../events/types.js';
import { evaluationSystemPrompt, evaluationUserMessage } from './prompts.js';

export const SUBMIT = 'submit';
export const RESTART = 'restart_orchestration';

export function evaluationTools() {
  return {
    [SUBMIT]: tool({
      description: 'Confirm that the final answer fully and correctly addresses the original message.',
      inputSchema: z.object({ confirmed: z.literal(true) }),
    }),
    [RESTART]: tool({
      description:
        'Restart the whole orchestration because the final answer is incomplete or wrong. Every agent will see your reason and instructions.',
      inputSchema: z.object({
        reason: z.string().describe('What is wrong with the final answer, concretely.'),
        instructions: z.string().describe('Detailed, actionable guidance for the next attempt.'),
      }),
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
    const step = await streamStep({
      agent: input.agent,
      system: evaluationSystemPrompt(input.agent.systemMessage),
      messages: [{ role: 'user', content: evaluationUserMessage(input.question, input.finalAnswer) }],
      tools: evaluationTools(),
      emit: input.emit,
      signal: AbortSignal.any([input.signal, limit]),
      phase: 'evaluation',
    });
    const restart = step.toolCalls.find((c) => c.toolName === RESTART && !c.invalid);
    const submit = step.toolCalls.find((c) => c.toolName === SUBMIT);
    if (restart && !submit) {
      const args = restart.input as { reason?: string; instructions?: string };
      result = {
        decision: 'restart',
        reason: args.reason?.trim() || 'No reason provided',
        instructions: args.instructions?.trim() || 'No instructions provided',
        by: 'tool',
      };
    } else {
      result = { decision: 'submit', by: submit ? 'tool' : 'no-tool' };
    }
  } catch (error) {
    if (input.signal.aborted) throw error;
    result = { decision: 'submit', by: limit.aborted ? 'timeout' : 'error' };
  }
  input.emit({ type: 'post-evaluation', agentId: input.agent.id, ...result });
  return result;
}
