/**
 * AI SDK agents (`ToolLoopAgent`, also exported as `Experimental_Agent`, from `ai`): each turn builds
 * a copy of the agent (its own class, its settings) with the workflow tools beside its own and a stop
 * condition that ends the loop once a workflow call is accepted, then streams it.
 */
import type { AdapterTurn, AdapterTurnResult, AgentAdapter } from '../../types/agent-adapter.js';
import { AdapterError } from '../errors.js';
import { aiSdkWorkflowTools } from './ai-sdk-workflow-tools.js';
import { type PricedModel, pricedModel } from './priced-model.js';
import { readStreamPart, type StreamPart } from './stream-parts.js';
import { TurnControl, withInstructions } from './turn-control.js';

/** A `ToolLoopAgent`, as far as the adapter reads it (its settings are the constructor's argument). */
export interface AiSdkAgentLike {
  version: string;
  stream(options: {
    prompt: string;
    abortSignal: AbortSignal;
  }): Promise<{ fullStream: AsyncIterable<StreamPart> }>;
}

type Settings = Record<string, unknown> & {
  instructions?: unknown;
  tools?: Record<string, unknown>;
  stopWhen?: unknown;
};
type ToolLike = { execute?: (input: unknown, options: { toolCallId?: string }) => unknown };
type StopCondition = (options: { steps: readonly unknown[] }) => boolean | PromiseLike<boolean>;

/** The step limit of the copy when the agent sets no `stopWhen` (the AI SDK's own default). */
const DEFAULT_STEPS = 20;

/** Whether `value` looks like an AI SDK agent whose settings the adapter can copy. */
export function isAiSdkAgent(value: unknown): value is AiSdkAgentLike {
  const agent = value as (AiSdkAgentLike & { settings?: unknown }) | null;
  return (
    typeof agent === 'object' &&
    agent !== null &&
    typeof agent.stream === 'function' &&
    typeof agent.settings === 'object' &&
    agent.settings !== null
  );
}

class AiSdkAgentAdapter implements AgentAdapter {
  readonly type = 'ai-sdk';
  private readonly agent: AiSdkAgentLike;

  constructor(agent: AiSdkAgentLike) {
    this.agent = agent;
  }

  /** Priced as its model's provider and model. */
  pricedAs(): PricedModel | undefined {
    return pricedModel((this.agent as unknown as { settings: Settings }).settings.model);
  }

  async run(turn: AdapterTurn): Promise<AdapterTurnResult> {
    turn.signal.throwIfAborted();
    const control = new TurnControl(turn);
    const settings = (this.agent as unknown as { settings: Settings }).settings;
    const own = Object.fromEntries(
      Object.entries(settings.tools ?? {}).map(([name, t]) => [name, checked(name, t as ToolLike, control)]),
    );
    const workflow = aiSdkWorkflowTools(turn, control, settings.model);
    const given = settings.stopWhen;
    const limits: StopCondition[] =
      given === undefined
        ? [({ steps }) => steps.length >= DEFAULT_STEPS]
        : ((Array.isArray(given) ? given : [given]) as StopCondition[]);
    const Agent = this.agent.constructor as new (settings: Settings) => AiSdkAgentLike;
    const copy = new Agent({
      ...settings,
      instructions: withInstructions(settings.instructions, turn.system),
      tools: { ...own, ...workflow },
      stopWhen: [...limits, () => control.decided],
      // Errors come as `error` parts of the stream (the AI SDK would also print them).
      onError: () => {},
    });
    let text = '';
    try {
      const result = await copy.stream({ prompt: turn.prompt, abortSignal: control.abort.signal });
      for await (const part of result.fullStream)
        text += readStreamPart(part, turn.events, control.workflowNames);
    } catch (error) {
      if (turn.signal.aborted) throw turn.signal.reason;
      const message = error instanceof Error ? error.message : String(error);
      throw new AdapterError(this.type, `AI SDK agent run failed: ${message}`, { cause: error });
    } finally {
      control.dispose();
    }
    return { text };
  }
}

/** One of the agent's own tools, its calls checked by the run's safety policy first. */
function checked(name: string, tool: ToolLike, control: TurnControl): unknown {
  const { execute } = tool;
  if (typeof execute !== 'function') return tool;
  return {
    ...tool,
    execute: async (input: unknown, options: { toolCallId?: string }) => {
      const refusal = await control.refusal(options?.toolCallId ?? '', name, input);
      return refusal ?? execute.call(tool, input, options);
    },
  };
}

/** The adapter of an AI SDK `ToolLoopAgent`. */
export function aiSdkAgentAdapter(agent: AiSdkAgentLike): AgentAdapter {
  return new AiSdkAgentAdapter(agent);
}
