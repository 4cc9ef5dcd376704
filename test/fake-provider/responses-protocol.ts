/**
 * OpenAI Responses API (`POST …/responses`). Streams named SSE events
 * (`event: response.output_text.delta` …) each with a `sequence_number`, from
 * `response.created` to `response.completed`; the non-streamed body is the completed response.
 * Output items are stored (unless `store: false`) so later `item_reference` inputs and
 * `previous_response_id` resolve like on the real API.
 */
import { cutDuringReasoning, responsesFinish } from './finish-reasons.js';
import { openaiError, openaiHeaders } from './openai-errors.js';
import { contentHeaders, type ProtocolHandler, type ProviderState } from './protocol.js';
import { fragments, planToolCalls, randomId, resolveUsage, textChunks, unixNow } from './reply-parts.js';
import { normaliseResponsesBody } from './responses-input.js';
import { responsesRequestProblem } from './responses-rules.js';
import type { FakeMessage, FakeReply, FakeRequest } from './scenario.js';
import { sseFrame } from './sse.js';

type ResponsesEvent = { type: string } & Record<string, unknown>;

const hexId = (prefix: string) => randomId(prefix, 48, true);

function reasoningEvents(itemId: string, outputIndex: number, text: string): ResponsesEvent[] {
  const at = { item_id: itemId, output_index: outputIndex, summary_index: 0 };
  const done = { id: itemId, type: 'reasoning', summary: [{ type: 'summary_text', text }] };
  return [
    {
      type: 'response.output_item.added',
      output_index: outputIndex,
      item: { id: itemId, type: 'reasoning', summary: [] },
    },
    { type: 'response.reasoning_summary_part.added', ...at, part: { type: 'summary_text', text: '' } },
    ...textChunks(text).map((delta) => ({ type: 'response.reasoning_summary_text.delta', ...at, delta })),
    { type: 'response.reasoning_summary_text.done', ...at, text },
    { type: 'response.reasoning_summary_part.done', ...at, part: { type: 'summary_text', text } },
    { type: 'response.output_item.done', output_index: outputIndex, item: done },
  ];
}

function messageEvents(
  itemId: string,
  outputIndex: number,
  text: string,
  finalStatus = 'completed',
): ResponsesEvent[] {
  const at = { item_id: itemId, output_index: outputIndex, content_index: 0 };
  const part = (partText: string) => ({ type: 'output_text', annotations: [], logprobs: [], text: partText });
  const item = (status: string, content: unknown[]) => ({
    id: itemId,
    type: 'message',
    status,
    content,
    role: 'assistant',
  });
  return [
    { type: 'response.output_item.added', output_index: outputIndex, item: item('in_progress', []) },
    { type: 'response.content_part.added', ...at, part: part('') },
    ...textChunks(text).map((delta) => ({ type: 'response.output_text.delta', ...at, delta, logprobs: [] })),
    { type: 'response.output_text.done', ...at, text, logprobs: [] },
    { type: 'response.content_part.done', ...at, part: part(text) },
    { type: 'response.output_item.done', output_index: outputIndex, item: item(finalStatus, [part(text)]) },
  ];
}

/** A call of `<namespace>__<function>` of a `namespace` tool of the request goes out as `{namespace, name}`. */
function callName(req: FakeRequest, name: string): { name: string; namespace?: string } {
  for (const tool of req.providerTools as Array<{ type?: unknown; name?: unknown }>) {
    if (tool?.type !== 'namespace' || typeof tool.name !== 'string') continue;
    if (name.startsWith(`${tool.name}__`))
      return { namespace: tool.name, name: name.slice(tool.name.length + 2) };
  }
  return { name };
}

function functionCallEvents(
  req: FakeRequest,
  itemId: string,
  outputIndex: number,
  call: { id: string; name: string; argsText: string },
): ResponsesEvent[] {
  const at = { item_id: itemId, output_index: outputIndex };
  const item = (status: string, args: string) => ({
    id: itemId,
    type: 'function_call',
    status,
    arguments: args,
    call_id: call.id,
    ...callName(req, call.name),
  });
  return [
    { type: 'response.output_item.added', output_index: outputIndex, item: item('in_progress', '') },
    ...fragments(call.argsText).map((delta) => ({
      type: 'response.function_call_arguments.delta',
      ...at,
      delta,
    })),
    { type: 'response.function_call_arguments.done', ...at, arguments: call.argsText },
    { type: 'response.output_item.done', output_index: outputIndex, item: item('completed', call.argsText) },
  ];
}

