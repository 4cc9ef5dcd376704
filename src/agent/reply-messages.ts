/**
 * The assistant messages of a reply, made fit to send back. A reply cut during reasoning holds a
 * reasoning part and nothing after it; sent back, OpenAI's Responses API rejects it ("Item 'rs_…' of
 * type 'reasoning' was provided without its required following item"), and no provider needs
 * reasoning that led to nothing. Trailing reasoning parts are dropped, and a message left empty.
 */
import type { AssistantModelMessage, ModelMessage } from 'ai';

function withoutTrailingReasoning(message: AssistantModelMessage): AssistantModelMessage | undefined {
  if (typeof message.content === 'string') return message;
  let end = message.content.length;
  while (end > 0 && message.content[end - 1]?.type === 'reasoning') end--;
  if (end === message.content.length) return message;
  return end === 0 ? undefined : { ...message, content: message.content.slice(0, end) };
}

/** `messages` without reasoning that no text or tool call follows. */
export function sendableReplyMessages(messages: ModelMessage[]): ModelMessage[] {
  const out: ModelMessage[] = [];
  for (const message of messages) {
    if (message.role !== 'assistant') {
      out.push(message);
      continue;
    }
    const kept = withoutTrailingReasoning(message);
    if (kept) out.push(kept);
  }
  return out;
}
