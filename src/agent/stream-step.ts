/**
 * One model reply, streamed: text and reasoning go out as events as they arrive; the reply's
 * messages, tool calls, usage and how it ended come back. Provider failures are thrown. The SDK's
 * warnings about the call (an unsupported setting…) become `notice` events naming the agent, once
 * per agent and warning.
 */
import { type ModelMessage, streamText, type ToolSet } from 'ai';
import { errorText } from '../error-text.js';
import type { EventInput, StreamPhase, TokenUsage } from '../events/types.js';
import { markWarningsReported, routeSdkWarnings, sdkWarningText } from '../providers/sdk-warnings.js';
import { toolsForModel } from '../providers/tool-strictness.js';
import type { AgentRuntime } from '../types/agent-runtime.js';
import type { StepFinish } from './finish-reason.js';
import { sendableReplyMessages } from './reply-messages.js';

routeSdkWarnings();

/** SDK warnings already shown per agent: a setting that is ignored is said once, not on every call. */
const warned = new WeakMap<AgentRuntime, Set<string>>();

function warnOnce(agent: AgentRuntime, text: string): boolean {
  let seen = warned.get(agent);
  if (seen === undefined) {
    seen = new Set();
    warned.set(agent, seen);
  }
  if (seen.has(text)) return false;
  seen.add(text);
  return true;
}

export interface StepToolCall {
  toolCallId: string;
  toolName: string;
  input: unknown;
  /** The arguments did not parse or did not match the tool's schema. */
  invalid: boolean;
  error?: string;
  /** The provider ran the tool itself (web search, code execution); its result is in the reply. */
  providerExecuted: boolean;
}

export interface StepResult {
  /** Assistant (and tool) messages of the reply, to append to the conversation. */
  messages: ModelMessage[];
  toolCalls: StepToolCall[];
  text: string;
  /** The provider's token counts for the reply (also emitted as a `usage` event). */
  usage?: TokenUsage;
  /** How the reply ended (see finish-reason.ts for what the phases make of it). */
  finish: StepFinish;
}

export interface StepInput {
  agent: AgentRuntime;
  system: string;
  messages: ModelMessage[];
  tools?: ToolSet;
  emit: (event: EventInput) => void;
  signal: AbortSignal;
  phase: StreamPhase;
  /**
   * Calls the agent runs itself (through executeTool, which reports them): no `tool-call` event is
   * emitted for these here. Provider-executed calls are always reported here.
   */
  isLocalCall?: (toolName: string) => boolean;
  /** Emitted before the first text of the reply, if it has text (separates the replies of one presentation). */
  textPrefix?: string;
}

export async function streamStep(input: StepInput): Promise<StepResult> {
  const { agent, emit, phase } = input;
  const result = streamText({
    model: agent.model,
    system: input.system,
    messages: input.messages,
    tools: toolsForModel(input.tools, agent.settings.strictTools),
    abortSignal: input.signal,
    maxRetries: 0,
    // Failures surface as 'error' parts and are thrown below; the SDK must not print them.
    onError: () => {},
    // The step's warnings become notices below; the SDK logger must not print them too.
    onStepFinish: markWarningsReported,
    temperature: agent.settings.temperature,
    maxOutputTokens: agent.settings.maxOutputTokens,
    topP: agent.settings.topP,
    topK: agent.settings.topK,
    providerOptions: agent.settings.providerOptions,
  });
  const toolCalls: StepToolCall[] = [];
  let finish: StepFinish = { unified: 'other' };
  let usage: TokenUsage | undefined;
  let text = '';
  let failure: unknown;
  let prefix = input.textPrefix;
  for await (const part of result.fullStream) {
    switch (part.type) {
      case 'text-delta': {
        if (part.text === '') break;
        const chunk = prefix && text === '' ? `${prefix}${part.text}` : part.text;
        prefix = undefined;
        text += part.text;
        if (phase === 'presentation') emit({ type: 'final-delta', agentId: agent.id, text: chunk });
        else emit({ type: 'text-delta', agentId: agent.id, text: chunk, phase });
        break;
      }
      case 'reasoning-delta':
        emit({ type: 'reasoning-delta', agentId: agent.id, text: part.text, phase });
        break;
      case 'tool-call': {
        const invalid = 'invalid' in part && part.invalid === true;
        const error = invalid && 'error' in part ? errorText(part.error) : undefined;
        const providerExecuted = part.providerExecuted === true;
        toolCalls.push({
          toolCallId: part.toolCallId,
          toolName: part.toolName,
          input: part.input,
          invalid,
          error,
          providerExecuted,
        });
        if (providerExecuted || !input.isLocalCall?.(part.toolName)) {
          emit({
            type: 'tool-call',
            agentId: agent.id,
            toolCallId: part.toolCallId,
            toolName: part.toolName,
            input: part.input,
          });
        }
        break;
      }
      case 'tool-result':
      case 'tool-error':
        // Only provider-executed tools have results inside a reply (nothing here has `execute`).
        if (part.providerExecuted) {
          emit({
            type: 'tool-result',
            agentId: agent.id,
            toolCallId: part.toolCallId,
            toolName: part.toolName,
            output: part.type === 'tool-result' ? part.output : errorText(part.error),
            isError: part.type === 'tool-error',
          });
        }
        break;
      case 'start-step':
        for (const warning of part.warnings) {
          const text = sdkWarningText(warning, agent.model.provider, agent.model.modelId);
          if (warnOnce(agent, text))
            emit({ type: 'notice', level: 'warning', agentId: agent.id, message: `${agent.id}: ${text}.` });
        }
        break;
      case 'finish-step':
        finish = {
          unified: part.finishReason,
          ...(part.rawFinishReason ? { raw: part.rawFinishReason } : {}),
        };
        usage = {
          inputTokens: part.usage.inputTokens ?? 0,
          outputTokens: part.usage.outputTokens ?? 0,
          reasoningTokens: part.usage.outputTokenDetails?.reasoningTokens,
          cachedInputTokens: part.usage.inputTokenDetails?.cacheReadTokens,
        };
        emit({ type: 'usage', agentId: agent.id, phase, usage });
        break;
      case 'error':
        failure ??= part.error;
        break;
      case 'abort':
        failure ??= input.signal.reason ?? new Error('aborted');
        break;
    }
  }
  if (failure !== undefined) throw failure;
  const response = await result.response;
  return { messages: sendableReplyMessages(response.messages), toolCalls, text, finish, usage };
}
