/**
 * The workflow tools of a turn as AI SDK tools (what AI SDK agents and Mastra agents take), each
 * call judged by the turn's control.
 */
import { jsonSchema } from 'ai';
import type { AdapterTurn } from '../../types/agent-adapter.js';
import { isOpenAIModel } from './stream-parts.js';
import type { TurnControl } from './turn-control.js';

/** `new_answer` and `vote` as AI SDK tools for an agent on `model` (OpenAI's get `strict: false`). */
export function aiSdkWorkflowTools(turn: AdapterTurn, control: TurnControl, model: unknown) {
  const strict = isOpenAIModel(model) ? { strict: false } : {};
  return Object.fromEntries(
    turn.tools.map((t) => [
      t.name,
      {
        description: t.description,
        inputSchema: jsonSchema(t.inputSchema),
        ...strict,
        execute: async (args: unknown) => (await control.callWorkflow(t, args)).text,
      },
    ]),
  );
}
