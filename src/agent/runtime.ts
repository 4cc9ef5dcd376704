/** An agent ready to run: its identity, its model and the settings of every call. */
import type { LanguageModelV3 } from '@ai-sdk/provider';
import type { CallSettings } from '../providers/create-model.js';

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
}
