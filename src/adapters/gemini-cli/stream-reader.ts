/**
 * The Gemini CLI's `--output-format stream-json` lines as adapter events. One JSON object a line:
 * `init` (session id, model), `message` (the user's prompt, then the assistant's text as deltas),
 * `tool_use` / `tool_result` (its own tools and MCP tools; the workflow server's are left to the
 * engine), `error` (a warning, or with `severity: "error"` a failure) and `result` (the turn's end,
 * with `status` and the total token `stats`).
 */
import type { TokenUsage } from '../../events/types.js';
import type { AdapterEvents } from '../../types/agent-adapter.js';
import { WORKFLOW_SERVER } from './settings.js';

// biome-ignore lint/suspicious/noExplicitAny: one parsed line of the CLI's output, read field by field
type Line = any;

const WORKFLOW_TOOL = new RegExp(`^mcp_${WORKFLOW_SERVER}_`);

export class GeminiStreamReader {
  private readonly events: AdapterEvents;
  private readonly texts: string[] = [];
  private readonly toolNames = new Map<string, string>();
  private failed: string | undefined;
  /** The session id the CLI reported (`init`). */
  sessionId: string | undefined;
  /** Whether the turn's `result` line came. */
  ended = false;
  /** The turn's total usage, from `result` (absent when the turn was ended at its decision). */
  totalUsage: TokenUsage | undefined;

  constructor(events: AdapterEvents) {
    this.events = events;
  }

  /** Reads one line of output; lines that are not JSON events (stray logs) are ignored. */
  readLine(raw: string): void {
    const text = raw.trim();
    if (!text.startsWith('{')) return;
    let line: Line;
    try {
      line = JSON.parse(text);
    } catch {
      return;
    }
    this.read(line);
  }

  private read(line: Line): void {
    switch (line.type) {
      case 'init':
        if (typeof line.session_id === 'string') this.sessionId = line.session_id;
        return;
      case 'message':
        if (line.role === 'assistant' && typeof line.content === 'string' && line.content !== '') {
          this.texts.push(line.content);
          this.events.text(line.content);
        }
        return;
      case 'tool_use':
        this.toolUse(line);
        return;
      case 'tool_result':
        this.toolResult(line);
        return;
      case 'error':
        if (line.severity === 'error') this.failed = String(line.message ?? 'error');
        else this.events.warning(`Gemini CLI: ${String(line.message ?? 'warning')}`);
        return;
      case 'result':
        this.result(line);
        return;
    }
  }

  private toolUse(line: Line): void {
    const name = String(line.tool_name ?? '');
    const id = String(line.tool_id ?? name);
    if (WORKFLOW_TOOL.test(name)) return;
    this.toolNames.set(id, name);
    this.events.toolCall({ toolCallId: id, toolName: name, input: line.parameters ?? {} });
  }

  private toolResult(line: Line): void {
    const id = String(line.tool_id ?? '');
    const name = this.toolNames.get(id);
    if (name === undefined) return; // a workflow call, or one never announced
    const isError = line.status === 'error';
    const output = isError ? (line.error?.message ?? line.output ?? 'error') : (line.output ?? '');
    this.events.toolResult({ toolCallId: id, toolName: name, output, isError });
  }

  private result(line: Line): void {
    this.ended = true;
    if (line.status === 'error') this.failed ??= String(line.error?.message ?? 'the turn failed');
    const stats = line.stats;
    if (stats && typeof stats === 'object') {
      const count = (key: string) => (typeof stats[key] === 'number' ? (stats[key] as number) : 0);
      this.totalUsage = {
        inputTokens: count('input_tokens'),
        outputTokens: count('output_tokens'),
        ...(count('cached') > 0 ? { cachedInputTokens: count('cached') } : {}),
      };
    }
  }

  /** The assistant's text of the turn. */
  text(): string {
    return this.texts.join('');
  }

  /** Why the turn failed, when it did. */
  failure(): string | undefined {
    return this.failed === undefined ? undefined : `Gemini CLI failed: ${this.failed}`;
  }
}
