/**
 * Protocol-independent pieces of a reply: ids, text and argument chunking,
 * tool-call argument text, and token usage with estimated defaults.
 */
import { randomBytes } from 'node:crypto';
import type { FakeMessage, FakeReply, FakeRequest } from './scenario.js';

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** `prefix` followed by `length` random alphanumeric characters (or hex digits). */
export function randomId(prefix: string, length = 24, hex = false): string {
  const bytes = randomBytes(length);
  let out = prefix;
  for (const byte of bytes) out += hex ? (byte % 16).toString(16) : ALPHANUMERIC[byte % ALPHANUMERIC.length];
  return out;
}

/** Random base64 text, used for opaque signatures. */
export function randomBase64(bytes = 48): string {
  return randomBytes(bytes).toString('base64');
}

/** Splits text into word-sized deltas (each word keeps its trailing whitespace); '' gives []. */
export function textChunks(text: string): string[] {
  return text.match(/\s*\S+\s*|\s+/g) ?? [];
}

/** Splits text into at most `count` consecutive, non-empty fragments. */
export function fragments(text: string, count = 4): string[] {
  if (text.length === 0) return [];
  const size = Math.max(1, Math.ceil(text.length / count));
  const out: string[] = [];
  for (let start = 0; start < text.length; start += size) out.push(text.slice(start, start + size));
  return out;
}

/** A tool call of a reply with its final id and arguments text. */
export interface PlannedToolCall {
  id: string;
  name: string;
  /** Arguments as sent on JSON-text protocols: verbatim when the scenario gave a string. */
  argsText: string;
  /** True when the scenario gave the arguments as a string (possibly malformed JSON). */
  verbatim: boolean;
}

/** Gives every tool call of `reply` an id (`makeId` unless the scenario set one) and its arguments text. */
export function planToolCalls(reply: FakeReply, makeId: () => string): PlannedToolCall[] {
  return (reply.toolCalls ?? []).map((call) => ({
    id: call.id ?? makeId(),
    name: call.name,
    argsText: typeof call.args === 'string' ? call.args : JSON.stringify(call.args ?? {}),
    verbatim: typeof call.args === 'string',
  }));
}

/**
 * Tool input as a JSON object, for places where the API sends parsed input (non-streamed Anthropic
 * `tool_use` blocks, Gemini `functionCall.args`): verbatim text that is not a JSON object becomes `{}`, a call with its
 * arguments missing, which fails the tool's input schema like malformed JSON would.
 */
export function argsObject(call: PlannedToolCall): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(call.argsText);
    if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed))
      return parsed as Record<string, unknown>;
  } catch {
    // not JSON: fall through
  }
  return {};
}

/** Rough token count of a text: one token per four characters, at least one for non-empty text. */
export function estimateTokens(text: string): number {
  return text.length === 0 ? 0 : Math.max(1, Math.ceil(text.length / 4));
}

function messageText(message: FakeMessage): string {
  const calls = (message.toolCalls ?? []).map((call) => call.name + call.args).join('');
  return message.text + calls;
}

/** Resolved token usage; `output` includes `reasoning`. */
export interface ResolvedUsage {
  input: number;
  output: number;
  reasoning: number;
}

/** Usage of a reply: the scenario's numbers, or estimates from the request and reply texts (never zero). */
export function resolveUsage(
  req: FakeRequest,
  reply: FakeReply,
  toolCalls: PlannedToolCall[],
): ResolvedUsage {
  const promptText = req.system + req.messages.map(messageText).join('');
  const input = reply.usage?.inputTokens ?? Math.max(1, estimateTokens(promptText));
  const reasoning = reply.usage?.reasoningTokens ?? estimateTokens(reply.reasoning ?? '');
  const visible =
    estimateTokens(reply.text ?? '') + estimateTokens(toolCalls.map((c) => c.name + c.argsText).join(''));
  const output = reply.usage?.outputTokens ?? Math.max(1, visible + reasoning);
  return { input, output, reasoning: Math.min(reasoning, output) };
}

/** Seconds since the epoch, as the APIs put in `created` fields. */
export function unixNow(): number {
  return Math.floor(Date.now() / 1000);
}
