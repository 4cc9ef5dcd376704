/**
 * The run's attachments handed to an agent: a plain agent gets its own parts; the members of a team
 * or nested chat each get theirs (planned for the member's own backend, under `agent/member`), which
 * open every prompt the member speaks, summarises or replies with.
 */
import { memberKey } from '../media/config-attachments.js';
import type { AttachmentPart } from '../media/plan.js';
import { toPromptParts } from '../media/prompt-parts.js';
import type { AgentRuntime } from '../types/agent-runtime.js';
import { chatSpecOf } from './types.js';

/** Sets `agent.attachments`, or the attachments of its chat's members. */
export function giveAttachments(agent: AgentRuntime, parts: ReadonlyMap<string, AttachmentPart[]>): void {
  const spec = chatSpecOf(agent.model);
  if (!spec) {
    agent.attachments = parts.get(agent.id);
    return;
  }
  for (const member of spec.members) {
    const own = parts.get(memberKey(agent.id, member.id));
    member.attachments = own && toPromptParts(own);
  }
}
