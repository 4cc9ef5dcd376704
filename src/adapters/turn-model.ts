/**
 * The model of an adapter agent that has no provider model of its own (a framework agent without
 * `provider:`, a custom adapter): each call is one plain turn of the external agent itself. The
 * call's messages become the turn's system prompt and user message; the call's function tools
 * (a speaker selection's `select_speaker`, the post-evaluation's `submit`, memory's
 * `record_facts`) are given to the agent as turn tools, and its first call of one ends the turn
 * and is returned as the model's tool call. The agent's own tool calls and results, and its
 * warnings, are events of the run; its own tools are checked by its safety gate as in its
 * coordination turns (a refusal is a `tool-denied` event). Its text and reasoning stream as the model's; its usage is the sum
 * of its model calls.
 */
import type {
  LanguageModelV3,
  LanguageModelV3CallOptions,
  LanguageModelV3Content,
  LanguageModelV3FunctionTool,
  LanguageModelV3Prompt,
  LanguageModelV3StreamPart,
  LanguageModelV3Usage,
} from '@ai-sdk/provider';
import type { EventInput, StreamPhase, TokenUsage } from '../events/types.js';
import type { AdapterJsonSchema, AdapterTool, AgentAdapter } from '../types/agent-adapter.js';
import type { AdapterGate } from '../types/agent-runtime.js';

/** What the model needs of the agent besides its adapter. */
export interface TurnModelAgent {
  agentId: string;
  modelId: string;
  adapter: AgentAdapter;
  /** The agent's safety gate, read at each call (it is set per run). */
  gate: () => AdapterGate | undefined;
  /** The run's events (for its own tool calls and its gate's), read at each call. */
  emit?: () => ((event: EventInput) => void) | undefined;
}

/** The text of one prompt message's content. */
function messageText(message: LanguageModelV3Prompt[number]): string {
  if (message.role === 'system') return message.content;
  return message.content
    .map((part) => {
      if (part.type === 'text' || part.type === 'reasoning') return part.text;
      if (part.type === 'tool-call') return `[called ${part.toolName} ${JSON.stringify(part.input)}]`;
      if (part.type === 'tool-result') {
        const output = part.output as { type: string; value?: unknown };
        const value = typeof output.value === 'string' ? output.value : JSON.stringify(output.value);
        return `[${part.toolName} returned ${value}]`;
      }
      if (part.type === 'file') return `[file ${part.mediaType}]`;
      return '';
    })
    .join('');
}

const ROLE_NAMES = { user: 'User', assistant: 'Assistant', tool: 'Tool' } as const;

/** The turn's system prompt and user message: one user message as it is, a conversation as a transcript. */
export function promptOfCall(prompt: LanguageModelV3Prompt): { system: string; prompt: string } {
  const system = prompt
    .filter((m) => m.role === 'system')
    .map(messageText)
    .join('\n\n');
  const rest = prompt.filter((m) => m.role !== 'system');
  const only = rest.length === 1 ? rest[0] : undefined;
  const text =
    only?.role === 'user'
      ? messageText(only)
      : rest.map((m) => `${ROLE_NAMES[m.role as keyof typeof ROLE_NAMES]}: ${messageText(m)}`).join('\n\n');
  return { system, prompt: text };
}

function v3Usage(usage: TokenUsage): LanguageModelV3Usage {
  return {
    inputTokens: {
      total: usage.inputTokens,
      noCache: usage.inputTokens - (usage.cachedInputTokens ?? 0),
      cacheRead: usage.cachedInputTokens ?? 0,
      cacheWrite: 0,
    },
    outputTokens: {
      total: usage.outputTokens,
      text: usage.outputTokens - (usage.reasoningTokens ?? 0),
      reasoning: usage.reasoningTokens ?? 0,
    },
  };
}

function addTokens(a: TokenUsage, b: TokenUsage): TokenUsage {
  return {
    inputTokens: a.inputTokens + b.inputTokens,
    outputTokens: a.outputTokens + b.outputTokens,
    reasoningTokens: (a.reasoningTokens ?? 0) + (b.reasoningTokens ?? 0),
    cachedInputTokens: (a.cachedInputTokens ?? 0) + (b.cachedInputTokens ?? 0),
  };
}

interface RecordedCall {
  toolName: string;
  input: Record<string, unknown>;
}

