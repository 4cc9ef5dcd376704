/** The content of a user message that carries the question: the agent's attachments, then the text. */
import type { UserContent } from 'ai';
import type { AgentRuntime } from '../types/agent-runtime.js';

/** `text` alone, or the agent's attachment parts followed by `text`. */
export function userContent(agent: Pick<AgentRuntime, 'attachments'>, text: string): UserContent {
  if (!agent.attachments || agent.attachments.length === 0) return text;
  return [...agent.attachments, { type: 'text', text }];
}
