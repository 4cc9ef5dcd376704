/**
 * Codex's thread events as adapter events: its messages and reasoning, its commands, file changes
 * and MCP calls (the workflow server's excepted) as tool calls and results; the turn's total usage
 * is kept for when the rollout has no per-call usage (see rollout-usage.ts).
 */
import type { TokenUsage } from '../../events/types.js';
import type { AdapterEvents } from '../../types/agent-adapter.js';

// biome-ignore lint/suspicious/noExplicitAny: the SDK's event union, read field by field
type Event = any;

export class CodexEventReader {
  private readonly events: AdapterEvents;
  private readonly texts: string[] = [];
  private readonly started = new Set<string>();
  private failed: string | undefined;
  /** The turn's total usage, from `turn.completed` (absent when the turn was ended at its decision). */
  turnUsage: TokenUsage | undefined;

  constructor(events: AdapterEvents) {
    this.events = events;
  }

  read(event: Event): void {
    if (event.type === 'item.started') this.start(event.item);
    else if (event.type === 'item.completed') this.complete(event.item);
    else if (event.type === 'turn.completed') {
      this.failed = undefined; // errors it recovered from (a reconnect) do not fail the turn
      const usage = event.usage ?? {};
      this.turnUsage = {
        inputTokens: usage.input_tokens ?? 0,
        outputTokens: usage.output_tokens ?? 0,
        ...(usage.reasoning_output_tokens ? { reasoningTokens: usage.reasoning_output_tokens } : {}),
        ...(usage.cached_input_tokens ? { cachedInputTokens: usage.cached_input_tokens } : {}),
      };
    } else if (event.type === 'turn.failed') this.failed = String(event.error?.message ?? 'the turn failed');
    else if (event.type === 'error') this.failed = String(event.message ?? 'error');
  }

  private call(item: Event): { toolName: string; input: unknown } | undefined {
    if (item.type === 'command_execution')
      return { toolName: 'command_execution', input: { command: item.command } };
    if (item.type === 'file_change') return { toolName: 'file_change', input: { changes: item.changes } };
    if (item.type === 'web_search') return { toolName: 'web_search', input: { query: item.query } };
    if (item.type === 'mcp_tool_call' && item.server !== 'massgen') {
      return { toolName: `mcp__${item.server}__${item.tool}`, input: item.arguments ?? {} };
    }
    return undefined;
  }

  private start(item: Event): void {
    const call = this.call(item);
    if (!call || this.started.has(item.id)) return;
    this.started.add(item.id);
    this.events.toolCall({ toolCallId: item.id, ...call });
  }

  private complete(item: Event): void {
    if (item.type === 'agent_message') {
      this.texts.push(String(item.text ?? ''));
      this.events.text(String(item.text ?? ''));
      return;
    }
    if (item.type === 'reasoning') {
      this.events.reasoning(String(item.text ?? ''));
      return;
    }
    const call = this.call(item);
    if (!call) return;
    this.start(item);
    const isError = item.status === 'failed' || (typeof item.exit_code === 'number' && item.exit_code !== 0);
    const output =
      item.type === 'command_execution'
        ? (item.aggregated_output ?? '')
        : item.type === 'mcp_tool_call'
          ? (item.error?.message ?? item.result?.content ?? null)
          : item.status;
    this.events.toolResult({ toolCallId: item.id, toolName: call.toolName, output, isError });
  }

  /** The agent's messages of the turn. */
  text(): string {
    return this.texts.join('\n\n');
  }

  /** Why the turn failed, when it did. */
  failure(): string | undefined {
    return this.failed === undefined ? undefined : `Codex failed: ${this.failed}`;
  }
}
