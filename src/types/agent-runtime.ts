/** An agent ready to run: its identity, its model, the settings of every call, and its per-run hooks. */
import type { JSONObject, LanguageModelV3 } from '@ai-sdk/provider';
import type { FilePart, ImagePart, TextPart } from 'ai';
import type { EventInput, StreamPhase } from '../events/types.js';
import type { AdapterToolCall, AdapterToolVerdict, AgentAdapter } from './agent-adapter.js';
import type { AgentMemory } from './agent-memory.js';
import type { AgentToolHooks } from './agent-tools.js';

/** Settings passed to every call of the model. */
export interface CallSettings {
  temperature?: number;
  maxOutputTokens?: number;
  topP?: number;
  topK?: number;
  providerOptions?: Record<string, JSONObject>;
  /**
   * The model takes the `strict` flag of function tools (OpenAI's APIs); other models get their
   * tools without it (see providers/tool-strictness.ts).
   */
  strictTools?: boolean;
}

/** Checks an adapter agent's own tool call in the turn's phase (safety policy, workspace paths). */
export type AdapterGate = (
  call: AdapterToolCall,
  context: { phase: StreamPhase; signal: AbortSignal; emit: (event: EventInput) => void },
) => Promise<AdapterToolVerdict>;

/** One configured agent, as every run mode and phase drives it. */
export interface AgentRuntime {
  /** Real id from the config. */
  id: string;
  /** Stable label `agentK`. */
  label: string;
  /** 0-based config position. */
  index: number;
  backendType: string;
  modelId: string;
  model: LanguageModelV3;
  settings: CallSettings;
  /** The agent's own `system_message`. */
  systemMessage?: string;
  /** Memory hooks (recall, conversation compression) when the config enables memory; set per run. */
  memory?: AgentMemory;
  /** The agent's own tools (provider-native, custom, MCP) when its backend has any; set per run. */
  tools?: AgentToolHooks;
  /**
   * The run's attachments in the form this agent's backend takes (image and file parts, or the
   * converted text); they go with the question in every user message that carries it. Set per run.
   */
  attachments?: ReadonlyArray<TextPart | ImagePart | FilePart>;
  /**
   * The external agent that runs this agent's turns (src/adapters), chosen by its backend `type` or
   * given through the library API. `model` then serves only the features that call an agent's model
   * directly (group chat, memory, post-evaluation): see src/adapters/direct-model.ts.
   */
  adapter?: AgentAdapter;
  /**
   * The backend type and model the agent's usage is priced as, when not its own `backendType` and
   * `modelId` (a framework agent's `provider:`, or what its adapter reports it runs on).
   */
  priceAs?: { backend: string; model: string };
  /** Checks the adapter agent's own tool calls; set per run when its backend has tools or a workspace. */
  adapterGate?: AdapterGate;
  /**
   * The run's events, for what an adapter agent does outside an execution (a plain turn for a group
   * chat, memory or the post-evaluation: its own tool calls, its gate's `tool-denied`); set per run.
   */
  adapterEmit?: (event: EventInput) => void;
  /** The adapter agent's workspace folder (its `cwd`), set per run. */
  workspace?: string;
}
