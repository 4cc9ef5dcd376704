/**
 * The gate of an adapter agent's own tool calls: the same before-call hooks a native agent's calls
 * go through (the workspace's path rules, then the safety engine), applied to the call as the
 * MassGen tool it stands for. The external agent runs the call itself when the gate allows it.
 */
import type { AgentAdapter } from '../types/agent-adapter.js';
import type { AdapterGate } from '../types/agent-runtime.js';
import type { BeforeCallHook, ToolEntry } from './types.js';

/** A gate applying `hooks` in order; the first refusal is the verdict. */
export function adapterGate(
  agentId: string,
  adapter: AgentAdapter,
  hooks: readonly BeforeCallHook[],
  timeoutMs: number,
): AdapterGate {
  return async (call, context) => {
    const builtin = adapter.asBuiltinTool?.(call);
    if (builtin === 'internal') return { allow: true };
    const request = {
      toolCallId: call.toolCallId,
      toolName: builtin?.toolName ?? call.toolName,
      input: builtin?.input ?? call.input,
    };
    const entry: ToolEntry = {
      name: request.toolName,
      description: '',
      inputSchema: { type: 'object' },
      source: builtin ? 'workspace' : 'custom',
      timeoutMs,
      origin: `${adapter.type} tool "${call.toolName}"`,
      originalName: call.toolName,
    };
    for (const hook of hooks) {
      const decision = await hook(request, entry, {
        agentId,
        signal: context.signal,
        phase: context.phase,
        emit: context.emit,
      });
      if (!decision.allow) {
        const text = decision.result ? String(decision.result.value) : `Not allowed: ${decision.reason}`;
        return { allow: false, message: text };
      }
    }
    return { allow: true };
  };
}
