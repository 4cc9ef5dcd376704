/** The attachments a run is given: the caller's (`--attach`, `@path`, `attachments`) and each agent's `upload_files`. */
import type { MassGenConfig } from '../config/schema.js';
import type { AttachmentSource } from './types.js';

/** A file for every agent: a path, or a path with where it was named. */
export type AttachmentInput = string | AttachmentSource;

/** The caller's attachments as sources. */
export function sharedSources(inputs: readonly AttachmentInput[] | undefined): AttachmentSource[] {
  return (inputs ?? []).map((a) => (typeof a === 'string' ? { path: a, origin: 'attachments' } : a));
}

/**
 * Each agent's `upload_files` (`image_path`, `audio_path`, `video_path` or `file_path`: a path or an
 * http(s) URL; `pages_as_images` for a PDF's page images), by agent id.
 */
export function uploadSources(config: MassGenConfig): Record<string, AttachmentSource[]> {
  const out: Record<string, AttachmentSource[]> = {};
  config.agents.forEach((agent, i) => {
    const files = agent.backend.upload_files ?? [];
    const sources = files.flatMap((entry, j) =>
      [entry.image_path, entry.audio_path, entry.video_path, entry.file_path]
        .filter((p): p is string => typeof p === 'string')
        .map(
          (p): AttachmentSource => ({
            path: p,
            origin: `agents[${i}].backend.upload_files[${j}]`,
            ...(entry.pages_as_images ? { pagesAsImages: true } : {}),
          }),
        ),
    );
    if (sources.length > 0) out[agent.id] = sources;
  });
  return out;
}

/** Whether the run has any attachment at all. */
export function hasAttachments(
  config: MassGenConfig,
  inputs: readonly AttachmentInput[] | undefined,
): boolean {
  return (inputs?.length ?? 0) > 0 || config.agents.some((a) => (a.backend.upload_files?.length ?? 0) > 0);
}
