/**
 * How each protocol says a reply ended, from a scenario's {@link FakeReply.finishReason}: the
 * happy endings (stop, tool calls) and the others (output limit, content filter, malformed call).
 */
import type { FakeReply } from './scenario.js';

/** Throws for a finish reason the protocol has no way to send. */
function unsupported(reply: FakeReply, protocol: string): never {
  throw new Error(`finishReason '${reply.finishReason}' does not exist on the ${protocol} protocol`);
}

/** Chat Completions `finish_reason`. */
export function chatFinishReason(reply: FakeReply, hasCalls: boolean): string {
  if (reply.finishReason === 'length') return 'length';
  if (reply.finishReason === 'content-filter') return 'content_filter';
  if (reply.finishReason === 'malformed-function-call') unsupported(reply, 'Chat Completions');
  return hasCalls ? 'tool_calls' : 'stop';
}

/** How a Responses API reply ends: its terminal event, response status and `incomplete_details`. */
export interface ResponsesFinish {
  event: 'response.completed' | 'response.incomplete';
  status: 'completed' | 'incomplete';
  incompleteDetails: { reason: 'max_output_tokens' | 'content_filter' } | null;
}

export function responsesFinish(reply: FakeReply): ResponsesFinish {
  if (reply.finishReason === 'malformed-function-call') unsupported(reply, 'Responses');
  if (reply.finishReason === undefined)
    return { event: 'response.completed', status: 'completed', incompleteDetails: null };
  const reason = reply.finishReason === 'length' ? 'max_output_tokens' : 'content_filter';
  return { event: 'response.incomplete', status: 'incomplete', incompleteDetails: { reason } };
}

/** A reply cut while the model was still reasoning: only the reasoning item is output. */
export function cutDuringReasoning(reply: FakeReply): boolean {
  return (
    reply.finishReason === 'length' &&
    Boolean(reply.reasoning) &&
    !reply.text &&
    (reply.toolCalls?.length ?? 0) === 0
  );
}

/** Anthropic `stop_reason` and, for a refusal, `stop_details`. */
export function anthropicStop(
  reply: FakeReply,
  hasCalls: boolean,
): { stop_reason: string; stop_details?: { type: string; category: string; explanation: string } } {
  if (reply.finishReason === 'length') return { stop_reason: 'max_tokens' };
  if (reply.finishReason === 'content-filter') {
    return {
      stop_reason: 'refusal',
      stop_details: {
        type: 'refusal',
        category: 'violent_extremism',
        explanation: 'A streaming classifier stopped this reply.',
      },
    };
  }
  if (reply.finishReason === 'malformed-function-call') unsupported(reply, 'Anthropic Messages');
  return { stop_reason: hasCalls ? 'tool_use' : 'end_turn' };
}

/** Gemini `finishReason` of the last candidate, with what comes with it. */
export interface GeminiFinish {
  finishReason: string;
  /** The candidate carries no content (blocked output, malformed call). */
  withholdContent: boolean;
  extra: Record<string, unknown>;
}

const BLOCKED_RATINGS = [
  { category: 'HARM_CATEGORY_HATE_SPEECH', probability: 'NEGLIGIBLE' },
  { category: 'HARM_CATEGORY_DANGEROUS_CONTENT', probability: 'HIGH', blocked: true },
  { category: 'HARM_CATEGORY_HARASSMENT', probability: 'NEGLIGIBLE' },
  { category: 'HARM_CATEGORY_SEXUALLY_EXPLICIT', probability: 'NEGLIGIBLE' },
];

export function geminiFinish(reply: FakeReply): GeminiFinish {
  if (reply.finishReason === 'length')
    return { finishReason: 'MAX_TOKENS', withholdContent: false, extra: {} };
  if (reply.finishReason === 'content-filter')
    return { finishReason: 'SAFETY', withholdContent: true, extra: { safetyRatings: BLOCKED_RATINGS } };
  if (reply.finishReason === 'malformed-function-call') {
    const call = reply.toolCalls?.[0];
    const text = call ? `print(default_api.${call.name}(${String(call.args).slice(0, 40)}` : 'print(';
    return {
      finishReason: 'MALFORMED_FUNCTION_CALL',
      withholdContent: true,
      extra: { finishMessage: `Malformed function call: ${text}` },
    };
  }
  return { finishReason: 'STOP', withholdContent: false, extra: {} };
}
