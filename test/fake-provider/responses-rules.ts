/**
 * Requests the OpenAI Responses API rejects with a 400 before generating anything, with its error
 * bodies: a function tool without `strict` (required by the API's `FunctionTool` schema), a strict
 * tool whose parameters do not qualify for strict mode (every object closed with
 * `additionalProperties: false`, every property required), and a reasoning item in `input` that is
 * not followed by the output item it came with.
 */
import { openaiInvalidRequest } from './openai-errors.js';
import type { NormalisedBody, ProviderState } from './protocol.js';

type Problem = NonNullable<NormalisedBody['problem']>;
// biome-ignore lint/suspicious/noExplicitAny: raw JSON
type Json = any;

function invalid(message: string, param: string | null, code: string | null): Problem {
  return { status: 400, message, reply: openaiInvalidRequest(message, param, code) };
}

/** Python-tuple rendering of a schema path, as OpenAI prints it: `()`, `('properties', 'x')`. */
function context(path: string[]): string {
  if (path.length === 0) return '()';
  const items = path.map((p) => `'${p}'`).join(', ');
  return path.length === 1 ? `(${items},)` : `(${items})`;
}

/** Why a strict tool's schema does not qualify, or undefined when it does. */
function strictSchemaProblem(schema: Json, path: string[] = []): string | undefined {
  if (schema === null || typeof schema !== 'object') return undefined;
  const isObject = schema.type === 'object' || (schema.properties !== undefined && schema.type === undefined);
  if (isObject) {
    if (schema.additionalProperties !== false) {
      return `In context=${context(path)}, 'additionalProperties' is required to be supplied and to be false.`;
    }
    const keys = Object.keys(schema.properties ?? {});
    const required: unknown[] = Array.isArray(schema.required) ? schema.required : [];
    const missing = keys.find((key) => !required.includes(key));
    if (missing !== undefined) {
      return `In context=${context(path)}, 'required' is required to be supplied and to be an array including every key in properties. Missing '${missing}'.`;
    }
    for (const key of keys) {
      const inner = strictSchemaProblem(schema.properties[key], [...path, 'properties', key]);
      if (inner) return inner;
    }
  }
  if (schema.items !== undefined) {
    const inner = strictSchemaProblem(schema.items, [...path, 'items']);
    if (inner) return inner;
  }
  for (const [index, option] of (Array.isArray(schema.anyOf) ? schema.anyOf : []).entries()) {
    const inner = strictSchemaProblem(option, [...path, 'anyOf', String(index)]);
    if (inner) return inner;
  }
  for (const group of ['$defs', 'definitions']) {
    for (const [name, def] of Object.entries(schema[group] ?? {})) {
      const inner = strictSchemaProblem(def, [...path, group, name]);
      if (inner) return inner;
    }
  }
  return undefined;
}

function toolsProblem(tools: Json[]): Problem | undefined {
  for (const [index, tool] of tools.entries()) {
    if (tool?.type !== 'function') continue;
    if (!('strict' in tool)) {
      return invalid(
        `Missing required parameter: 'tools[${index}].strict'.`,
        `tools[${index}].strict`,
        'missing_required_parameter',
      );
    }
    if (tool.strict !== true) continue;
    const reason = strictSchemaProblem(tool.parameters ?? {});
    if (reason) {
      return invalid(
        `Invalid schema for function '${tool.name}': ${reason}`,
        `tools[${index}].parameters`,
        'invalid_function_parameters',
      );
    }
  }
  return undefined;
}

/** An input item with `item_reference`s resolved to the stored item (unresolved ones stay as they are). */
function resolve(item: Json, state: ProviderState): Json {
  if (item?.type !== 'item_reference') return item;
  return state.items.get(String(item.id)) ?? item;
}

/** Items that are the model's input rather than its output: they cannot follow a reasoning item. */
function isInputItem(item: Json): boolean {
  if (item?.type === 'reasoning' || item?.type === 'item_reference') return true;
  if (typeof item?.type === 'string' && item.type.endsWith('_output')) return true;
  return typeof item?.role === 'string' && item.role !== 'assistant';
}

function reasoningProblem(input: Json[], state: ProviderState): Problem | undefined {
  const items = input.map((item) => resolve(item, state));
  for (const [index, item] of items.entries()) {
    if (item?.type !== 'reasoning') continue;
    const next = items[index + 1];
    if (next !== undefined && !isInputItem(next)) continue;
    const id = String(item.id ?? input[index]?.id ?? '');
    return invalid(
      `Item '${id}' of type 'reasoning' was provided without its required following item.`,
      'input',
      null,
    );
  }
  return undefined;
}

/** The 400 the Responses API answers `body` with, or undefined when the request is valid. */
export function responsesRequestProblem(body: Json, state: ProviderState): Problem | undefined {
  const tools: Json[] = Array.isArray(body?.tools) ? body.tools : [];
  const input: Json[] = Array.isArray(body?.input) ? body.input : [];
  return toolsProblem(tools) ?? reasoningProblem(input, state);
}
