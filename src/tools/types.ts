/**
 * The contracts of the tool system: one entry type for every tool an agent can see (workflow,
 * provider-native, custom, MCP), what executing one returns, and the hook a permission or safety
 * check plugs into.
 */
import type { JSONValue } from '@ai-sdk/provider';
import type { Tool } from 'ai';
import type { EventInput, StreamPhase } from '../events/types.js';
import type { ToolCallRequest, ToolMedia } from '../types/agent-tools.js';

/** Where a tool comes from. */
export type ToolSource = 'workflow' | 'provider' | 'custom' | 'mcp' | 'workspace';

/** MCP tool annotations (hints from the server, not guarantees). */
export interface ToolAnnotations {
  title?: string;
  readOnlyHint?: boolean;
  destructiveHint?: boolean;
  idempotentHint?: boolean;
  openWorldHint?: boolean;
}

/** A JSON Schema object (as sent to the model). */
export type JsonSchemaObject = {
  type?: 'object';
  properties?: Record<string, unknown>;
  [key: string]: unknown;
};

/** What a tool's execution produced. `value` is text or any JSON value. */
export interface ToolOutput {
  value: JSONValue;
  /** The tool reports a failure (e.g. MCP `isError`, a non-zero exit status). */
  isError?: boolean;
  /** Images and audio of the result (MCP `image` / `audio` blocks), given to the model as media parts. */
  media?: ToolMedia[];
}

/** Passed to every execution. */
export interface ToolExecutionContext {
  /** Aborted when the call times out, the agent's turn ends or the run is interrupted. */
  signal: AbortSignal;
  agentId: string;
  toolCallId: string;
}

/** One tool of one agent. */
export interface ToolEntry {
  /** The name the model sees (unique per agent). */
  name: string;
  description: string;
  /** JSON Schema of the arguments the model gives (preset arguments removed). */
  inputSchema: JsonSchemaObject;
  source: ToolSource;
  annotations?: ToolAnnotations;
  /** Per-call limit. */
  timeoutMs: number;
  /** Runs the tool. Absent for workflow tools (the orchestrator judges them) and provider tools. */
  execute?: (input: unknown, context: ToolExecutionContext) => Promise<ToolOutput>;
  /** The AI SDK tool sent for this entry when it is not a plain function tool (provider-native). */
  sdkTool?: Tool;
  /** Where the tool comes from, for messages: `mcp server "everything" tool "echo"`, a module path, … */
  origin?: string;
  /** The name the tool has at its origin (MCP tool name, export name, command name). */
  originalName?: string;
  /** The MCP server the tool comes from (its `mcp_servers` name), for MCP tools. */
  server?: string;
}

/**
 * What the hook decides about a call. An allowed call may carry `onResult`, told the call's output
 * and duration once it ran (for the audit log). A refused call becomes `Not allowed: <reason>` as an
 * error result for the model, unless the hook gives the `result` the model gets instead (a call
 * recorded as planned is told so, not refused).
 */
export type BeforeCallDecision =
  | { allow: true; onResult?: (output: ToolOutput, durationMs: number) => void }
  | { allow: false; reason: string; result?: ToolOutput };

/** What a before-call hook knows about the call besides the call itself. */
export interface BeforeCallContext {
  agentId: string;
  signal: AbortSignal;
  /** The phase of the turn the call is made in; absent when the caller runs outside a turn. */
  phase?: StreamPhase;
  /** Reports events of the call (the turn's emitter). */
  emit?: (event: EventInput) => void;
}

/**
 * Runs before every execution (after the entry is found, before it runs). The one place a
 * permission, approval or safety check plugs in; a denial becomes an error result for the model.
 */
export type BeforeCallHook = (
  call: ToolCallRequest,
  entry: ToolEntry,
  context: BeforeCallContext,
) => BeforeCallDecision | Promise<BeforeCallDecision>;
