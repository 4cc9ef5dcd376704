/**
 * Which media of a tool result (MCP `image` / `audio` blocks) each wire API takes back as parts of
 * the tool result: images on OpenAI Responses, Anthropic and Gemini, audio on Gemini. Chat
 * Completions tool messages are text only: there the media stay a line of text.
 */
import { wireApiOf } from './wire-api.js';

/** The media a tool result may carry to a model of this backend type. */
export function resultMediaOf(backendType: string): { image: boolean; audio: boolean } {
  const api = wireApiOf(backendType);
  return { image: api === 'responses' || api === 'anthropic' || api === 'gemini', audio: api === 'gemini' };
}
