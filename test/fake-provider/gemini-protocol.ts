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
import { geminiFinish } from './finish-reasons.js';
import { issueSignature, signatureProblem, validatesSignatures } from './gemini-signatures.js';
import {
  contentText,
  type NormalisedBody,
  type ProtocolHandler,
  type ProviderState,
  type RouteMatch,
} from './protocol.js';
import {
  argsObject,
  type PlannedToolCall,
  planToolCalls,
  type ResolvedUsage,
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
function normalise(body: any, route: RouteMatch, state: ProviderState): NormalisedBody {
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
  const problem = signatureProblem(body, route.pathModel ?? '', state);
  return {
    ...(problem === undefined ? {} : { problem }),
    model: route.pathModel ?? '',
    stream: route.pathStream === true,
    systemParts: systemText.length > 0 ? [systemText] : [],
    messages,
    tools,
    providerTools,
  };
}

/**
 * `usageMetadata` of chunk `index` of `count`: every chunk carries the running totals (the prompt
 * whole, the output so far), the last one the final counts.
 */
function usageMetadata(usage: ResolvedUsage, index: number, count: number) {
  const share = (tokens: number) => Math.floor((tokens * (index + 1)) / count);
  const reasoning = share(usage.reasoning);
  const output = Math.max(share(usage.output), reasoning);
  return {
    promptTokenCount: usage.input,
    ...(output - reasoning > 0 ? { candidatesTokenCount: output - reasoning } : {}),
    totalTokenCount: usage.input + output,
    promptTokensDetails: [{ modality: 'TEXT', tokenCount: usage.input }],
    ...(reasoning > 0 ? { thoughtsTokenCount: reasoning } : {}),
  };
}

function functionCallParts(
  reply: FakeReply,
  calls: PlannedToolCall[],
  state: ProviderState,
): Array<Record<string, unknown>> {
  return calls.map((call, index) => ({
    functionCall: {
      ...(reply.toolCalls?.[index]?.id === undefined ? {} : { id: call.id }),
      name: call.name,
      args: argsObject(call),
    },
    ...(index === 0 ? { thoughtSignature: issueSignature(state) } : {}),
  }));
}

/**
 * Response chunks: one per reasoning or text delta, then all function calls in one chunk. A Gemini 3
 * reply without function calls signs its last text part.
 */
function buildChunks(req: FakeRequest, reply: FakeReply, streamed: boolean, state: ProviderState): unknown[] {
  const finish = geminiFinish(reply);
  const calls = finish.withholdContent ? [] : planToolCalls(reply, () => randomId('call_'));
  const usage = resolveUsage(req, reply, calls);
  const split = (text: string) => (streamed ? textChunks(text) : text ? [text] : []);
  const textParts: Array<Record<string, unknown>> = split(reply.text ?? '').map((text) => ({ text }));
  const lastText = textParts.at(-1);
  if (lastText && calls.length === 0 && validatesSignatures(req.model) && !finish.withholdContent)
    lastText.thoughtSignature = issueSignature(state);
  const partLists: unknown[][] = [
    ...split(reply.reasoning ?? '').map((text) => [{ text, thought: true }]),
    ...textParts.map((part) => [part]),
  ];
  if (calls.length > 0) partLists.push(functionCallParts(reply, calls, state));
  // A blocked or malformed reply ends with a candidate that has no content (whole: only that one).
  if (!streamed) partLists.splice(0, partLists.length, ...(finish.withholdContent ? [] : [partLists.flat()]));
  if (finish.withholdContent) partLists.push([]);
  else if (partLists.length === 0) partLists.push([{ text: '' }]);
  const shared = { modelVersion: req.model, responseId: randomId('', 22) };
  return partLists.map((parts, index) => {
    const final = index === partLists.length - 1;
    const content = final && finish.withholdContent ? {} : { content: { parts, role: 'model' } };
    const ending = final ? { finishReason: finish.finishReason, ...finish.extra } : {};
    return {
      candidates: [{ ...content, ...ending, index: 0 }],
      usageMetadata: usageMetadata(usage, index, partLists.length),
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
  streamFrames(req, reply, state, route) {
    const chunks = buildChunks(req, reply, true, state);
    return route.jsonArrayStream
      ? jsonArrayFrames(chunks)
      : chunks.map((chunk) => sseFrame(chunk, undefined, '\r\n'));
  },
  json: (req, reply, state) => buildChunks(req, reply, false, state)[0],
  error: (fault, req) => geminiError(fault, req?.model),
};
