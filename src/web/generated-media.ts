/**
 * The files generation tools made, as the run view and the page list them: read from `tool-result`
 * events by src/events/generated-files.ts, with a media type for each. No Node modules: the page imports it too.
 */
import { generatedFileOf } from '../events/generated-files.js';
import type { CoordinationEvent } from '../events/types.js';
import type { GeneratedMedia } from './api-types.js';

export type { GeneratedMedia };

/** The generated file a `tool-result` event reports, if it reports one. */
export function generatedMediaOf(event: CoordinationEvent): GeneratedMedia | undefined {
  const found = generatedFileOf(event);
  if (!found) return undefined;
  const { agentId, file, mode, bytes, mediaType } = found;
  return { agentId, path: file, mode, mediaType: mediaType ?? FALLBACK[mode], bytes };
}

const FALLBACK: Record<GeneratedMedia['mode'], string> = {
  image: 'image/png',
  audio: 'audio/mpeg',
  video: 'video/mp4',
};

/** `files` with `file` added (a later file of the same agent and path replaces the earlier one). */
export function addGeneratedMedia(
  files: readonly GeneratedMedia[],
  file: GeneratedMedia,
): readonly GeneratedMedia[] {
  const at = files.findIndex((f) => f.agentId === file.agentId && f.path === file.path);
  if (at < 0) return [...files, file];
  return files.map((f, i) => (i === at ? file : f));
}

/** The ones `agentId` made, in order: the presenter's are in the final workspace. */
export function generatedMediaBy(files: readonly GeneratedMedia[], agentId: string): GeneratedMedia[] {
  return files.filter((f) => f.agentId === agentId);
}
