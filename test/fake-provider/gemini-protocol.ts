/**
 * Google Gemini API (`POST …/models/<model>:generateContent` and
 * `:streamGenerateContent`, SSE with `?alt=sse`, a streamed JSON array without).
 * Reasoning goes out as `{text, thought: true}` parts, tool calls as whole
 * `{functionCall: {name, args}}` parts.
 *
 * Gemini carries function arguments as a JSON object, never as text, so a scenario's
 * verbatim (possibly malformed) argument string is sent parsed when it is a JSON object
 * and as `{}` otherwise: a call whose required arguments are missing, the realistic Gemini
 * fault that fails the tool's input schema (the AI SDK reports it as an invalid tool call).
 */
import { geminiError } from './error-replies.js';
import { contentText, type NormalisedBody, type ProtocolHandler, type RouteMatch } from './protocol.js';
import {
  argsObject,
  type PlannedToolCall,
  planToolCalls,
  type ResolvedUsage,
  randomBase64,
  randomId,
  resolveUsage,
  textChunks,
} from './reply-parts.js';
import type { FakeMessage, FakeReply, FakeRequest } from './scenario.js';
import { jsonArrayFrames, sseFrame } from './sse.js';

// biome-ignore lint/suspicious/noExplicitAny: raw JSON parts
function readContent(role: string, parts: any[], messages: FakeMessage[]): void {
  const texts: string[] = [];
  const toolCalls: NonNullable<FakeMessage['toolCalls']> = [];
  for (const part of parts) {
    if (typeof part?.text === 'string' && part.thought !== true && part.text.length > 0)
      texts.push(part.text);
    if (part?.functionCall != null) {
      const call = part.functionCall;
      toolCalls.push({
        id: String(call.id ?? ''),
        name: String(call.name),
        args: JSON.stringify(call.args ?? {}),
      });
    }
    if (part?.functionResponse != null) {
      const result = part.functionResponse;
      const content = result.response?.content;
      messages.push({
        role: 'tool',
        text: typeof content === 'string' ? content : JSON.stringify(result.response ?? {}),
        toolName: String(result.name),
        ...(typeof result.id === 'string' ? { toolCallId: result.id } : {}),
      });
    }
  }
  if (role === 'model') {
    messages.push({
      role: 'assistant',
      text: texts.join('\n'),
      ...(toolCalls.length > 0 ? { toolCalls } : {}),
    });
  } else if (texts.length > 0) {
    messages.push({ role: 'user', text: texts.join('\n') });
  }
}

// biome-ignore lint/suspicious/noExplicitAny: raw JSON body
function normalise(body: any, route: RouteMatch): NormalisedBody {
  const systemText = contentText(body?.systemInstruction?.parts);
  const messages: FakeMessage[] = [];
  for (const content of Array.isArray(body?.contents) ? body.contents : []) {
    readContent(
      String(content?.role ?? 'user'),
      Array.isArray(content?.parts) ? content.parts : [],
      messages,
    );
  }
  const tools: NormalisedBody['tools'] = [];
  const providerTools: unknown[] = [];
  for (const entry of Array.isArray(body?.tools) ? body.tools : []) {
    if (!Array.isArray(entry?.functionDeclarations)) {
      providerTools.push(entry);
      continue;
    }
    for (const declaration of entry.functionDeclarations) {
      tools.push({
        name: String(declaration.name),
        description: declaration.description,
        parameters: declaration.parameters ?? declaration.parametersJsonSchema,
      });
    }
  }
  return {
    model: route.pathModel ?? '',
    stream: route.pathStream === true,
    systemParts: systemText.length > 0 ? [systemText] : [],
    messages,
    tools,
    providerTools,
  };
}

function usageMetadata(usage: ResolvedUsage, final: boolean) {
  const prompt = {
    promptTokenCount: usage.input,
    promptTokensDetails: [{ modality: 'TEXT', tokenCount: usage.input }],
  };
  if (!final) return { ...prompt, totalTokenCount: usage.input };
  return {
    ...prompt,
    candidatesTokenCount: usage.output - usage.reasoning,
    totalTokenCount: usage.input + usage.output,
    ...(usage.reasoning > 0 ? { thoughtsTokenCount: usage.reasoning } : {}),
  };
}

function functionCallParts(reply: FakeReply, calls: PlannedToolCall[]): unknown[] {
  return calls.map((call, index) => ({
    functionCall: {
      ...(reply.toolCalls?.[index]?.id === undefined ? {} : { id: call.id }),
      name: call.name,
      args: argsObject(call),
    },
    ...(index === 0 ? { thoughtSignature: randomBase64() } : {}),
  }));
}

/** Response chunks: one per reasoning or text delta, then all function calls in one chunk. */
function buildChunks(req: FakeRequest, reply: FakeReply, streamed: boolean): unknown[] {
  const calls = planToolCalls(reply, () => randomId('call_'));
  const usage = resolveUsage(req, reply, calls);
  const split = (text: string) => (streamed ? textChunks(text) : text ? [text] : []);
  const partLists: unknown[][] = [
    ...split(reply.reasoning ?? '').map((text) => [{ text, thought: true }]),
    ...split(reply.text ?? '').map((text) => [{ text }]),
  ];
  if (calls.length > 0) partLists.push(functionCallParts(reply, calls));
  if (!streamed) partLists.splice(0, partLists.length, partLists.flat());
  if (partLists.length === 0) partLists.push([{ text: '' }]);
  const shared = { modelVersion: req.model, responseId: randomId('', 22) };
  return partLists.map((parts, index) => {
    const final = index === partLists.length - 1;
    return {
      candidates: [
        { content: { parts, role: 'model' }, ...(final ? { finishReason: 'STOP' } : {}), index: 0 },
      ],
      usageMetadata: usageMetadata(usage, final),
      ...shared,
    };
  });
}

/** Gemini generateContent / streamGenerateContent handler. */
export const geminiProtocol: ProtocolHandler = {
  normalise,
  replyHeaders: (req, route): Record<string, string> =>
    req.stream && !route.jsonArrayStream
      ? { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' }
      : { 'content-type': 'application/json; charset=UTF-8' },
  streamFrames(req, reply, _state, route) {
    const chunks = buildChunks(req, reply, true);
    return route.jsonArrayStream
      ? jsonArrayFrames(chunks)
      : chunks.map((chunk) => sseFrame(chunk, undefined, '\r\n'));
  },
  json: (req, reply) => buildChunks(req, reply, false)[0],
  error: (fault, req) => geminiError(fault, req?.model),
};
