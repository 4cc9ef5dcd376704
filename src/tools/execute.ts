/**
 * The one execution path of every tool the agent runs itself (custom and MCP): `tool-call` and
 * `tool-result` events, the before-call hooks, the per-call timeout, and errors turned into error
 * results for the model. Only the end of the agent's turn (its signal) ends a call without a result.
 */
import type { JSONValue } from '@ai-sdk/provider';
import { errorText } from '../error-text.js';
import type { ExecuteOptions, ToolCallOutcome, ToolCallRequest, ToolMedia } from '../types/agent-tools.js';
import { ToolTimeoutError } from './errors.js';
import type { ToolRegistry } from './registry.js';
import type { ToolEntry, ToolOutput } from './types.js';

/** Longest tool output given to the model, in characters; longer output is cut with a note. */
export const MAX_TOOL_OUTPUT_CHARS = 50_000;

/** Executes one call and reports it. Throws only when `options.signal` aborts (the turn ended). */
export async function executeTool(
  registry: ToolRegistry,
  call: ToolCallRequest,
  options: ExecuteOptions,
): Promise<ToolCallOutcome> {
  const { agentId, emit } = options;
  emit({
    type: 'tool-call',
    agentId,
    toolCallId: call.toolCallId,
    toolName: call.toolName,
    input: call.input,
  });
  const result = await run(registry, call, options);
  const outcome: ToolCallOutcome = {
    toolCallId: call.toolCallId,
    toolName: call.toolName,
    value: limitOutput(result.value),
    isError: result.isError,
    ...(result.media?.length ? { media: result.media } : {}),
  };
  emit({
    type: 'tool-result',
    agentId,
    toolCallId: call.toolCallId,
    toolName: call.toolName,
    output: outcome.value,
    isError: outcome.isError,
  });
  return outcome;
}

type RunResult = { value: JSONValue; isError: boolean; media?: ToolMedia[] };

const failure = (text: string): RunResult => ({ value: text, isError: true });

async function run(
  registry: ToolRegistry,
  call: ToolCallRequest,
  options: ExecuteOptions,
): Promise<RunResult> {
  const entry = registry.get(call.toolName);
  if (!entry?.execute) return failure(unknownToolText(registry, call.toolName));
  if (call.invalidReason) {
    return failure(
      `The arguments of ${call.toolName} were not valid (${call.invalidReason}). Call it again with valid JSON arguments.`,
    );
  }
  const observers: Array<(output: ToolOutput, durationMs: number) => void> = [];
  const context = {
    agentId: options.agentId,
    signal: options.signal,
    phase: options.phase,
    emit: options.emit,
  };
  for (const hook of registry.beforeCallHooks()) {
    try {
      const decision = await hook(call, entry, context);
      if (!decision.allow) {
        if (decision.result)
          return { value: decision.result.value, isError: decision.result.isError === true };
        return failure(`Not allowed: ${decision.reason}`);
      }
      if (decision.onResult) observers.push(decision.onResult);
    } catch (error) {
      if (options.signal.aborted) throw options.signal.reason;
      return failure(`Not allowed: the permission check failed (${errorText(error)})`);
    }
  }
  const started = Date.now();
  const result = await runWithTimeout(entry, call, options);
  const durationMs = Date.now() - started;
  for (const observe of observers) observe({ value: result.value, isError: result.isError }, durationMs);
  return result;
}

async function runWithTimeout(
  entry: ToolEntry,
  call: ToolCallRequest,
  options: ExecuteOptions,
): Promise<RunResult> {
  const limit = new AbortController();
  const timer = setTimeout(
    () => limit.abort(new ToolTimeoutError(entry.name, entry.timeoutMs)),
    entry.timeoutMs,
  );
  const signal = AbortSignal.any([options.signal, limit.signal]);
  try {
    // A tool that ignores its signal must not hold the turn: the race ends the wait.
    const output = await Promise.race([
      entry.execute!(call.input, { signal, agentId: options.agentId, toolCallId: call.toolCallId }),
      rejectOnAbort(signal),
    ]);
    return {
      value: output.value ?? '',
      isError: output.isError === true,
      ...(output.media?.length ? { media: output.media } : {}),
    };
  } catch (error) {
    if (options.signal.aborted) throw options.signal.reason;
    if (limit.signal.aborted) return failure((limit.signal.reason as ToolTimeoutError).message);
    return failure(`Tool ${entry.name} failed: ${errorText(error)}`);
  } finally {
    clearTimeout(timer);
  }
}

function rejectOnAbort(signal: AbortSignal): Promise<never> {
  return new Promise((_, reject) => {
    if (signal.aborted) reject(signal.reason);
    else signal.addEventListener('abort', () => reject(signal.reason), { once: true });
  });
}

function unknownToolText(registry: ToolRegistry, name: string): string {
  const available = registry
    .entries()
    .filter((e) => e.execute)
    .map((e) => e.name);
  const list = available.length > 0 ? available.join(', ') : 'none';
  return `Unknown or unavailable tool "${name}". Tools you can call: ${list}.`;
}

/** Output cut to {@link MAX_TOOL_OUTPUT_CHARS}; long JSON becomes cut text. */
export function limitOutput(value: JSONValue): JSONValue {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  if (text === undefined || text.length <= MAX_TOOL_OUTPUT_CHARS) return value;
  const cut = text.length - MAX_TOOL_OUTPUT_CHARS;
  return `${text.slice(0, MAX_TOOL_OUTPUT_CHARS)}\n[… ${cut} more characters not shown]`;
}
