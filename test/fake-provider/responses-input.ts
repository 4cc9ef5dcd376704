/**
 * Normalises an OpenAI Responses API request body: `instructions`, `input` items
 * (messages, function calls and outputs, `item_reference`s to stored items) and
 * `previous_response_id` conversations.
 */
import { contentText, type NormalisedBody, type ProviderState, type RouteMatch } from './protocol.js';
import type { FakeMessage } from './scenario.js';

class InputReader {
  readonly systemParts: string[] = [];
  readonly messages: FakeMessage[] = [];
  problem: NormalisedBody['problem'];
  private readonly toolNames = new Map<string, string>();

  constructor(private readonly state: ProviderState) {}

  /** Continues a stored conversation (`previous_response_id`). */
  continueFrom(responseId: string): void {
    const previous = this.state.conversations.get(responseId);
    if (previous === undefined) {
      this.problem ??= { status: 404, message: `Previous response with id '${responseId}' not found.` };
      return;
    }
    for (const message of previous) {
      for (const call of message.toolCalls ?? []) this.toolNames.set(call.id, call.name);
      this.messages.push(message);
    }
  }

  // biome-ignore lint/suspicious/noExplicitAny: raw JSON item
  read(item: any): void {
    const type = item?.type;
    if (type === 'item_reference') {
      const stored = this.state.items.get(String(item.id));
      if (stored === undefined)
        this.problem ??= { status: 404, message: `Item with id '${item.id}' not found.` };
      else this.read(stored);
    } else if (type === 'function_call') {
      this.addToolCall({
        id: String(item.call_id),
        name: namespacedName(item),
        args: String(item.arguments ?? ''),
      });
    } else if (type === 'function_call_output') {
      const toolCallId = String(item.call_id);
      const toolName = this.toolNames.get(toolCallId);
      const text = typeof item.output === 'string' ? item.output : contentText(item.output);
      this.messages.push({ role: 'tool', text, toolCallId, ...(toolName === undefined ? {} : { toolName }) });
    } else if ((type === undefined || type === 'message') && typeof item?.role === 'string') {
      this.readMessage(item.role, contentText(item.content));
    }
  }

  private readMessage(role: string, text: string): void {
    if (role === 'system' || role === 'developer') this.systemParts.push(text);
    else if (role === 'user') this.messages.push({ role: 'user', text });
    else if (role === 'assistant') this.messages.push({ role: 'assistant', text });
  }

  /** A function call joins the assistant message of the same turn, or starts one. */
  private addToolCall(call: { id: string; name: string; args: string }): void {
    this.toolNames.set(call.id, call.name);
    const last = this.messages.at(-1);
    if (last?.role === 'assistant') {
      this.messages[this.messages.length - 1] = { ...last, toolCalls: [...(last.toolCalls ?? []), call] };
    } else {
      this.messages.push({ role: 'assistant', text: '', toolCalls: [call] });
    }
  }
}

/** `<namespace>__<name>` for a call of a function of a `namespace` tool (Codex's MCP tools), else its name. */
// biome-ignore lint/suspicious/noExplicitAny: raw JSON item
export function namespacedName(item: any): string {
  return typeof item.namespace === 'string' ? `${item.namespace}__${item.name}` : String(item.name);
}

/**
 * The functions of `namespace` tools (`{type: namespace, name: mcp__files, tools: [...]}`), named
 * `<namespace>__<function>` as scenarios see and call them.
 */
export function namespacedFunctions(tools: readonly unknown[]): Array<Record<string, unknown>> {
  return tools.flatMap((tool) => {
    const ns = tool as { type?: unknown; name?: unknown; tools?: unknown };
    if (ns.type !== 'namespace' || !Array.isArray(ns.tools)) return [];
    return (ns.tools as Array<Record<string, unknown>>)
      .filter((fn) => fn?.type === 'function')
      .map((fn) => ({ ...fn, name: `${String(ns.name)}__${String(fn.name)}` }));
  });
}

/** Normalises a Responses API body against the server's stored items and conversations. */
// biome-ignore lint/suspicious/noExplicitAny: raw JSON body
export function normaliseResponsesBody(body: any, route: RouteMatch, state: ProviderState): NormalisedBody {
  const reader = new InputReader(state);
  if (typeof body?.instructions === 'string' && body.instructions.length > 0) {
    reader.systemParts.push(body.instructions);
  }
  if (typeof body?.previous_response_id === 'string') reader.continueFrom(body.previous_response_id);
  if (typeof body?.input === 'string') reader.messages.push({ role: 'user', text: body.input });
  else if (Array.isArray(body?.input)) for (const item of body.input) reader.read(item);
  const allTools: unknown[] = Array.isArray(body?.tools) ? body.tools : [];
  // biome-ignore lint/suspicious/noExplicitAny: raw JSON
  const isFunction = (tool: any) => tool?.type === 'function';
  return {
    model: String(body?.model ?? route.pathModel ?? ''),
    stream: body?.stream === true,
    systemParts: reader.systemParts,
    messages: reader.messages,
    // biome-ignore lint/suspicious/noExplicitAny: raw JSON
    tools: [...allTools.filter(isFunction), ...namespacedFunctions(allTools)].map((tool: any) => ({
      name: String(tool.name),
      description: tool.description,
      parameters: tool.parameters,
    })),
    providerTools: allTools.filter((tool) => !isFunction(tool)),
    ...(reader.problem === undefined ? {} : { problem: reader.problem }),
  };
}
