/**
 * Claude Code's message stream (the Agent SDK's `SDKMessage`s) as adapter events: streamed text and
 * thinking deltas, its own tool calls and their results, the usage of every model call, and the
 * outcome of the query.
 */
import type { AdapterEvents } from '../../types/agent-adapter.js';

/** The prefix of the workflow tools' names in Claude Code (`mcp__massgen__vote`). */
export const WORKFLOW_PREFIX = 'mcp__massgen__';

// biome-ignore lint/suspicious/noExplicitAny: the SDK's message union, read field by field
type Message = any;

/** Reads one query's messages into `events`; `outcome()` says how the query ended. */
export class MessageReader {
  private readonly events: AdapterEvents;
  private inputTokens = 0;
  private cachedTokens = 0;
  private readonly toolNames = new Map<string, string>();
  private readonly texts: string[] = [];
  private result: Message | undefined;
  private lastError: string | undefined;

  constructor(events: AdapterEvents) {
    this.events = events;
  }

  read(message: Message): void {
    if (message.parent_tool_use_id) return; // a subagent's messages: its parent's call shows it
    if (message.type === 'stream_event') this.streamEvent(message.event);
    else if (message.type === 'assistant') this.assistant(message);
    else if (message.type === 'user') this.user(message);
    else if (message.type === 'result') this.result = message;
  }

  private streamEvent(event: Message): void {
    if (event?.type === 'message_start') {
      const usage = event.message?.usage ?? {};
      this.cachedTokens = (usage.cache_read_input_tokens ?? 0) as number;
      this.inputTokens =
        ((usage.input_tokens ?? 0) as number) +
        this.cachedTokens +
        ((usage.cache_creation_input_tokens ?? 0) as number);
    } else if (event?.type === 'content_block_delta') {
      const delta = event.delta;
      if (delta?.type === 'text_delta') {
        this.texts.push(delta.text);
        this.events.text(delta.text);
      } else if (delta?.type === 'thinking_delta') this.events.reasoning(delta.thinking);
    } else if (event?.type === 'message_delta') {
      const usage = event.usage ?? {};
      const thinking = usage.output_tokens_details?.thinking_tokens;
      this.events.usage({
        inputTokens: this.inputTokens,
        outputTokens: (usage.output_tokens ?? 0) as number,
        ...(typeof thinking === 'number' && thinking > 0 ? { reasoningTokens: thinking } : {}),
        ...(this.cachedTokens > 0 ? { cachedInputTokens: this.cachedTokens } : {}),
      });
    }
  }

  private assistant(message: Message): void {
    if (message.error) this.lastError = String(message.error);
    for (const block of message.message?.content ?? []) {
      if (block?.type !== 'tool_use' || String(block.name).startsWith(WORKFLOW_PREFIX)) continue;
      this.toolNames.set(block.id, block.name);
      this.events.toolCall({ toolCallId: block.id, toolName: block.name, input: block.input ?? {} });
    }
  }

  private user(message: Message): void {
    const content = message.message?.content;
    if (!Array.isArray(content)) return;
    for (const block of content) {
      if (block?.type !== 'tool_result') continue;
      const toolName = this.toolNames.get(block.tool_use_id);
      if (toolName === undefined) continue;
      this.events.toolResult({
        toolCallId: block.tool_use_id,
        toolName,
        output: typeof block.content === 'string' ? block.content : block.content,
        isError: block.is_error === true,
      });
    }
  }

  /** The text of the query (its result, else what streamed), or why it failed. */
  outcome(): { ok: true; text: string } | { ok: false; message: string } {
    const result = this.result;
    if (result === undefined) {
      return {
        ok: false,
        message: `Claude Code ended without a result${this.lastError ? ` (${this.lastError})` : ''}`,
      };
    }
    if (result.subtype === 'success' && result.is_error !== true) {
      return {
        ok: true,
        text: typeof result.result === 'string' && result.result ? result.result : this.texts.join(''),
      };
    }
    const errors: string[] = Array.isArray(result.errors) ? result.errors : [];
    const detail = [
      this.lastError,
      result.api_error_status ? `HTTP ${result.api_error_status}` : undefined,
      ...errors,
      result.subtype === 'success' ? result.result : undefined,
    ].filter((part) => typeof part === 'string' && part !== '');
    return {
      ok: false,
      message: `Claude Code failed (${result.subtype}${detail.length ? `: ${detail.join('; ')}` : ''})`,
    };
  }
}
