/**
 * What an agent's turn sees of memory: the hooks an execution calls (recall into the system prompt,
 * compaction before every model call, usage reports). Attached to the agent's runtime as `memory`.
 */
import type { ModelMessage } from 'ai';

/** Memory hooks of one agent for one run. */
export interface AgentMemory {
  /**
   * The body of the `memory` section of the agent's system prompt for `question` (undefined when
   * nothing was recalled). Computed once per run; never throws (failures become notices). Resolves
   * to undefined as soon as `signal` aborts, so an interrupted execution never waits for it.
   */
  recall(question: string, signal?: AbortSignal): Promise<string | undefined>;
  /**
   * Call before every model call of a turn: compresses `messages` in place when the conversation
   * passes the trigger. Throws only when `signal` is aborted.
   */
  compact(system: string, messages: ModelMessage[], signal: AbortSignal): Promise<void>;
  /** The provider's reported input tokens of the agent's latest call. */
  observeUsage(inputTokens: number): void;
}
