/**
 * Errors inside a successful (HTTP 200) stream, each provider's own way, as documented:
 * - Anthropic: `event: error` with `{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}`;
 * - OpenAI Responses: an `error` event `{type:'error', code, message, param, sequence_number}`, or
 *   `response.failed` whose `response.error` is `{code, message}`;
 * - OpenAI Chat Completions: a data event `{"error":{message, type, param, code}}`, with no `[DONE]`;
 * - Gemini: a chunk `{"error":{code, message, status}}` (SSE, or an element of the streamed array).
 * The stream ends after the error event.
 */
import { anthropicMessage, geminiErrorObject } from './error-replies.js';
import type { RouteMatch } from './protocol.js';
import type { FakeStreamError, Protocol } from './scenario.js';
import { sseFrame } from './sse.js';

const OPENAI_MESSAGES: Record<string, string> = {
  server_error:
    'The server had an error processing your request. Sorry about that! You can retry your request.',
  rate_limit_exceeded: 'Rate limit reached. Please try again later.',
};

function openaiMessage(code: string): string {
  return OPENAI_MESSAGES[code] ?? 'An error occurred while processing your request.';
}

/** The `response` object of the stream's `response.created` event (its first frame). */
function createdResponse(frames: string[]): Record<string, unknown> {
  const data = /^data: (.*)$/m.exec(frames[0] ?? '')?.[1];
  const parsed = data ? (JSON.parse(data) as { response?: Record<string, unknown> }) : {};
  return parsed.response ?? {};
}

function errorFrame(
  protocol: Protocol,
  fault: FakeStreamError,
  frames: string[],
  sequence: number,
  route: RouteMatch,
): string {
  const { type } = fault;
  switch (protocol) {
    case 'anthropic': {
      const error = { type, message: fault.message ?? anthropicMessage(type, 500) };
      return sseFrame({ type: 'error', error }, 'error');
    }
    case 'responses': {
      const message = fault.message ?? openaiMessage(type);
      if (fault.event === 'response.failed') {
        const response = {
          ...createdResponse(frames),
          status: 'failed',
          error: { code: type, message },
        };
        return sseFrame({ type: 'response.failed', sequence_number: sequence, response }, 'response.failed');
      }
      return sseFrame(
        { type: 'error', code: type, message, param: null, sequence_number: sequence },
        'error',
      );
    }
    case 'chat':
      return sseFrame({
        error: { message: fault.message ?? openaiMessage(type), type, param: null, code: null },
      });
    case 'gemini': {
      const error = geminiErrorObject(type, fault.message);
      if (route.jsonArrayStream) return `${sequence === 0 ? '[' : ',\r\n'}${JSON.stringify({ error })}]`;
      return sseFrame({ error }, undefined, '\r\n');
    }
  }
}

/**
 * The frames of a streamed reply cut to `fault.afterChunks` (never the terminal one), followed by
 * the protocol's in-stream error event.
 */
export function withStreamError(
  protocol: Protocol,
  frames: string[],
  fault: FakeStreamError,
  route: RouteMatch,
): string[] {
  const kept = Math.max(0, Math.min(fault.afterChunks, frames.length - 1));
  // The terminal frame is never kept, so a streamed JSON array is still open: the error element closes it.
  return [...frames.slice(0, kept), errorFrame(protocol, fault, frames, kept, route)];
}
