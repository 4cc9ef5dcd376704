/**
 * Reports the parts of an AI SDK `fullStream` (also what Mastra's stream chunks carry in `payload`)
 * as adapter events: text, reasoning, calls and results of the agent's own tools, the usage of each
 * step. Workflow calls are left to the engine.
 */
import type { TokenUsage } from '../../events/event-parts.js';
import type { AdapterEvents } from '../../types/agent-adapter.js';
import { outputText } from './turn-control.js';

/** One stream part, as far as the reader uses it. */
export interface StreamPart {
  type: string;
  text?: string;
  toolCallId?: string;
  toolName?: string;
  input?: unknown;
  args?: unknown;
  output?: unknown;
  result?: unknown;
  error?: unknown;
  isError?: boolean;
  usage?: StepUsage;
}

/** An AI SDK step usage (Mastra's too). */
export interface StepUsage {
  inputTokens?: number;
  outputTokens?: number;
  reasoningTokens?: number;
  cachedInputTokens?: number;
  inputTokenDetails?: { cacheReadTokens?: number };
  outputTokenDetails?: { reasoningTokens?: number };
}

/** Token usage of one step. */
export function stepUsage(usage: StepUsage): TokenUsage {
  const reasoning = usage.reasoningTokens ?? usage.outputTokenDetails?.reasoningTokens;
  const cached = usage.cachedInputTokens ?? usage.inputTokenDetails?.cacheReadTokens;
  return {
    inputTokens: usage.inputTokens ?? 0,
    outputTokens: usage.outputTokens ?? 0,
    ...(reasoning ? { reasoningTokens: reasoning } : {}),
    ...(cached ? { cachedInputTokens: cached } : {}),
  };
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : outputText(error);
}

/**
 * Reports one part; returns the text it streamed. A stream `error` part is thrown (the agent's
 * loop failed).
 */
export function readStreamPart(part: StreamPart, events: AdapterEvents, workflow: Set<string>): string {
  const own = part.toolName === undefined || !workflow.has(part.toolName);
  const call = { toolCallId: part.toolCallId ?? '', toolName: part.toolName ?? '' };
  switch (part.type) {
    case 'text-delta':
      events.text(part.text ?? '');
      return part.text ?? '';
    case 'reasoning-delta':
      events.reasoning(part.text ?? '');
      return '';
    case 'tool-call':
      if (own) events.toolCall({ ...call, input: part.input ?? part.args });
      return '';
    case 'tool-result':
      if (own)
        events.toolResult({ ...call, output: part.output ?? part.result, isError: part.isError === true });
      return '';
    case 'tool-error':
      if (own) events.toolResult({ ...call, output: errorText(part.error), isError: true });
      return '';
    case 'finish-step':
    case 'step-finish':
      if (part.usage) events.usage(stepUsage(part.usage));
      return '';
    case 'error':
      throw part.error instanceof Error ? part.error : new Error(errorText(part.error));
    default:
      return '';
  }
}

/**
 * Whether a model (an AI SDK model object, or a `provider/model` id as Mastra takes) is OpenAI's:
 * its Responses API wants the `strict` flag on every function tool, so the workflow tools carry it.
 */
export function isOpenAIModel(model: unknown): boolean {
  if (typeof model === 'string') return model.startsWith('openai');
  const provider = (model as { provider?: unknown } | null)?.provider;
  return typeof provider === 'string' && provider.startsWith('openai');
}
