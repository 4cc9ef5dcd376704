/**
 * An agent's stream as a bounded list of items: text and reasoning deltas merge into the item they
 * continue, tool results complete their call, and the oldest items go first when the list is full,
 * so a long run keeps the page's memory flat.
 */
import type { AgentState, StreamItem } from './run-state.js';

/** Items kept per agent. */
export const MAX_ITEMS = 300;
/** Characters kept of one text or reasoning item (its tail). */
export const MAX_ITEM_TEXT = 60_000;
/** A text item is cut back to {@link MAX_ITEM_TEXT} once it is this much longer (not on every delta). */
const SLACK = 8_000;

/** Appends streamed text or reasoning, merging it into the last item when it continues it. */
export function appendStream(agent: AgentState, kind: 'text' | 'reasoning', text: string): AgentState {
  if (text === '') return agent;
  const last = agent.items[agent.items.length - 1];
  if (last !== undefined && last.kind === kind) {
    const joined = last.text + text;
    const merged = joined.length > MAX_ITEM_TEXT + SLACK ? joined.slice(-MAX_ITEM_TEXT) : joined;
    const items = agent.items.slice(0, -1);
    items.push({ kind, text: merged });
    return { ...agent, items };
  }
  return pushItem(agent, { kind, text: text.slice(-MAX_ITEM_TEXT) });
}

/** Adds an item at the end, dropping the oldest beyond {@link MAX_ITEMS}. */
export function pushItem(agent: AgentState, item: StreamItem): AgentState {
  const items = [...agent.items, item];
  const over = items.length - MAX_ITEMS;
  if (over <= 0) return { ...agent, items };
  return { ...agent, items: items.slice(over), dropped: agent.dropped + over };
}

/** Completes the tool call item of `toolCallId` with its result (a result without its call is added). */
export function completeTool(
  agent: AgentState,
  result: { toolCallId: string; toolName: string; output: unknown; isError: boolean },
): AgentState {
  for (let i = agent.items.length - 1; i >= 0; i--) {
    const item = agent.items[i]!;
    if (item.kind === 'tool' && item.toolCallId === result.toolCallId) {
      const items = agent.items.slice();
      items[i] = { ...item, output: result.output, isError: result.isError };
      return { ...agent, items };
    }
  }
  return pushItem(agent, { kind: 'tool', input: undefined, ...result });
}
