/**
 * Anthropic Messages API (`POST …/messages`). Streams named SSE events: message_start,
 * content_block_start/delta/stop (thinking_delta + signature_delta, text_delta,
 * input_json_delta), ping, message_delta (stop_reason + usage) and message_stop.
 */
import { anthropicError } from './error-replies.js';
import { anthropicStop, cutDuringReasoning } from './finish-reasons.js';
import { contentHeaders, contentText, type NormalisedBody, type ProtocolHandler } from './protocol.js';
import {
  argsObject,
  fragments,
  type PlannedToolCall,
  planToolCalls,
  type ResolvedUsage,
  randomBase64,
  randomId,
  resolveUsage,
  textChunks,
} from './reply-parts.js';
import type { FakeMessage, FakeReply, FakeRequest } from './scenario.js';
import { sseFrame } from './sse.js';

// biome-ignore lint/suspicious/noExplicitAny: raw JSON content blocks
function readUser(content: any, messages: FakeMessage[], toolNames: Map<string, string>): void {
  const texts: string[] = [];
  for (const block of typeof content === 'string' ? [{ type: 'text', text: content }] : (content ?? [])) {
    if (block?.type === 'text') texts.push(String(block.text ?? ''));
    if (block?.type === 'tool_result') {
      const toolCallId = String(block.tool_use_id ?? '');
      const toolName = toolNames.get(toolCallId);
      const text = contentText(block.content);
      messages.push({ role: 'tool', text, toolCallId, ...(toolName === undefined ? {} : { toolName }) });
    }
  }
  if (texts.length > 0) messages.push({ role: 'user', text: texts.join('\n') });
}

// biome-ignore lint/suspicious/noExplicitAny: raw JSON content blocks
function readAssistant(content: any, messages: FakeMessage[], toolNames: Map<string, string>): void {
  const texts: string[] = [];
  const toolCalls: NonNullable<FakeMessage['toolCalls']> = [];
  for (const block of typeof content === 'string' ? [{ type: 'text', text: content }] : (content ?? [])) {
    if (block?.type === 'text') texts.push(String(block.text ?? ''));
    if (block?.type === 'tool_use') {
      const call = {
        id: String(block.id),
        name: String(block.name),
        args: JSON.stringify(block.input ?? {}),
      };
      toolNames.set(call.id, call.name);
      toolCalls.push(call);
    }
  }
  messages.push({
    role: 'assistant',
    text: texts.join('\n'),
    ...(toolCalls.length > 0 ? { toolCalls } : {}),
  });
}

// biome-ignore lint/suspicious/noExplicitAny: raw JSON body
function normalise(body: any): NormalisedBody {
  const system = body?.system;
  const systemParts =
    typeof system === 'string' ? [system] : Array.isArray(system) ? [contentText(system, '\n\n')] : [];
  const messages: FakeMessage[] = [];
  const toolNames = new Map<string, string>();
  for (const message of Array.isArray(body?.messages) ? body.messages : []) {
    if (message?.role === 'user') readUser(message.content, messages, toolNames);
    if (message?.role === 'assistant') readAssistant(message.content, messages, toolNames);
  }
  const allTools: unknown[] = Array.isArray(body?.tools) ? body.tools : [];
  // biome-ignore lint/suspicious/noExplicitAny: raw JSON
  const isCustom = (tool: any) =>
    (tool?.type === undefined || tool.type === 'custom') && tool?.input_schema != null;
  return {
    model: String(body?.model ?? ''),
    stream: body?.stream === true,
    systemParts: systemParts.filter((part) => part.length > 0),
    messages,
    // biome-ignore lint/suspicious/noExplicitAny: raw JSON
    tools: allTools.filter(isCustom).map((tool: any) => ({
      name: String(tool.name),
      description: tool.description,
      parameters: tool.input_schema,
    })),
    providerTools: allTools.filter((tool) => !isCustom(tool)),
  };
}

function usageBody(usage: ResolvedUsage) {
  return {
    input_tokens: usage.input,
    cache_creation_input_tokens: 0,
    cache_read_input_tokens: 0,
    output_tokens: usage.output,
    ...(usage.reasoning > 0 ? { output_tokens_details: { thinking_tokens: usage.reasoning } } : {}),
  };
}

type Block = { start: unknown; deltas: unknown[] };

function blocks(reply: FakeReply, calls: PlannedToolCall[]): Block[] {
  const out: Block[] = [];
  // Cut during thinking: the thinking block ends unsigned and nothing follows it.
  const cut = cutDuringReasoning(reply);
  if (reply.reasoning) {
    const thinking = textChunks(reply.reasoning).map((piece) => ({
      type: 'thinking_delta',
      thinking: piece,
    }));
    out.push({
      start: { type: 'thinking', thinking: '', signature: '' },
      deltas: cut ? thinking : [...thinking, { type: 'signature_delta', signature: randomBase64() }],
    });
  }
  if (reply.text || (calls.length === 0 && !cut)) {
    const text = textChunks(reply.text ?? '').map((piece) => ({ type: 'text_delta', text: piece }));
    out.push({ start: { type: 'text', text: '' }, deltas: text });
  }
  for (const call of calls) {
    const json = ['', ...fragments(call.argsText)].map((partial) => ({
      type: 'input_json_delta',
      partial_json: partial,
    }));
    out.push({ start: { type: 'tool_use', id: call.id, name: call.name, input: {} }, deltas: json });
  }
  return out;
}

const newToolId = () => randomId('toolu_01', 22);

function messageShell(req: FakeRequest) {
  return { id: randomId('msg_01', 22), type: 'message', role: 'assistant', model: req.model };
}

/** Anthropic Messages API handler. */
export const anthropicProtocol: ProtocolHandler = {
  normalise,
  replyHeaders: (req) => ({ ...contentHeaders(req.stream), 'request-id': randomId('req_011', 21) }),
  streamFrames(req, reply) {
    const calls = planToolCalls(reply, newToolId);
    const usage = resolveUsage(req, reply, calls);
    const events: unknown[] = [
      {
        type: 'message_start',
        message: {
          ...messageShell(req),
          content: [],
          stop_reason: null,
          stop_sequence: null,
          usage: {
            input_tokens: usage.input,
            cache_creation_input_tokens: 0,
            cache_read_input_tokens: 0,
            output_tokens: 1,
          },
        },
      },
    ];
    for (const [index, block] of blocks(reply, calls).entries()) {
      events.push({ type: 'content_block_start', index, content_block: block.start });
      if (index === 0) events.push({ type: 'ping' });
      for (const delta of block.deltas) events.push({ type: 'content_block_delta', index, delta });
      events.push({ type: 'content_block_stop', index });
    }
    events.push(
      {
        type: 'message_delta',
        delta: { ...anthropicStop(reply, calls.length > 0), stop_sequence: null },
        usage: usageBody(usage),
      },
      { type: 'message_stop' },
    );
    return events.map((event) => sseFrame(event, (event as { type: string }).type));
  },
  json(req, reply) {
    const calls = planToolCalls(reply, newToolId);
    const content: unknown[] = [];
    if (reply.reasoning)
      content.push({ type: 'thinking', thinking: reply.reasoning, signature: randomBase64() });
    if (reply.text || calls.length === 0) content.push({ type: 'text', text: reply.text ?? '' });
    for (const call of calls)
      content.push({ type: 'tool_use', id: call.id, name: call.name, input: argsObject(call) });
    return {
      ...messageShell(req),
      content,
      ...anthropicStop(reply, calls.length > 0),
      stop_sequence: null,
      usage: usageBody(resolveUsage(req, reply, calls)),
    };
  },
  error: anthropicError,
};
