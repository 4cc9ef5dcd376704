/**
 * The agent's side of its own tools inside a turn: the calls of one reply run through the registry
 * (in parallel), and their results as the tool message that goes back to the model — delimited as
 * data the model must not take instructions from (see tool-output.ts).
 */
import type { ToolResultPart } from 'ai';
import { ToolRegistry } from '../tools/registry.js';
import type { AgentToolHooks, ExecuteOptions, ToolCallOutcome } from '../types/agent-tools.js';
import type { StepToolCall } from './stream-step.js';
import { delimitToolOutput } from './tool-output.js';

/** Replies that only call the agent's own tools, allowed in one turn before it must finish. */
export const MAX_TOOL_STEPS = 20;

/** A result part for the model. */
export function resultPart(outcome: ToolCallOutcome): ToolResultPart {
  const { toolCallId, toolName, value, isError } = outcome;
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return {
    type: 'tool-result',
    toolCallId,
    toolName,
    output: isError
      ? { type: 'error-text', value: text }
      : typeof value === 'string'
        ? { type: 'text', value }
        : { type: 'json', value },
  };
}

/**
 * The result part of a tool the agent ran: its text between `<tool_output>` lines, followed by the
 * result's images and audio as media parts when the model takes them (`accepts`).
 */
export function untrustedResultPart(
  outcome: ToolCallOutcome,
  accepts: ExecuteOptions['resultMedia'] = { image: false, audio: false },
): ToolResultPart {
  const { toolCallId, toolName, value, isError } = outcome;
  const text = delimitToolOutput(toolName, typeof value === 'string' ? value : JSON.stringify(value));
  const media = isError ? [] : (outcome.media ?? []).filter((m) => accepts[m.type]);
  if (media.length > 0) {
    return {
      type: 'tool-result',
      toolCallId,
      toolName,
      output: {
        type: 'content',
        value: [
          { type: 'text', text },
          ...media.map((m) =>
            m.type === 'image'
              ? { type: 'image-data' as const, data: m.data, mediaType: m.mediaType }
              : { type: 'file-data' as const, data: m.data, mediaType: m.mediaType },
          ),
        ],
      },
    };
  }
  return {
    type: 'tool-result',
    toolCallId,
    toolName,
    output: isError ? { type: 'error-text', value: text } : { type: 'text', value: text },
  };
}

/**
 * Runs the calls (unknown tools and bad arguments become error results) and returns their results,
 * each delimited as untrusted data.
 */
export async function runToolCalls(
  registry: AgentToolHooks | undefined,
  calls: readonly StepToolCall[],
  options: ExecuteOptions,
): Promise<ToolResultPart[]> {
  const tools = registry ?? new ToolRegistry({ agentId: options.agentId });
  const outcomes = await Promise.all(
    calls.map((call) =>
      tools.execute(
        {
          toolCallId: call.toolCallId,
          toolName: call.toolName,
          input: call.input,
          invalidReason: call.invalid ? (call.error ?? 'malformed arguments') : undefined,
        },
        options,
      ),
    ),
  );
  return outcomes.map((outcome) => untrustedResultPart(outcome, options.resultMedia));
}

/** Reports calls that are not run (with `reason` as their error result) and returns those results. */
export function skipToolCalls(
  calls: readonly StepToolCall[],
  why: (call: StepToolCall) => string,
  options: ExecuteOptions,
): ToolResultPart[] {
  return calls.map((call) => {
    const reason = why(call);
    const { agentId, emit } = options;
    const { toolCallId, toolName, input } = call;
    emit({ type: 'tool-call', agentId, toolCallId, toolName, input });
    emit({ type: 'tool-result', agentId, toolCallId, toolName, output: reason, isError: true });
    return resultPart({ toolCallId, toolName, value: reason, isError: true });
  });
}
