/**
 * The attachments a run is given: the caller's (`--attach`, `@path`, `attachments`) and each agent's
 * `upload_files`, and who they are planned for: each top-level agent, or each member of a team or
 * nested chat (named `agent/member`), in the form of the member's own backend.
 */
import type { MassGenConfig } from '../config/schema.js';
import type { AttachmentAgent } from './run-attachments.js';
import type { AttachmentSource } from './types.js';

/** A file for every agent: a path, or a path with where it was named. */
export type AttachmentInput = string | AttachmentSource;

/** The caller's attachments as sources. */
export function sharedSources(inputs: readonly AttachmentInput[] | undefined): AttachmentSource[] {
  return (inputs ?? []).map((a) => (typeof a === 'string' ? { path: a, origin: 'attachments' } : a));
}

type UploadEntries = MassGenConfig['agents'][number]['backend']['upload_files'];

/**
 * One backend's `upload_files` (`image_path`, `audio_path`, `video_path` or `file_path`: a path or an
 * http(s) URL; `pages_as_images` for a PDF's page images); `where` is the backend's key path.
 */
function entrySources(files: UploadEntries, where: string): AttachmentSource[] {
  return (files ?? []).flatMap((entry, j) =>
    [entry.image_path, entry.audio_path, entry.video_path, entry.file_path]
      .filter((p): p is string => typeof p === 'string')
      .map(
        (p): AttachmentSource => ({
          path: p,
          origin: `${where}.upload_files[${j}]`,
          ...(entry.pages_as_images ? { pagesAsImages: true } : {}),
        }),
      ),
  );
}

/** The id under which a member of a team or nested chat gets its attachments. */
export function memberKey(agentId: string, memberId: string): string {
  return `${agentId}/${memberId}`;
}

/** Who attachments are planned for, and the `upload_files` of each (by planned id). */
export interface AttachmentPlanInput {
  agents: AttachmentAgent[];
  perAgent: Record<string, AttachmentSource[]>;
}

/**
 * The agents of the plan: a plain agent as itself; a team's members (`group_chat.agents`) each with
 * its own `upload_files`; a nested chat's agent (with its backend's files) and its inline agents.
 */
export function attachmentPlan(config: MassGenConfig): AttachmentPlanInput {
  const agents: AttachmentAgent[] = [];
  const perAgent: Record<string, AttachmentSource[]> = {};
  const add = (agent: AttachmentAgent, sources: AttachmentSource[]) => {
    agents.push(agent);
    if (sources.length > 0) perAgent[agent.id] = sources;
  };
  config.agents.forEach((agent, i) => {
    const where = `agents[${i}]`;
    const members = agent.group_chat?.agents ?? agent.nested_chat?.agents;
    if (!members) {
      add(
        { id: agent.id, backendType: agent.backend.type, model: agent.backend.model },
        entrySources(agent.backend.upload_files, `${where}.backend`),
      );
      return;
    }
    const key = agent.group_chat ? 'group_chat' : 'nested_chat';
    const member = (id: string, backend: MassGenConfig['agents'][number]['backend'], at: string) =>
      add(
        {
          id: memberKey(agent.id, id),
          owner: agent.id,
          member: id,
          backendType: backend.type,
          model: backend.model,
        },
        entrySources(backend.upload_files, at),
      );
    if (agent.nested_chat) member(agent.id, agent.backend, `${where}.backend`);
    members.forEach((m, j) => {
      member(m.id, m.backend, `${where}.${key}.agents[${j}].backend`);
    });
  });
  return { agents, perAgent };
}
