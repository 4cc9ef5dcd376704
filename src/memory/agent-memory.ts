/**
 * What an agent's turn sees of memory: the hooks an execution calls (recall into the system prompt,
 * compaction before every model call, usage reports). Attached to the agent's runtime as `memory`.
 */
import type { ModelMessage } from 'ai';
import type { EventInput } from '../events/types.js';
import type { ConversationMemory } from './conversation-memory.js';

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

/** The `memory` section: recalled memories as a list. */
export function memorySection(texts: readonly string[]): string | undefined {
  if (texts.length === 0) return undefined;
  return [
    'Things remembered from earlier sessions with this user that may be relevant. They may be out of date: the ORIGINAL MESSAGE and the current answers take precedence.',
    ...texts.map((t) => `- ${t}`),
  ].join('\n');
}

export interface AgentMemoryParts {
  conversation?: ConversationMemory;
  /** Retrieves the section text for a question. */
  retrieve?: (question: string) => Promise<string | undefined>;
  emit: (event: EventInput) => void;
}

/** The hooks of one agent, built by the run's memory. */
export class AgentMemoryHooks implements AgentMemory {
  private recalled: Promise<string | undefined> | undefined;

  constructor(private readonly parts: AgentMemoryParts) {}

  recall(question: string, signal?: AbortSignal): Promise<string | undefined> {
    const retrieve = this.parts.retrieve;
    if (!retrieve) return Promise.resolve(undefined);
    this.recalled ??= retrieve(question).catch(() => undefined);
    return signal ? untilAborted(this.recalled, signal) : this.recalled;
  }

  async compact(system: string, messages: ModelMessage[], signal: AbortSignal): Promise<void> {
    await this.parts.conversation?.compact(system, messages, this.parts.emit, signal);
  }

  observeUsage(inputTokens: number): void {
    this.parts.conversation?.observeUsage(inputTokens);
  }
}

/** `promise`, or undefined as soon as `signal` aborts. */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T | undefined> {
  if (signal.aborted) return Promise.resolve(undefined);
  return new Promise((resolve) => {
    const onAbort = () => resolve(undefined);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      () => resolve(undefined),
    );
  });
}
