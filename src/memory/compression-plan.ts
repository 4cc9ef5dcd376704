/**
 * Which part of a conversation to summarise: everything between the protected head (the first user
 * message: task and answers) and the most recent messages that fit the target size. Pure.
 *
 * A cut never separates a tool call from its result: the kept tail never starts with a tool message,
 * so every tool result kept verbatim has its call kept too, and every call summarised has its result
 * summarised with it.
 */
import type { ModelMessage } from 'ai';
import { estimateMessageTokens } from './tokens.js';

/** Smallest summary budget worth asking for. */
const MIN_SUMMARY_TOKENS = 128;
/** Share of the free budget given to the summary; the rest keeps recent messages verbatim. */
const SUMMARY_SHARE = 0.35;

export interface PlanInput {
  /** Tokens of everything not in `messages` (system prompt, tool definitions). */
  fixedTokens: number;
  messages: readonly ModelMessage[];
  /** Leading messages always kept verbatim (1: the first user message). */
  keepHead: number;
  /** Size to compress down to. */
  targetTokens: number;
  /** Whether the kept tail may start at this message; default: any message but a tool result. */
  canStartTail?: (message: ModelMessage) => boolean;
}

export interface CompressionPlan {
  /** First summarised message. */
  start: number;
  /** One past the last summarised message; messages from here on are kept. */
  end: number;
  /** Token budget of the summary. */
  summaryTokens: number;
}

const notToolResult = (m: ModelMessage) => m.role !== 'tool';

/** The range to summarise, or undefined when nothing can be gained. */
export function planCompression(input: PlanInput): CompressionPlan | undefined {
  const { messages, keepHead } = input;
  const canStart = input.canStartTail ?? notToolResult;
  let head = input.fixedTokens;
  for (const m of messages.slice(0, keepHead)) head += estimateMessageTokens(m);
  const free = Math.max(0, input.targetTokens - head);
  const summaryTokens = Math.max(MIN_SUMMARY_TOKENS, Math.floor(free * SUMMARY_SHARE));
  const tailBudget = Math.max(0, free - summaryTokens);

  // The earliest cut whose tail fits; with none, everything after the head is summarised.
  let end = messages.length;
  let tail = 0;
  for (let k = messages.length - 1; k > keepHead; k--) {
    tail += estimateMessageTokens(messages[k]!);
    if (tail > tailBudget) break;
    if (canStart(messages[k]!)) end = k;
  }
  if (end - keepHead < 1) return undefined;
  // A lone earlier summary gains nothing by being summarised again.
  if (end - keepHead === 1 && isSummary(messages[keepHead]!)) return undefined;
  return { start: keepHead, end, summaryTokens };
}

const SUMMARY_OPEN = '<SUMMARY OF EARLIER CONVERSATION>';
const SUMMARY_CLOSE = '<END OF SUMMARY OF EARLIER CONVERSATION>';

/** The message that replaces the summarised range. */
export function summaryMessage(summary: string): ModelMessage {
  return {
    role: 'user',
    content: `${SUMMARY_OPEN}\nEarlier messages of this conversation were condensed to save context; this is their summary.\n\n${summary.trim()}\n${SUMMARY_CLOSE}`,
  };
}

/** Whether a message is a summary made by {@link summaryMessage}. */
export function isSummary(message: ModelMessage): boolean {
  return typeof message.content === 'string' && message.content.startsWith(SUMMARY_OPEN);
}

/** The summarised messages as a transcript for the summariser. */
export function transcript(messages: readonly ModelMessage[]): string {
  return messages
    .map((m) => {
      if (typeof m.content === 'string') return `[${m.role}]\n${m.content}`;
      const parts = m.content.map((p) => {
        if (p.type === 'tool-call')
          return `[tool call ${p.toolName} #${p.toolCallId}] ${JSON.stringify(p.input)}`;
        if (p.type === 'tool-result')
          return `[tool result ${p.toolName} #${p.toolCallId}] ${JSON.stringify(p.output)}`;
        if (p.type === 'text' || p.type === 'reasoning') return p.text;
        return `[${p.type}]`;
      });
      return `[${m.role}]\n${parts.join('\n')}`;
    })
    .join('\n\n');
}
