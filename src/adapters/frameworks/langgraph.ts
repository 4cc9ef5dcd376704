/**
 * LangGraph.js / LangChain.js agents: the export is a function `(tools) => graph` that builds the
 * agent's graph with the given LangChain tools beside its own (with the prebuilt agent:
 * `(tools) => createReactAgent({ llm, tools: [...myTools, ...tools] })`). The workflow tools are
 * `returnDirect` tools, so a prebuilt agent ends its graph after a workflow call; a custom graph
 * should route to its end after one. Each turn streams the graph (`streamEvents`, v2) with the
 * phase's system prompt and the task as messages; its model, tool and usage events become ours.
 * The calls of its own tools go through the run's safety checks (see langgraph-tool-checks.ts).
 */
import type { AdapterTurn, AdapterTurnResult, AgentAdapter } from '../../types/agent-adapter.js';
import { AdapterError } from '../errors.js';
import { checkGraphTools, type ToolMessageClass } from './langgraph-tool-checks.js';
import { outputText, TurnControl } from './turn-control.js';

/**
 * The parts of `@langchain/core` the adapter uses (`tool` of `/tools`, `ToolMessage` of `/messages`),
 * from the copy the graph was built with.
 */
export interface LangChainToolsSdk {
  tool(fn: (input: unknown) => Promise<string>, fields: Record<string, unknown>): unknown;
  ToolMessage: ToolMessageClass;
}

/** A compiled graph, as far as the adapter uses it. */
export interface LangGraphLike {
  streamEvents(
    input: { messages: Array<{ role: 'system' | 'user'; content: string }> },
    options: { version: 'v2'; signal: AbortSignal; recursionLimit?: number },
  ): AsyncIterable<GraphEvent>;
}

/** What the export must be: builds the graph from the workflow tools (LangChain tools). */
export type LangGraphFactory = (tools: unknown[]) => LangGraphLike | Promise<LangGraphLike>;

interface GraphEvent {
  event: string;
  name: string;
  run_id: string;
  data: { chunk?: MessageLike; output?: unknown; input?: unknown };
}

interface MessageLike {
  content?: unknown;
  additional_kwargs?: { reasoning_content?: unknown };
  usage_metadata?: {
    input_tokens?: number;
    output_tokens?: number;
    input_token_details?: { cache_read?: number };
    output_token_details?: { reasoning?: number };
  };
  status?: string;
}

/** The text of a message's content (a string, or text blocks). */
function contentText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content
    .map((block: { type?: string; text?: unknown }) =>
      block?.type === 'text' && typeof block.text === 'string' ? block.text : '',
    )
    .join('');
}

/** A tool's input as reported: LangChain wraps it as `{ input: "<json>" }` for some tools. */
function toolInput(input: unknown): unknown {
  const wrapped = input as { input?: unknown } | null;
  if (
    wrapped &&
    typeof wrapped === 'object' &&
    typeof wrapped.input === 'string' &&
    Object.keys(wrapped).length === 1
  ) {
    try {
      return JSON.parse(wrapped.input) as unknown;
    } catch {
      return wrapped.input;
    }
  }
  return input;
}

class LangGraphAdapter implements AgentAdapter {
  readonly type = 'langgraph';
  private readonly build: LangGraphFactory;
  private readonly sdk: () => Promise<LangChainToolsSdk>;

  constructor(build: LangGraphFactory, sdk: () => Promise<LangChainToolsSdk>) {
    this.build = build;
    this.sdk = sdk;
  }

  async run(turn: AdapterTurn): Promise<AdapterTurnResult> {
    const sdk = await this.sdk();
    turn.signal.throwIfAborted();
    const control = new TurnControl(turn);
    const tools = turn.tools.map((t) =>
      sdk.tool(async (args) => (await control.callWorkflow(t, args)).text, {
        name: t.name,
        description: t.description,
        schema: t.inputSchema,
        returnDirect: true,
      }),
    );
    const workflow = control.workflowNames;
    /** Model runs that streamed their text (the others report it when they end). */
    const streamed = new Set<string>();
    let text = '';
    let restore = () => {};
    try {
      const graph = await this.build(tools);
      if (typeof graph?.streamEvents !== 'function') {
        throw new Error('the export returned no compiled graph (an object with streamEvents())');
      }
      restore = checkGraphTools(graph, turn, control, sdk.ToolMessage);
      const events = graph.streamEvents(
        {
          messages: [
            { role: 'system', content: turn.system },
            { role: 'user', content: turn.prompt },
          ],
        },
        { version: 'v2', signal: control.abort.signal },
      );
      for await (const event of events) {
        text += this.read(event, turn, workflow, streamed);
        // A workflow decision ends the turn even where the graph would go on.
        if (control.decided && event.event === 'on_tool_end' && workflow.has(event.name)) break;
      }
    } catch (error) {
      const failure = control.failure(error);
      if (turn.signal.aborted) throw failure;
      if (failure !== undefined) {
        const message = error instanceof Error ? error.message : String(error);
        throw new AdapterError(this.type, `LangGraph run failed: ${message}`, { cause: error });
      }
    } finally {
      restore();
      control.abort.abort();
      control.dispose();
    }
    return { text };
  }

  /** Reports one graph event; returns the text it streamed. */
  private read(event: GraphEvent, turn: AdapterTurn, workflow: Set<string>, streamed: Set<string>): string {
    const { data } = event;
    switch (event.event) {
      case 'on_chat_model_stream': {
        const reasoning = data.chunk?.additional_kwargs?.reasoning_content;
        if (typeof reasoning === 'string') turn.events.reasoning(reasoning);
        const piece = contentText(data.chunk?.content);
        if (piece !== '') streamed.add(event.run_id);
        turn.events.text(piece);
        return piece;
      }
      case 'on_chat_model_end': {
        const output = data.output as MessageLike | undefined;
        const piece = streamed.has(event.run_id) ? '' : contentText(output?.content);
        turn.events.text(piece);
        const usage = output?.usage_metadata;
        if (usage) {
          const reasoning = usage.output_token_details?.reasoning;
          const cached = usage.input_token_details?.cache_read;
          turn.events.usage({
            inputTokens: usage.input_tokens ?? 0,
            outputTokens: usage.output_tokens ?? 0,
            ...(reasoning ? { reasoningTokens: reasoning } : {}),
            ...(cached ? { cachedInputTokens: cached } : {}),
          });
        }
        return piece;
      }
      case 'on_tool_start':
        if (!workflow.has(event.name)) {
          turn.events.toolCall({
            toolCallId: event.run_id,
            toolName: event.name,
            input: toolInput(data.input),
          });
        }
        return '';
      case 'on_tool_end': {
        if (workflow.has(event.name)) return '';
        const message = data.output as MessageLike | undefined;
        const output =
          message && typeof message === 'object' && 'content' in message ? message.content : data.output;
        turn.events.toolResult({
          toolCallId: event.run_id,
          toolName: event.name,
          output: outputText(output),
          isError: message?.status === 'error',
        });
        return '';
      }
      case 'on_tool_error':
        if (!workflow.has(event.name)) {
          turn.events.toolResult({
            toolCallId: event.run_id,
            toolName: event.name,
            output: outputText((data as { error?: unknown }).error),
            isError: true,
          });
        }
        return '';
      default:
        return '';
    }
  }
}

/** The adapter of a LangGraph agent built by `build`; `sdk` gives LangChain's `tool` of its copy. */
export function langGraphAdapter(
  build: LangGraphFactory,
  sdk: () => Promise<LangChainToolsSdk>,
): AgentAdapter {
  return new LangGraphAdapter(build, sdk);
}
