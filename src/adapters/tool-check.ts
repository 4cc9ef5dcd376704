/** The `checkTool` of an adapter turn: the agent's gate (safety policy, workspace) in the turn's phase. */
import type { EventInput, StreamPhase } from '../events/types.js';
import type { AdapterToolCall, AdapterToolVerdict } from '../types/agent-adapter.js';
import type { AgentRuntime } from '../types/agent-runtime.js';

/** The check of the agent's own tool calls in `phase`, or undefined when the agent has no gate. */
export function adapterToolCheck(
  agent: AgentRuntime,
  phase: StreamPhase,
  signal: AbortSignal,
  emit: (event: EventInput) => void,
): ((call: AdapterToolCall) => Promise<AdapterToolVerdict>) | undefined {
  const gate = agent.adapterGate;
  if (!gate) return undefined;
  return (call) => gate(call, { phase, signal, emit });
}