/** The call's function tools as turn tools: the first call is recorded and ends the turn. */
function turnTools(options: LanguageModelV3CallOptions, calls: RecordedCall[]): AdapterTool[] {
  if (options.toolChoice?.type === 'none') return [];
  const functions = (options.tools ?? []).filter(
    (t): t is LanguageModelV3FunctionTool => t.type === 'function',
  );
  const only = options.toolChoice?.type === 'tool' ? options.toolChoice.toolName : undefined;
  return functions
    .filter((t) => only === undefined || t.name === only)
    .map((t) => ({
      name: t.name,
      description: t.description ?? '',
      inputSchema: { ...(t.inputSchema as Record<string, unknown>), type: 'object' } as AdapterJsonSchema,
      execute: async (input) => {
        calls.push({ toolName: t.name, input });
        return { text: 'Recorded. Your turn is over.', isError: false, final: true };
      },
    }));
}

/** The model whose calls are plain turns of `agent`'s adapter. */
export function adapterTurnModel(agent: TurnModelAgent): LanguageModelV3 {
  const stream = (options: LanguageModelV3CallOptions): ReadableStream<LanguageModelV3StreamPart> => {
    const { system, prompt } = promptOfCall(options.prompt);
    const calls: RecordedCall[] = [];
    const tools = turnTools(options, calls);
    const signal = options.abortSignal ?? new AbortController().signal;
    // The call does not say which step it is: the agent's own calls are judged as during
    // coordination, the strictest phase (an irreversible call is planned, not run).
    const phase: StreamPhase = 'coordination';
    return new ReadableStream<LanguageModelV3StreamPart>({
      async start(controller) {
        let usage: TokenUsage = { inputTokens: 0, outputTokens: 0 };
        let textOpen = false;
        let reasoningOpen = false;
        controller.enqueue({ type: 'stream-start', warnings: [] });
        const gate = agent.gate();
        const emit = agent.emit?.();
        try {
          await agent.adapter.run({
            agentId: agent.agentId,
            phase,
            system,
            prompt,
            tools,
            signal,
            attempt: 1,
            ...(gate ? { checkTool: (call) => gate(call, { phase, signal, emit: emit ?? (() => {}) }) } : {}),
            events: {
              text: (delta) => {
                if (delta === '') return;
                if (!textOpen) controller.enqueue({ type: 'text-start', id: 'text' });
                textOpen = true;
                controller.enqueue({ type: 'text-delta', id: 'text', delta });
              },
              reasoning: (delta) => {
                if (delta === '') return;
                if (!reasoningOpen) controller.enqueue({ type: 'reasoning-start', id: 'reasoning' });
                reasoningOpen = true;
                controller.enqueue({ type: 'reasoning-delta', id: 'reasoning', delta });
              },
              toolCall: (call) => emit?.({ type: 'tool-call', agentId: agent.agentId, ...call }),
              toolResult: (result) => emit?.({ type: 'tool-result', agentId: agent.agentId, ...result }),
              usage: (u) => {
                usage = addTokens(usage, u);
              },
              warning: (message) =>
                emit?.({ type: 'notice', level: 'warning', agentId: agent.agentId, message }),
            },
          });
        } catch (error) {
          controller.enqueue({ type: 'error', error });
          controller.close();
          return;
        }
        if (reasoningOpen) controller.enqueue({ type: 'reasoning-end', id: 'reasoning' });
        if (textOpen) controller.enqueue({ type: 'text-end', id: 'text' });
        calls.slice(0, 1).forEach((call, i) => {
          controller.enqueue({
            type: 'tool-call',
            toolCallId: `${agent.agentId}-${call.toolName}-${i}`,
            toolName: call.toolName,
            input: JSON.stringify(call.input),
          });
        });
        controller.enqueue({
          type: 'finish',
          usage: v3Usage(usage),
          finishReason:
            calls.length > 0
              ? { unified: 'tool-calls', raw: undefined }
              : { unified: 'stop', raw: undefined },
        });
        controller.close();
      },
    });
  };
  return {
    specificationVersion: 'v3',
    provider: agent.adapter.type,
    modelId: agent.modelId,
    supportedUrls: {},
    doStream: async (options) => ({ stream: stream(options) }),
    doGenerate: async (options) => {
      const content: LanguageModelV3Content[] = [];
      let usage = v3Usage({ inputTokens: 0, outputTokens: 0 });
      let finishReason: Awaited<ReturnType<LanguageModelV3['doGenerate']>>['finishReason'] = {
        unified: 'stop',
        raw: undefined,
      };
      let text = '';
      let reasoning = '';
      const reader = stream(options).getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        if (value.type === 'error') throw value.error;
        if (value.type === 'text-delta') text += value.delta;
        else if (value.type === 'reasoning-delta') reasoning += value.delta;
        else if (value.type === 'tool-call') content.push(value);
        else if (value.type === 'finish') {
          usage = value.usage;
          finishReason = value.finishReason;
        }
      }
      if (text !== '') content.unshift({ type: 'text', text });
      if (reasoning !== '') content.unshift({ type: 'reasoning', text: reasoning });
      return { content, usage, finishReason, warnings: [] };
    },
  };
}
