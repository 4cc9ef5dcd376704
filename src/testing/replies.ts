/** Ready-made replies of the coordination protocol, and a model that follows it. */
import {
  type ScriptedCall,
  type ScriptedModel,
  type ScriptedModelOptions,
  type ScriptedReply,
  scriptedModel,
} from './scripted-model.js';

/** `new_answer(content)`. */
export const answer = (content: string): ScriptedReply => ({
  toolCalls: [{ name: 'new_answer', args: { content } }],
});

/** `vote(agent_id, reason)`; `label` is the anonymous label the agent was shown (`agent1`, …). */
export const vote = (label: string, reason = 'The best answer.'): ScriptedReply => ({
  toolCalls: [{ name: 'vote', args: { agent_id: label, reason } }],
});

/** Post-evaluation: `submit`. */
export const submit = (): ScriptedReply => ({ toolCalls: [{ name: 'submit', args: { confirmed: true } }] });

/** Post-evaluation: `restart_orchestration(reason, instructions)`. */
export const restart = (reason: string, instructions: string): ScriptedReply => ({
  toolCalls: [{ name: 'restart_orchestration', args: { reason, instructions } }],
});

/**
 * The protocol's reply to a call: an answer when no answers are shown yet, else a vote for the
 * lowest label; `presentation` text when presenting; `submit` in post-evaluation.
 */
export function protocolReply(call: ScriptedCall, name: string): ScriptedReply {
  if (call.phase === 'evaluation') return submit();
  if (call.phase === 'presentation') return { text: `Final answer from ${name}` };
  const first = call.answerLabels[0];
  return first ? vote(first) : answer(`Answer from ${name}`);
}

/**
 * A model that follows the protocol for every call (not strict): answers, votes for the lowest
 * label, presents, submits. `script` replies, when given, come first.
 */
export function protocolModel(
  name: string,
  script: Parameters<typeof scriptedModel>[0] = [],
  options: Omit<ScriptedModelOptions, 'fallback' | 'strict'> = {},
): ScriptedModel {
  return scriptedModel(script, {
    modelId: options.modelId ?? name,
    strict: false,
    fallback: (call) => protocolReply(call, name),
  });
}
