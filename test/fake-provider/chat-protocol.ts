/**
 * OpenAI Chat Completions (`POST …/chat/completions`), also spoken by xAI, Azure and
 * OpenAI-compatible servers. Streams `chat.completion.chunk` SSE data events ending in
 * `data: [DONE]`; reasoning goes out as `delta.reasoning_content`.
 */
import { chatRequestProblem } from './chat-rules.js';
import { chatFinishReason } from './finish-reasons.js';
import { openaiError, openaiHeaders } from './openai-errors.js';
import { contentHeaders, contentText, type NormalisedBody, type ProtocolHandler } from './protocol.js';
import {
  fragments,
  type PlannedToolCall,
  planToolCalls,
  type ResolvedUsage,
  randomId,
  resolveUsage,
  textChunks,
  unixNow,
} from './reply-parts.js';
import type { FakeMessage, FakeReply, FakeRequest } from './scenario.js';
import { sseFrame } from './sse.js';

/**
 * xAI streams every tool call whole in one delta (and `@ai-sdk/xai` requires id, type and name
 * in every tool-call delta); it also counts reasoning tokens outside `completion_tokens`.
 */
export function isGrokRequest(req: Pick<FakeRequest, 'model' | 'path' | 'headers'>): boolean {
  return (
    /^grok/i.test(req.model) ||
    /ai-sdk\/xai/.test(req.headers['user-agent'] ?? '') ||
    /\/xai\//.test(req.path)
  );
}

// biome-ignore lint/suspicious/noExplicitAny: raw JSON body
function normalise(body: any, route: { pathModel?: string }): NormalisedBody {
  const systemParts: string[] = [];
  const messages: FakeMessage[] = [];
  const toolNames = new Map<string, string>();
  for (const message of Array.isArray(body?.messages) ? body.messages : []) {
    const text = contentText(message?.content);
    if (message?.role === 'system' || message?.role === 'developer') {
      systemParts.push(text);
    } else if (message?.role === 'user') {
      messages.push({ role: 'user', text });
    } else if (message?.role === 'assistant') {
      // biome-ignore lint/suspicious/noExplicitAny: raw JSON
      const toolCalls = (message.tool_calls ?? []).map((call: any) => ({
        id: String(call?.id ?? ''),
        name: String(call?.function?.name ?? ''),
        args: String(call?.function?.arguments ?? ''),
      }));
      for (const call of toolCalls) toolNames.set(call.id, call.name);
      messages.push({ role: 'assistant', text, ...(toolCalls.length > 0 ? { toolCalls } : {}) });
    } else if (message?.role === 'tool') {
      const toolCallId = String(message.tool_call_id ?? '');
      const toolName = toolNames.get(toolCallId);
      messages.push({ role: 'tool', text, toolCallId, ...(toolName === undefined ? {} : { toolName }) });
    }
  }
  const allTools: unknown[] = Array.isArray(body?.tools) ? body.tools : [];
  // biome-ignore lint/suspicious/noExplicitAny: raw JSON
  const isFunction = (tool: any) => tool?.type === 'function' && tool.function != null;
  const model = String(body?.model ?? route.pathModel ?? '');
  const problem = chatRequestProblem(body, model);
  return {
    ...(problem === undefined ? {} : { problem }),
    model,
    stream: body?.stream === true,
    systemParts,
    messages,
    // biome-ignore lint/suspicious/noExplicitAny: raw JSON
    tools: allTools.filter(isFunction).map((tool: any) => ({
      name: String(tool.function.name),
      description: tool.function.description,
      parameters: tool.function.parameters,
    })),
    providerTools: allTools.filter((tool) => !isFunction(tool)),
  };
}

function usageBody(usage: ResolvedUsage, grok: boolean) {
  const completion = grok ? usage.output - usage.reasoning : usage.output;
  return {
    prompt_tokens: usage.input,
    completion_tokens: completion,
    total_tokens: usage.input + usage.output,
    prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
    completion_tokens_details: {
      reasoning_tokens: usage.reasoning,
      audio_tokens: 0,
      accepted_prediction_tokens: 0,
      rejected_prediction_tokens: 0,
    },
  };
}

