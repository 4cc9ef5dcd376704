/**
 * Telling a working agent of answers it has not seen: the text it is given, announced as an
 * `update-injected` event. Native agents and adapter agents get it the same way.
 */
import type { EventInput } from '../events/types.js';
import type { AnswerView } from '../types/coordination.js';
import { updateMessage } from './prompts.js';
import type { Snapshot } from './state.js';

/** Emits `update-injected` for `fresh` answers of `agentId` and returns the text for the agent. */
export function injectUpdate(
  emit: (event: EventInput) => void,
  agentId: string,
  fresh: readonly AnswerView[],
  current: Snapshot,
): string {
  const text = updateMessage(fresh, current.answers);
  emit({ type: 'update-injected', agentId, newAnswers: fresh.map((a) => a.answerLabel), message: text });
  return text;
}
