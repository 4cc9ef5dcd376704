/**
 * The files generation tools made, read from `tool-result` events: a successful result whose value
 * names a `file` with its `mode` (image, audio, video) and `bytes` (src/media/generation-output.ts).
 * Displays list the presenter's after the final answer, in its workspace. No Node modules: the web
 * page reads them too.
 */
import type { CoordinationEvent } from './types.js';

/** One generated file. */
export interface GeneratedFile {
  agentId: string;
  /** File name in the agent's workspace. */
  file: string;
  mode: 'image' | 'audio' | 'video';
  bytes: number;
  /** The IANA media type the tool reported, when it reported one. */
  mediaType?: string;
}

/** The generated file a `tool-result` event reports, if it reports one. */
export function generatedFileOf(event: CoordinationEvent): GeneratedFile | undefined {
  if (event.type !== 'tool-result' || event.isError) return undefined;
  const value = event.output as Record<string, unknown> | null;
  if (typeof value !== 'object' || value === null) return undefined;
  const { file, mode, bytes, mediaType } = value;
  if (typeof file !== 'string' || file === '' || typeof bytes !== 'number') return undefined;
  if (mode !== 'image' && mode !== 'audio' && mode !== 'video') return undefined;
  return {
    agentId: event.agentId,
    file,
    mode,
    bytes,
    ...(typeof mediaType === 'string' && { mediaType }),
  };
}
