/**
 * Copilot session events as adapter events: streamed message and reasoning deltas, calls of its own
 * tools and their results (the workflow tools excepted: the engine reports those), and the usage of
 * each model call (`assistant.usage`). Errors it reports (`session.error`) fail the turn unless the
 * decision was made.
 */
import type { AdapterEvents } from '../../types/agent-adapter.js';

// biome-ignore lint/suspicious/noExplicitAny: the SDK's event union, read field by field
type Event = any;

const num = (value: unknown) => (typeof value === 'number' && value > 0 ? value : 0);

export class CopilotEventReader {
  private readonly events: AdapterEvents;
  private readonly workflow: ReadonlySet<string>;
  private readonly messages: string[] = [];
  /** Messages whose text came as deltas (their final `assistant.message` repeats it). */
  private readonly streamed = new Set<string>();
  /** Tool names by call id, for the permission requests (which carry only the call id). */
  readonly toolNames = new Map<string, string>();
  private error: string | undefined;
  /** The error was the provider refusing the key. */
  keyRefused = false;

  /** @param workflow the names of the workflow tools, whose calls the engine reports. */
  constructor(events: AdapterEvents, workflow: readonly string[]) {
    this.events = events;
    this.workflow = new Set(workflow);
  }

  read(event: Event): void {
    const data = event.data ?? {};
    switch (event.type) {
      case 'assistant.message_delta':
        this.streamed.add(String(data.messageId));
        this.events.text(String(data.deltaContent ?? ''));
        return;
      case 'assistant.message': {
        const content = String(data.content ?? '');
        if (content !== '') this.messages.push(content);
        if (!this.streamed.has(String(data.messageId))) this.events.text(content);
        return;
      }
      case 'assistant.reasoning_delta':
        this.events.reasoning(String(data.deltaContent ?? ''));
        return;
      case 'assistant.usage':
        this.events.usage({
          inputTokens: num(data.inputTokens),
          outputTokens: num(data.outputTokens),
          ...(num(data.reasoningTokens) ? { reasoningTokens: num(data.reasoningTokens) } : {}),
          ...(num(data.cacheReadTokens) ? { cachedInputTokens: num(data.cacheReadTokens) } : {}),
        });
        return;
      case 'tool.execution_start':
        this.toolNames.set(String(data.toolCallId), String(data.toolName));
        if (this.workflow.has(data.toolName)) return;
        this.events.toolCall({
          toolCallId: String(data.toolCallId),
          toolName: String(data.toolName),
          input: data.arguments ?? {},
        });
        return;
      case 'tool.execution_complete': {
        const toolName = this.toolNames.get(String(data.toolCallId));
        if (toolName === undefined || this.workflow.has(toolName)) return;
        this.events.toolResult({
          toolCallId: String(data.toolCallId),
          toolName,
          output: data.success
            ? (data.result?.content ?? '')
            : (data.error?.message ?? data.result?.content ?? ''),
          isError: data.success !== true,
        });
        return;
      }
      case 'session.error':
        // Its first line: the rest names Copilot's own variables (COPILOT_PROVIDER_API_KEY), not ours.
        this.error = String(data.message ?? data.errorType ?? 'error')
          .split('\n')[0]
          ?.trim();
        this.keyRefused =
          data.errorType === 'authentication' || data.statusCode === 401 || data.statusCode === 403;
        return;
      case 'session.warning':
        if (data.message) this.events.warning(`Copilot: ${String(data.message)}`);
        return;
      default:
    }
  }

  /** The agent's messages of the turn. */
  text(): string {
    return this.messages.join('\n\n');
  }

  /** Why the turn failed, when Copilot reported an error. */
  failure(): string | undefined {
    return this.error === undefined ? undefined : `Copilot failed: ${this.error}`;
  }
}
