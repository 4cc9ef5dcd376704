/** The final presentation of an adapter agent: one turn without workflow tools; its text is the answer. */
import { contextText } from '../agent/context-text.js';
import type { PresentationInput, PresentationResult } from '../coordination/presentation.js';
import type { AgentAdapter } from '../types/agent-adapter.js';
import { adapterEvents } from './events-sink.js';
import { adapterToolCheck } from './tool-check.js';

/** Streams the presentation (`final-delta`) through `adapter` and returns its text. */
export async function presentWithAdapter(
  input: PresentationInput,
  adapter: AgentAdapter,
  messages: { system: string; prompt: string },
): Promise<PresentationResult> {
  const { agent, emit, signal } = input;
  const streamed: string[] = [];
  const checkTool = adapterToolCheck(agent, 'presentation', signal, emit);
  const result = await adapter.run({
    agentId: agent.id,
    phase: 'presentation',
    system: messages.system,
    prompt: messages.prompt,
    tools: [],
    events: adapterEvents(agent.id, 'presentation', emit, (text) => streamed.push(text)),
    signal,
    attempt: 1,
    ...(agent.workspace ? { workspace: agent.workspace } : {}),
    ...(checkTool ? { checkTool } : {}),
  });
  if (signal.aborted) throw signal.reason;
  const text = result.text.trim() || streamed.join('').trim();
  return {
    text,
    context: contextText(messages.system, [{ role: 'user', content: messages.prompt }]),
  };
}
