/**
 * An agent's memory hooks for one run (the {@link AgentMemory} contract): recall of long-term
 * memories for the system prompt, compaction of the conversation, usage reports.
 */
import type { ModelMessage } from 'ai';
import type { EventInput } from '../events/types.js';
import type { AgentMemory } from '../types/agent-memory.js';
import type { ConversationMemory } from './conversation-memory.js';

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