/** Running usage after chunk `index` of `count`: the prompt whole, the output so far (cumulative, never decreasing). */
function usageSoFar(usage: ResolvedUsage, index: number, count: number): ResolvedUsage {
  const share = (tokens: number) => Math.floor((tokens * (index + 1)) / (count + 1));
  return {
    input: usage.input,
    output: share(usage.output),
    reasoning: Math.min(share(usage.reasoning), share(usage.output)),
  };
}

function toolCallDeltas(calls: PlannedToolCall[], grok: boolean): Record<string, unknown>[] {
  return calls.flatMap((call, index) => {
    const whole = {
      index,
      id: call.id,
      type: 'function',
      function: { name: call.name, arguments: call.argsText },
    };
    if (grok) return [{ tool_calls: [whole] }];
    const start = { tool_calls: [{ ...whole, function: { name: call.name, arguments: '' } }] };
    const rest = fragments(call.argsText).map((fragment) => ({
      tool_calls: [{ index, function: { arguments: fragment } }],
    }));
    return [start, ...rest];
  });
}

/** Builds the delta objects of a streamed reply; the first one carries the assistant role. */
function deltas(reply: FakeReply, calls: PlannedToolCall[], grok: boolean): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  out.push(
    ...textChunks(reply.reasoning ?? '').map((piece) => ({ content: null, reasoning_content: piece })),
  );
  const text = textChunks(reply.text ?? '');
  if (text.length > 0) out.push({ content: '', refusal: null }, ...text.map((piece) => ({ content: piece })));
  out.push(...toolCallDeltas(calls, grok));
  if (out.length === 0) out.push({ content: '', refusal: null });
  out[0] = { role: 'assistant', content: null, ...out[0] };
  return out;
}

function completionMeta(req: FakeRequest) {
  return {
    id: randomId('chatcmpl-', 29),
    created: unixNow(),
    model: req.model,
    system_fingerprint: 'fp_fake0001',
  };
}

/** OpenAI Chat Completions handler (OpenAI, xAI, Azure, OpenAI-compatible clients). */
export const chatProtocol: ProtocolHandler = {
  normalise,
  replyHeaders: (req) => ({ ...openaiHeaders(), ...contentHeaders(req.stream) }),
  streamFrames(req, reply) {
    const grok = isGrokRequest(req);
    const calls = planToolCalls(reply, () => randomId('call_'));
    const includeUsage = req.body?.stream_options?.include_usage === true;
    const meta = { ...completionMeta(req), object: 'chat.completion.chunk', service_tier: 'default' };
    const chunk = (delta: unknown, finishReason: string | null = null) => ({
      ...meta,
      choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }],
      ...(includeUsage ? { usage: null } : {}),
    });
    const parts = deltas(reply, calls, grok);
    const running = includeUsage && reply.usageOnEveryChunk === true;
    const usage = resolveUsage(req, reply, calls);
    const frames = parts.map((delta, index) =>
      sseFrame(
        running
          ? { ...chunk(delta), usage: usageBody(usageSoFar(usage, index, parts.length), grok) }
          : chunk(delta),
      ),
    );
    const finish = chunk({}, chatFinishReason(reply, calls.length > 0));
    frames.push(sseFrame(running ? { ...finish, usage: usageBody(usage, grok) } : finish));
    if (includeUsage) frames.push(sseFrame({ ...meta, choices: [], usage: usageBody(usage, grok) }));
    frames.push(sseFrame('[DONE]'));
    return frames;
  },
  json(req, reply) {
    const grok = isGrokRequest(req);
    const calls = planToolCalls(reply, () => randomId('call_'));
    const text = reply.text ?? '';
    const message = {
      role: 'assistant',
      content: text.length > 0 || calls.length === 0 ? text : null,
      refusal: null,
      ...(reply.reasoning ? { reasoning_content: reply.reasoning } : {}),
      ...(calls.length > 0
        ? {
            tool_calls: calls.map((call) => ({
              id: call.id,
              type: 'function',
              function: { name: call.name, arguments: call.argsText },
            })),
          }
        : {}),
      annotations: [],
    };
    return {
      ...completionMeta(req),
      object: 'chat.completion',
      choices: [
        { index: 0, message, logprobs: null, finish_reason: chatFinishReason(reply, calls.length > 0) },
      ],
      usage: usageBody(resolveUsage(req, reply, calls), grok),
      service_tier: 'default',
    };
  },
  error: openaiError,
};