/** The whole event sequence of a reply, numbered; remembers the output for later references. */
function buildEvents(req: FakeRequest, reply: FakeReply, state: ProviderState): ResponsesEvent[] {
  const calls = planToolCalls(reply, () => randomId('call_'));
  const usage = resolveUsage(req, reply, calls);
  const finish = responsesFinish(reply);
  const body = req.body ?? {};
  const responseId = hexId('resp_');
  const createdAt = unixNow();
  const response = (status: string, output: unknown[], usageBody: unknown) => ({
    id: responseId,
    object: 'response',
    created_at: createdAt,
    status,
    background: false,
    error: null,
    incomplete_details: status === finish.status ? finish.incompleteDetails : null,
    instructions: body.instructions ?? null,
    max_output_tokens: body.max_output_tokens ?? null,
    model: req.model,
    output,
    parallel_tool_calls: true,
    previous_response_id: body.previous_response_id ?? null,
    reasoning: { effort: body.reasoning?.effort ?? null, summary: body.reasoning?.summary ?? null },
    store: body.store !== false,
    temperature: body.temperature ?? 1,
    text: { format: { type: 'text' } },
    tool_choice: body.tool_choice ?? 'auto',
    tools: body.tools ?? [],
    top_p: body.top_p ?? 1,
    truncation: 'disabled',
    usage: usageBody,
    user: null,
    metadata: {},
  });
  const items: ResponsesEvent[][] = [];
  if (reply.reasoning) items.push(reasoningEvents(hexId('rs_'), items.length, reply.reasoning));
  if (reply.text || (calls.length === 0 && !cutDuringReasoning(reply)))
    items.push(messageEvents(hexId('msg_'), items.length, reply.text ?? '', finish.status));
  for (const call of calls) items.push(functionCallEvents(req, hexId('fc_'), items.length, call));
  const output = items.map((events) => events.at(-1)?.item);
  const usageBody = {
    input_tokens: usage.input,
    input_tokens_details: { cached_tokens: 0 },
    output_tokens: usage.output,
    output_tokens_details: { reasoning_tokens: usage.reasoning },
    total_tokens: usage.input + usage.output,
  };
  const events: ResponsesEvent[] = [
    { type: 'response.created', response: response('in_progress', [], null) },
    { type: 'response.in_progress', response: response('in_progress', [], null) },
    ...items.flat(),
    { type: finish.event, response: response(finish.status, output, usageBody) },
  ];
  if (body.store !== false) remember(state, responseId, req, reply, output, calls);
  return events.map((event, sequence) => ({ ...event, sequence_number: sequence }));
}

function remember(
  state: ProviderState,
  responseId: string,
  req: FakeRequest,
  reply: FakeReply,
  output: unknown[],
  calls: Array<{ id: string; name: string; argsText: string }>,
): void {
  for (const item of output) {
    const id = (item as { id?: unknown } | undefined)?.id;
    if (typeof id === 'string') state.items.set(id, item);
  }
  const toolCalls = calls.map((call) => ({ id: call.id, name: call.name, args: call.argsText }));
  const answer: FakeMessage = {
    role: 'assistant',
    text: reply.text ?? '',
    ...(calls.length ? { toolCalls } : {}),
  };
  state.conversations.set(responseId, [...req.messages, answer]);
}

/** OpenAI Responses API handler. */
export const responsesProtocol: ProtocolHandler = {
  normalise(body, route, state) {
    const normalised = normaliseResponsesBody(body, route, state);
    const problem = normalised.problem ?? responsesRequestProblem(body, state);
    return problem === undefined ? normalised : { ...normalised, problem };
  },
  replyHeaders: (req) => ({ ...openaiHeaders(), ...contentHeaders(req.stream) }),
  streamFrames: (req, reply, state) =>
    buildEvents(req, reply, state).map((event) => sseFrame(event, event.type)),
  json: (req, reply, state) => buildEvents(req, reply, state).at(-1)?.response,
  error: openaiError,
};
