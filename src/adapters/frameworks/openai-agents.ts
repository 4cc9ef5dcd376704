/**
 * OpenAI Agents JS (`@openai/agents`): each turn clones the agent with the workflow tools added as
 * function tools and runs it streamed (`run(agent, prompt, { stream: true, signal })`). Its own tools
 * stay; their calls go through the run's safety checks. Once a workflow call is accepted the clone's
 * `toolUseBehavior` ends the run, so no model call follows the decision.
 */
import type { AdapterTurn, AdapterTurnResult, AgentAdapter } from '../../types/agent-adapter.js';
import { AdapterError } from '../errors.js';
import { type PricedModel, pricedModel } from './priced-model.js';
import { outputText, TurnControl, withInstructions } from './turn-control.js';

/** The parts of `@openai/agents` the adapter uses (from the copy the agent was built with). */
export interface OpenAIAgentsSdk {
  run(agent: unknown, input: string, options: { stream: true; signal: AbortSignal }): Promise<StreamedRun>;
  tool(options: Record<string, unknown>): unknown;
}

/** An `Agent`, as far as the adapter reads it. */
export interface OpenAIAgentLike {
  name: string;
  instructions?: unknown;
  tools?: readonly unknown[];
  clone(config: Record<string, unknown>): unknown;
}

interface StreamedRun extends AsyncIterable<RunEvent> {
  completed: Promise<void>;
  finalOutput?: unknown;
}

type RunEvent =
  | { type: 'raw_model_stream_event'; data: RawEvent }
  | { type: 'run_item_stream_event'; name: string; item: RunItem }
  | { type: 'agent_updated_stream_event' };

type RawEvent = {
  type: string;
  delta?: string;
  event?: { type?: string; delta?: string };
  response?: RawResponse;
};
type RawResponse = { usage?: RawUsage };
type RawUsage = {
  inputTokens?: number;
  outputTokens?: number;
  inputTokensDetails?: Record<string, number> | Array<Record<string, number>>;
  outputTokensDetails?: Record<string, number> | Array<Record<string, number>>;
};
type RunItem = {
  rawItem?: { callId?: string; name?: string; arguments?: string; output?: unknown };
  output?: unknown;
};

type FunctionToolLike = { type: 'function'; name: string; invoke: (...args: unknown[]) => Promise<unknown> };

const REASONING_DELTAS = new Set(['response.reasoning_summary_text.delta', 'response.reasoning_text.delta']);

/** Whether `value` looks like an OpenAI Agents `Agent`. */
export function isOpenAIAgent(value: unknown): value is OpenAIAgentLike {
  const agent = value as OpenAIAgentLike | null;
  return (
    typeof agent === 'object' &&
    agent !== null &&
    typeof agent.clone === 'function' &&
    typeof agent.name === 'string'
  );
}

function detail(details: RawUsage['inputTokensDetails'], key: string): number {
  const list = Array.isArray(details) ? details : details ? [details] : [];
  return list.reduce((sum, entry) => sum + (entry[key] ?? 0), 0);
}

