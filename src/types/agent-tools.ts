/**
 * What an agent's turn sees of its own tools (provider-native, custom, MCP, workspace): the tool set
 * of each model call, which calls it runs itself, and the one way to run them. Attached to the
 * agent's runtime as `tools` (implemented by the tool registry).
 */
import type { JSONValue } from '@ai-sdk/provider';
import type { ToolSet } from 'ai';
import type { EventInput, StreamPhase } from '../events/types.js';

/** What goes into one model call. */
export interface ToolSetOptions {
  /** The phase's workflow tools (`new_answer`/`vote`, `submit`/`restart_orchestration`). */
  workflow?: ToolSet;
  /** Include the tools the agent executes itself (custom, MCP); default true. */
  local?: boolean;
}

/** A call the model made. */
export interface ToolCallRequest {
  toolCallId: string;
  toolName: string;
  input: unknown;
  /** Set when the SDK could not parse the arguments or does not know the tool. */
  invalidReason?: string;
}

/** An image or audio clip a tool returned (an MCP `image` / `audio` content block). */
export interface ToolMedia {
  type: 'image' | 'audio';
  mediaType: string;
  /** Base64. */
  data: string;
}

/** The outcome of one call, as recorded and as given back to the model. */
export interface ToolCallOutcome {
  toolCallId: string;
  toolName: string;
  /** Text or JSON given to the model (error text when `isError`). */
  value: JSONValue;
  isError: boolean;
  /** Images and audio of the result: media parts for a model that takes them (not in events or logs). */
  media?: ToolMedia[];
}

/** Options of a tool execution (events go to `emit`). */
export interface ExecuteOptions {
  agentId: string;
  emit: (event: EventInput) => void;
  signal: AbortSignal;
  /** The phase of the turn (the safety checks defer irreversible calls during coordination). */
  phase?: StreamPhase;
  /**
   * The media a tool result may carry to this agent's model as parts (by its wire API); media it
   * cannot take stay a line of text in the result.
   */
  resultMedia?: { image: boolean; audio: boolean };
}

/** Tool hooks of one agent for one run. */
export interface AgentToolHooks {
  /** Resolves once the tools' start-up work (MCP servers connecting) has settled, or when `signal` aborts. */
  ready(signal?: AbortSignal): Promise<void>;
  /** The AI SDK tools of one model call: the phase's workflow tools first, then the agent's. */
  toolSet(options?: ToolSetOptions): ToolSet;
  /** Whether the agent executes `name` itself (a custom, MCP or workspace tool it has now). */
  isExecutable(name: string): boolean;
  /**
   * Runs one call and reports it (`tool-call`, `tool-result`): unknown tools, bad arguments,
   * refusals and failures become error outcomes. Throws only when `options.signal` aborts.
   */
  execute(call: ToolCallRequest, options: ExecuteOptions): Promise<ToolCallOutcome>;
}
