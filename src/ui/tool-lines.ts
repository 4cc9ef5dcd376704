/** One display line per tool event (`tool-call`, `tool-result`, `tool-server-status`), for the printers. */
import type { EventOf } from '../events/types.js';
import { preview } from './terminal-text.js';

/** Workflow tools: shown through their own events (answer, vote, post-evaluation), not as tool calls. */
const WORKFLOW = new Set(['new_answer', 'vote', 'submit', 'restart_orchestration']);

const text = (value: unknown): string => (typeof value === 'string' ? value : (JSON.stringify(value) ?? ''));

/** The line for a tool call, or undefined for a workflow tool. */
export function toolCallLine(event: EventOf<'tool-call'>): string | undefined {
  if (WORKFLOW.has(event.toolName)) return undefined;
  const args = text(event.input);
  return `🔧 [${event.agentId}] ${event.toolName}${args && args !== '{}' ? ` ${preview(args, 100)}` : ''}`;
}

/** The line for a tool result, or undefined for a workflow tool. */
export function toolResultLine(event: EventOf<'tool-result'>): string | undefined {
  if (WORKFLOW.has(event.toolName)) return undefined;
  const output = preview(text(event.output), 160);
  return event.isError
    ? `   ↳ [${event.agentId}] ✗ ${output}`
    : `   ↳ [${event.agentId}] ${event.toolName} → ${output}`;
}

/** The line for an MCP server's change of state (a first start attempt is not shown). */
export function toolServerLine(event: EventOf<'tool-server-status'>): string | undefined {
  const who = `[${event.agentId}] MCP server "${event.server}"`;
  const error = event.error ? preview(event.error, 200) : '';
  switch (event.status) {
    case 'starting':
      return (event.attempt ?? 1) > 1
        ? `🔌 ${who} starting again (attempt ${event.attempt}): ${error}`
        : undefined;
    case 'ready':
      return `🔌 ${who} ready: ${event.tools?.length ?? 0} tool${event.tools?.length === 1 ? '' : 's'}`;
    case 'failed':
      return `⚠️ ${who} failed to start: ${error} — the agent goes on without its tools`;
    case 'removed':
      return `⚠️ ${who} stopped: ${error}`;
    case 'circuit-open':
      return `⚠️ ${who} unavailable: ${error}`;
    case 'circuit-closed':
      return `🔌 ${who} answers again`;
  }
}

/** The line for how an MCP server's question to the user was answered. */
export function elicitationLine(event: EventOf<'elicitation-response'>): string {
  const who = `[${event.agentId}] MCP server "${event.server}"`;
  const how =
    event.action === 'accept'
      ? `answered (${event.fields?.length ? event.fields.join(', ') : 'defaults'})`
      : event.action === 'decline'
        ? `declined${event.reason ? ` (${event.reason})` : ''}`
        : 'dismissed';
  return `❓ ${who} asked the user for input: ${how}`;
}
