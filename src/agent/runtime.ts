/** An agent ready to run: its identity, its model and the settings of every call. */
import type { LanguageModelV3 } from '@ai-sdk/provider';
import type { AgentMemory } from '../memory/agent-memory.js';
import type { CallSettings } from '../providers/create-model.js';
import type { ToolRegistry } from '../tools/registry.js';

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
  tools?: ToolRegistry;
}