function parseArgs(text: unknown): unknown {
  if (typeof text !== 'string') return text;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

class OpenAIAgentsAdapter implements AgentAdapter {
  readonly type = 'openai-agents';
  private readonly agent: OpenAIAgentLike;
  private readonly sdk: () => Promise<OpenAIAgentsSdk>;

  constructor(agent: OpenAIAgentLike, sdk: () => Promise<OpenAIAgentsSdk>) {
    this.agent = agent;
    this.sdk = sdk;
  }

  /** Priced as its model: a model name is OpenAI's (the SDK's default provider). */
  pricedAs(): PricedModel | undefined {
    return pricedModel((this.agent as { model?: unknown }).model, 'openai');
  }

  async run(turn: AdapterTurn): Promise<AdapterTurnResult> {
    const sdk = await this.sdk();
    turn.signal.throwIfAborted();
    const control = new TurnControl(turn);
    const workflow = turn.tools.map((t) =>
      sdk.tool({
        name: t.name,
        description: t.description,
        parameters: { required: [], ...t.inputSchema, additionalProperties: true },
        strict: false,
        execute: async (args: unknown) => (await control.callWorkflow(t, args)).text,
      }),
    );
    const own = (this.agent.tools ?? []).map((t) => this.checked(t, control));
    const instructions = this.agent.instructions;
    const clone = this.agent.clone({
      tools: [...own, ...workflow],
      instructions:
        typeof instructions === 'function'
          ? async (...args: unknown[]) => withInstructions(await instructions(...args), turn.system)
          : withInstructions(instructions, turn.system),
      toolUseBehavior: () =>
        control.decided
          ? {
              isFinalOutput: true,
              isInterrupted: undefined,
              finalOutput: 'The workflow decision is recorded.',
            }
          : { isFinalOutput: false, isInterrupted: undefined },
    });
    let text = '';
    try {
      const stream = await sdk.run(clone, turn.prompt, { stream: true, signal: control.abort.signal });
      for await (const event of stream) {
        const piece = this.read(event, turn, control);
        if (piece) text += piece;
      }
      await stream.completed;
      if (!control.decided && text === '' && typeof stream.finalOutput === 'string')
        text = stream.finalOutput;
    } catch (error) {
      const failure = control.failure(error);
      if (failure === turn.signal.reason && turn.signal.aborted) throw failure;
      if (failure !== undefined) {
        const message = error instanceof Error ? error.message : String(error);
        throw new AdapterError(this.type, `OpenAI Agents run of "${this.agent.name}" failed: ${message}`, {
          cause: error,
        });
      }
    } finally {
      control.dispose();
    }
    return { text };
  }

  /** One of the agent's own function tools, its calls checked by the run's safety policy first. */
  private checked(tool: unknown, control: TurnControl): unknown {
    const fn = tool as FunctionToolLike;
    if (fn?.type !== 'function' || typeof fn.invoke !== 'function') return tool;
    const invoke = fn.invoke.bind(fn);
    return {
      ...fn,
      invoke: async (context: unknown, input: string, details?: { toolCall?: { callId?: string } }) => {
        const refusal = await control.refusal(details?.toolCall?.callId ?? '', fn.name, parseArgs(input));
        return refusal ?? invoke(context, input, details);
      },
    };
  }

  /** Reports one stream event; returns the text it streamed. */
  private read(event: RunEvent, turn: AdapterTurn, control: TurnControl): string | undefined {
    const workflow = control.workflowNames;
    if (event.type === 'raw_model_stream_event') {
      const { data } = event;
      if (data.type === 'output_text_delta' && data.delta) {
        turn.events.text(data.delta);
        return data.delta;
      }
      if (data.type === 'model' && REASONING_DELTAS.has(data.event?.type ?? '') && data.event?.delta) {
        turn.events.reasoning(data.event.delta);
      }
      const usage = data.type === 'response_done' ? data.response?.usage : undefined;
      if (usage) {
        const reasoning = detail(usage.outputTokensDetails, 'reasoning_tokens');
        const cached = detail(usage.inputTokensDetails, 'cached_tokens');
        turn.events.usage({
          inputTokens: usage.inputTokens ?? 0,
          outputTokens: usage.outputTokens ?? 0,
          ...(reasoning ? { reasoningTokens: reasoning } : {}),
          ...(cached ? { cachedInputTokens: cached } : {}),
        });
      }
      return undefined;
    }
    if (event.type !== 'run_item_stream_event') return undefined;
    const raw = event.item.rawItem;
    const name = raw?.name ?? '';
    if (!raw || workflow.has(name)) return undefined;
    if (event.name === 'tool_called') {
      turn.events.toolCall({ toolCallId: raw.callId ?? '', toolName: name, input: parseArgs(raw.arguments) });
    } else if (event.name === 'tool_output') {
      turn.events.toolResult({
        toolCallId: raw.callId ?? '',
        toolName: name,
        output: outputText(event.item.output ?? raw.output),
        isError: false,
      });
    }
    return undefined;
  }
}

/** The adapter of an OpenAI Agents `Agent`; `sdk` gives `run` and `tool` of the copy it was built with. */
export function openAIAgentsAdapter(
  agent: OpenAIAgentLike,
  sdk: () => Promise<OpenAIAgentsSdk>,
): AgentAdapter {
  return new OpenAIAgentsAdapter(agent, sdk);
}
