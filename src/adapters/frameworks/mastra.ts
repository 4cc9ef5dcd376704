/**
 * Mastra agents (`Agent` of `@mastra/core/agent`, which needs Node 22.13 or later): each turn calls
 * the agent's documented `stream(messages, options)` with the workflow tools as a call-time toolset
 * (`toolsets: { massgen: { new_answer, vote } }`, in the AI SDK tool form Mastra accepts), the phase's
 * system prompt as a system message before the task, the run's abort signal, and a stop condition
 * that ends the loop once a workflow call is accepted. The agent keeps its own tools, memory and
 * instructions; under a safety policy its own tools (`listTools()`, or `getTools()` before Mastra 1)
 * come again in a call-time toolset, each call checked first (a toolset tool takes the place of the
 * agent's tool of the same name; see mastra-tool-checks.ts). Its stream chunks (`{ type, payload }`)
 * become our events.
 */
import type { AdapterTurn, AdapterTurnResult, AgentAdapter } from '../../types/agent-adapter.js';
import { AdapterError } from '../errors.js';
import { aiSdkWorkflowTools } from './ai-sdk-workflow-tools.js';
import { checkedMastraTools } from './mastra-tool-checks.js';
import { type PricedModel, pricedModel } from './priced-model.js';
import { readStreamPart, type StreamPart } from './stream-parts.js';
import { TurnControl } from './turn-control.js';

/** A Mastra stream chunk: the AI SDK part's fields in `payload`. */
export interface MastraChunk {
  type: string;
  payload?: Omit<StreamPart, 'type'> & { output?: unknown; stepResult?: unknown };
}

/** Options the adapter passes to `stream()`. */
export interface MastraStreamOptions {
  toolsets: Record<string, Record<string, unknown>>;
  abortSignal: AbortSignal;
  stopWhen: (options: { steps: readonly unknown[] }) => boolean;
  maxSteps: number;
}

/** A Mastra `Agent`, as far as the adapter uses it. */
export interface MastraAgentLike {
  stream(
    messages: Array<{ role: 'system' | 'user'; content: string }>,
    options: MastraStreamOptions,
  ): Promise<{ fullStream: AsyncIterable<MastraChunk> }>;
}

/** The step limit of a turn. */
const MAX_STEPS = 20;

/** Whether `value` looks like a Mastra agent. */
export function isMastraAgent(value: unknown): value is MastraAgentLike {
  const agent = value as MastraAgentLike | null;
  return typeof agent === 'object' && agent !== null && typeof agent.stream === 'function';
}

/** The stream part of a chunk (Mastra's `finish` and `step-finish` carry usage in `payload.output`). */
function part(chunk: MastraChunk): StreamPart {
  const payload = chunk.payload ?? {};
  const output = payload.output as { usage?: StreamPart['usage'] } | undefined;
  const usage = payload.usage ?? (chunk.type === 'step-finish' ? output?.usage : undefined);
  return { ...payload, type: chunk.type, ...(usage ? { usage } : {}) };
}

class MastraAdapter implements AgentAdapter {
  readonly type = 'mastra';
  private readonly agent: MastraAgentLike;

  constructor(agent: MastraAgentLike) {
    this.agent = agent;
  }

  /** Priced as its model's provider and model (an AI SDK model, or a `provider/model` string). */
  pricedAs(): PricedModel | undefined {
    return pricedModel((this.agent as { model?: unknown }).model);
  }

  async run(turn: AdapterTurn): Promise<AdapterTurnResult> {
    turn.signal.throwIfAborted();
    const control = new TurnControl(turn);
    const workflow = aiSdkWorkflowTools(turn, control, (this.agent as { model?: unknown }).model);
    let text = '';
    try {
      const checked = await checkedMastraTools(this.agent, turn, control);
      const toolsets: MastraStreamOptions['toolsets'] = {
        ...(checked ? { massgen_checked: checked } : {}),
        ...(turn.tools.length === 0 ? {} : { massgen: workflow }),
      };
      const result = await this.agent.stream(
        [
          { role: 'system', content: turn.system },
          { role: 'user', content: turn.prompt },
        ],
        {
          toolsets,
          abortSignal: control.abort.signal,
          stopWhen: ({ steps }) => control.decided || steps.length >= MAX_STEPS,
          maxSteps: MAX_STEPS,
        },
      );
      for await (const chunk of result.fullStream) {
        text += readStreamPart(part(chunk), turn.events, control.workflowNames);
      }
    } catch (error) {
      if (turn.signal.aborted) throw turn.signal.reason;
      const message = error instanceof Error ? error.message : String(error);
      throw new AdapterError(this.type, `Mastra agent run failed: ${message}`, { cause: error });
    } finally {
      control.dispose();
    }
    return { text };
  }
}

/** The adapter of a Mastra `Agent`. */
export function mastraAdapter(agent: MastraAgentLike): AgentAdapter {
  return new MastraAdapter(agent);
}
