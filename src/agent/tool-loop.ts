/**
 * The tool loop of one turn, whatever the phase: stream a reply, let the phase decide what it
 * means, run the agent's own tool calls when the phase asks for it, feed the results back, and go
 * on. After `maxToolSteps` tool steps the agent's own tools are no longer offered and the model is
 * told to finish. The phase's protocol (workflow calls, texts, retries) lives in its `decide`.
 */
import type { ModelMessage, ToolResultPart, ToolSet } from 'ai';
import type { EventInput, StreamPhase } from '../events/types.js';
import { resultMediaOf } from '../media/tool-media.js';
import type { AgentRuntime } from '../types/agent-runtime.js';
import { type FinishKind, finishKind } from './finish-reason.js';
import { type StepResult, type StepToolCall, streamStep } from './stream-step.js';
import { runToolCalls, skipToolCalls } from './tool-calls.js';

/** What a phase makes of one reply. */
export type StepDecision<T> =
  /** The turn is over: the loop returns `result`. */
  | { kind: 'done'; result: T }
  /** Append `messages` (tool results, a user message) and call the model again. */
  | { kind: 'continue'; messages: ModelMessage[] }
  /** A tool step: run `calls` through the agent's tools, append their results and call the model again. */
  | { kind: 'run-tools'; calls: readonly StepToolCall[] };

/** One reply, as the phase's `decide` sees it (its messages are already in the conversation). */
export interface LoopStep extends StepResult {
  /** The calls the provider did not run itself: the phase's workflow calls and the agent's own. */
  calls: StepToolCall[];
  /** How the reply ended (see finish-reason.ts). */
  ending: FinishKind;
  /** The agent's own tools were offered in this call: tool steps remain. */
  canUseTools: boolean;
  /** Whether a tool step may run `calls`: tool steps remain and the agent executes at least one of them. */
  canRun(calls: readonly StepToolCall[]): boolean;
  /** Reports `calls` as not run, each with `why` as its error result, and returns those results. */
  skip(calls: readonly StepToolCall[], why: (call: StepToolCall) => string): ToolResultPart[];
}

/** What the model and the user are told when the last tool step of the turn has run. */
export interface ToolLimitNotice {
  /** A warning notice naming the agent. */
  notice?: string;
  /** A user message to the model. */
  message?: string;
}

export interface ToolLoopInput<T> {
  agent: AgentRuntime;
  system: string;
  /** The conversation so far; every reply and what is fed back is appended to it in place. */
  messages: ModelMessage[];
  /** The phase's workflow tools, offered in every call; the other calls are the agent's own. */
  workflow?: ToolSet;
  emit: (event: EventInput) => void;
  signal: AbortSignal;
  phase: StreamPhase;
  /** Tool steps allowed in the turn. */
  maxToolSteps: number;
  /**
   * Compress the conversation (the agent's memory) before every model call; each reply's input
   * tokens are reported to the memory (`observeUsage`) for it.
   */
  compact?: boolean;
  /** Said once the last tool step has run. */
  limit?: ToolLimitNotice;
  /**
   * Asked after every tool step: a notice and a message end the agent's tool use early (the run's
   * budget is reached), as if the last tool step had run.
   */
  stopTools?: () => ToolLimitNotice | undefined;
  /** Emitted before the first text of the next reply (see `StepInput.textPrefix`); asked before every call. */
  textPrefix?: () => string | undefined;
  /** The phase's judgement of each reply. It may throw to end the turn with an error. */
  decide: (step: LoopStep) => StepDecision<T> | Promise<StepDecision<T>>;
}

/** Runs the turn until `decide` says it is done. Provider failures and aborts are thrown. */
export async function runToolLoop<T>(input: ToolLoopInput<T>): Promise<T> {
  const { agent, messages, emit, signal, workflow } = input;
  const registry = agent.tools;
  const toolOptions = {
    agentId: agent.id,
    emit,
    signal,
    phase: input.phase,
    resultMedia: resultMediaOf(agent.backendType),
  };
  const isLocalCall = (name: string) => workflow === undefined || !Object.hasOwn(workflow, name);
  // The agent's MCP servers are starting: its first call waits for them (bounded by their connect timeout).
  await registry?.ready(signal);
  let toolSteps = 0;
  let toolsStopped = false;
  while (true) {
    // Before every model call: compress the conversation in place if it outgrew the context window.
    if (input.compact) await agent.memory?.compact(input.system, messages, signal);
    const canUseTools = !toolsStopped && toolSteps < input.maxToolSteps;
    const tools = registry ? registry.toolSet({ workflow, local: canUseTools }) : workflow;
    const step = await streamStep({
      agent,
      system: input.system,
      messages,
      tools: tools && Object.keys(tools).length > 0 ? tools : undefined,
      emit,
      signal,
      phase: input.phase,
      isLocalCall,
      textPrefix: input.textPrefix?.(),
    });
    // The memory's conversation accounting learns the provider's count of what was sent.
    if (input.compact && step.usage) agent.memory?.observeUsage(step.usage.inputTokens);
    // Tool results are added by the phase or the tool step, one for every call (the SDK's own are
    // only for invalid calls).
    messages.push(...step.messages.filter((m) => m.role !== 'tool'));
    const decision = await input.decide({
      ...step,
      calls: step.toolCalls.filter((c) => !c.providerExecuted),
      ending: finishKind(step.finish),
      canUseTools,
      canRun: (calls) => canUseTools && calls.some((c) => registry?.isExecutable(c.toolName) === true),
      skip: (calls, why) => skipToolCalls(calls, why, toolOptions),
    });
    if (decision.kind === 'done') return decision.result;
    if (decision.kind === 'continue') {
      messages.push(...decision.messages);
      continue;
    }
    messages.push({ role: 'tool', content: await runToolCalls(registry, decision.calls, toolOptions) });
    toolSteps++;
    // At the limit, the tools are no longer offered anyway; before it, `stopTools` may end them.
    const stop = toolSteps === input.maxToolSteps ? input.limit : input.stopTools?.();
    if (stop) {
      toolsStopped = true;
      if (stop.notice) emit({ type: 'notice', level: 'warning', agentId: agent.id, message: stop.notice });
      if (stop.message) messages.push({ role: 'user', content: stop.message });
    }
  }
}
