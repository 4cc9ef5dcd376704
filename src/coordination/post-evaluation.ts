/**
 * Post-evaluation (submit or restart): the winner checks its presented answer with fresh context and
 * calls `submit` or `restart_orchestration(reason, instructions)`, using its own tools to check. No tool call, a timeout or an
 * error count as submit, so an evaluation can never lose the answer.
 */
import { type ModelMessage, tool } from 'ai';
import { z } from 'zod';
import { finishNotice } from '../agent/finish-reason.js';
import { MAX_TOOL_STEPS } from '../agent/tool-calls.js';
import { runToolLoop } from '../agent/tool-loop.js';
import { userContent } from '../agent/user-content.js';
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
 * and ends by calling `submit` or `restart_orchestration`. Calls of its tools that are not run when
 * the evaluation ends are reported as such.
 */
async function evaluate(input: EvaluationInput, signal: AbortSignal): Promise<EvaluationResult> {
  const { agent, emit } = input;
  const system = evaluationSystemPrompt(agent.systemMessage);
  const messages: ModelMessage[] = [
    { role: 'user', content: userContent(agent, evaluationUserMessage(input.question, input.finalAnswer)) },
  ];
  return runToolLoop<EvaluationResult>({
    agent,
    system,
    messages,
    workflow: evaluationTools(),
    emit,
    signal,
    phase: 'evaluation',
    maxToolSteps: MAX_TOOL_STEPS,
    decide(step) {
      const local = step.calls.filter((c) => c.toolName !== SUBMIT && c.toolName !== RESTART);
      const done = (result: EvaluationResult) => {
        step.skip(local, () => 'Not run: the evaluation is over.');
        return { kind: 'done' as const, result };
      };
      const restart = step.toolCalls.find((c) => c.toolName === RESTART && !c.invalid);
      const submit = step.toolCalls.find((c) => c.toolName === SUBMIT);
      if (submit) return done({ decision: 'submit', by: 'tool' });
      if (restart) {
        const args = restart.input as { reason?: string; instructions?: string };
        return done({
          decision: 'restart',
          reason: args.reason?.trim() || 'No reason provided',
          instructions: args.instructions?.trim() || 'No instructions provided',
          by: 'tool',
        });
      }
      // A cut, blocked or unparsable reply without a decision: the answer is kept.
      if (step.ending !== 'complete') {
        emit(finishNotice(agent.id, step.finish, 'the final answer is submitted as it is', 'the evaluation'));
        return done({ decision: 'submit', by: step.ending === 'truncated' ? 'no-tool' : 'error' });
      }
      if (!step.canRun(step.calls)) return done({ decision: 'submit', by: 'no-tool' });
      return { kind: 'run-tools', calls: step.calls };
    },
  });
}
