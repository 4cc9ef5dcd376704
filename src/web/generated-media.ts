/**
 * The files generation tools made, as the run view and the page list them: read from `tool-result`
 * events by the rule of src/events/generated-files.ts (a successful result naming a `file`, its
 * `mode` and `bytes`), with the result's `mediaType`. No Node modules: the page imports it too.
 */
import type { CoordinationEvent } from '../events/types.js';
import type { GeneratedMedia } from './api-types.js';

export type { GeneratedMedia };

/** The generated file a `tool-result` event reports, if it reports one. */
export function generatedMediaOf(event: CoordinationEvent): GeneratedMedia | undefined {
  if (event.type !== 'tool-result' || event.isError) return undefined;
  const value = event.output as Record<string, unknown> | null;
  if (typeof value !== 'object' || value === null) return undefined;
  const { file, mode, bytes, mediaType } = value;
  if (typeof file !== 'string' || file === '' || typeof bytes !== 'number') return undefined;
  if (mode !== 'image' && mode !== 'audio' && mode !== 'video') return undefined;
  return {
    agentId: event.agentId,
    path: file,
    mode,
    mediaType: typeof mediaType === 'string' ? mediaType : FALLBACK[mode],
    bytes,
  };
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
