/**
 * One agent's conversation window: token accounting of its conversation and compression when it
 * grows past `trigger_threshold` of the context window. Call {@link ConversationMemory.compact} before
 * every model call of a turn (tool loops included); feed it the provider's reported input tokens with
 * {@link ConversationMemory.observeUsage}.
 */
import type { ModelMessage } from 'ai';
import { errorText } from '../error-text.js';
import type { EventInput } from '../events/types.js';
import { planCompression, summaryMessage, transcript } from './compression-plan.js';
import type { Summariser } from './summarise.js';
import { estimateTextTokens, estimateTokens } from './tokens.js';

export interface ConversationMemoryOptions {
  agentId: string;
  /** Context window of the agent's model, in tokens. */
  window: number;
  triggerThreshold: number;
  targetRatio: number;
  summarise: Summariser;
}

/** What the last model call was sent, and what the provider said it cost. */
interface LastCall {
  first: ModelMessage | undefined;
  count: number;
  inputTokens?: number;
}

/** Result of one compaction. */
export interface Compaction {
  beforeTokens: number;
  afterTokens: number;
  messagesSummarised: number;
}

export class ConversationMemory {
  private last: LastCall | undefined;
  /** Message count at a failed summary: no new attempt until the conversation grows. */
  private failedAt = -1;

  constructor(private readonly options: ConversationMemoryOptions) {}

  /** The agent's context window. */
  get window(): number {
    return this.options.window;
  }

  /** The input tokens the provider reported for the call last prepared by {@link compact}. */
  observeUsage(inputTokens: number): void {
    if (this.last && inputTokens > 0) this.last.inputTokens = inputTokens;
  }

  /** Current size of the conversation: the provider's count of the last call plus estimates since, or an estimate. */
  tokens(system: string, messages: readonly ModelMessage[]): number {
    const estimate = estimateTokens(system, messages);
    const last = this.last;
    if (!last || last.inputTokens === undefined || last.first !== messages[0] || last.count > messages.length)
      return estimate;
    return Math.max(estimate, last.inputTokens + estimateTokens('', messages.slice(last.count)));
  }

  /**
   * Compresses `messages` in place when they pass the trigger: the range chosen by
   * {@link planCompression} is replaced by one summary message. Emits `memory-compressed`. A failing
   * summariser leaves the conversation as it is (with a warning notice); an abort is thrown.
   */
  async compact(
    system: string,
    messages: ModelMessage[],
    emit: (event: EventInput) => void,
    signal: AbortSignal,
  ): Promise<Compaction | undefined> {
    const { window, triggerThreshold, targetRatio, agentId } = this.options;
    const before = this.tokens(system, messages);
    let done: Compaction | undefined;
    if (before > window * triggerThreshold && messages.length !== this.failedAt) {
      done = await this.summariseRange(
        system,
        messages,
        before,
        Math.floor(window * targetRatio),
        emit,
        signal,
      );
    }
    this.last = { first: messages[0], count: messages.length };
    if (done) emit({ type: 'memory-compressed', agentId, scope: 'conversation', ...done });
    return done;
  }

  private async summariseRange(
    system: string,
    messages: ModelMessage[],
    before: number,
    target: number,
    emit: (event: EventInput) => void,
    signal: AbortSignal,
  ): Promise<Compaction | undefined> {
    // The provider's count includes what the estimate cannot see (tool definitions, framing).
    const hidden = Math.max(0, before - estimateTokens(system, messages));
    const plan = planCompression({
      fixedTokens: estimateTextTokens(system) + hidden,
      messages,
      keepHead: 1,
      targetTokens: target,
    });
    if (!plan) return undefined;
    const range = messages.slice(plan.start, plan.end);
    let summary: string;
    try {
      summary = await this.options.summarise(transcript(range), plan.summaryTokens, signal);
      if (!summary) throw new Error('the summary came back empty');
    } catch (error) {
      if (signal.aborted) throw error;
      this.failedAt = messages.length;
      emit({
        type: 'notice',
        level: 'warning',
        agentId: this.options.agentId,
        message: `memory: could not compress the conversation (${errorText(error)}); going on uncompressed`,
      });
      return undefined;
    }
    messages.splice(plan.start, range.length, summaryMessage(summary));
    const after = hidden + estimateTokens(system, messages);
    return { beforeTokens: before, afterTokens: after, messagesSummarised: range.length };
  }
}
