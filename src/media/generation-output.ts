/**
 * Where a generated file goes and what the tool says about it. The file is a new file in the
 * agent's workspace (so the final workspace carries the winner's): the name asked for (its base
 * name, with the right extension), else `<stem>_<time>`; `_2`, `_3`, … rather than overwriting.
 * The result value names it; displays list the winner's generated files after the final answer
 * (see {@link GeneratedFileResult}).
 */
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { ToolOutput } from '../tools/types.js';
import type { GenerationMode } from './generation-providers.js';
import type { GeneratedMedia } from './generation-run.js';

/** The value of a generation tool's successful result (the model reads it as JSON). */
export interface GeneratedFileResult {
  [key: string]: string | number;
  /** What happened, in a sentence. */
  message: string;
  /** File name in the workspace. */
  file: string;
  mode: GenerationMode;
  backend: string;
  model: string;
  mediaType: string;
  bytes: number;
}

/** A file name for a new output in `workspace`, never an existing one. */
export function outputPath(workspace: string, asked: unknown, stem: string, ext: string): string {
  const base =
    typeof asked === 'string' && asked.trim() !== ''
      ? path
          .basename(asked.trim())
          .replace(/\.[^.]*$/, '')
          .replace(/[^\w.-]+/g, '_')
      : `${
          stem
            .slice(0, 30)
            .replace(/[^\w-]+/g, '_')
            .replace(/^_+|_+$/g, '') || 'media'
        }_${Date.now()}`;
  let name = `${base}.${ext}`;
  for (let n = 2; existsSync(path.join(workspace, name)); n++) name = `${base}_${n}.${ext}`;
  return path.join(workspace, name);
}

const NOUN: Record<GenerationMode, string> = { image: 'image', audio: 'speech', video: 'video' };

/** Saves `media` in the workspace and builds the tool result (an image also goes back as a media part). */
export async function saveGenerated(
  workspace: string,
  asked: unknown,
  stem: string,
  media: GeneratedMedia,
  meta: { mode: GenerationMode; backend: string; model: string },
): Promise<ToolOutput> {
  const file = outputPath(workspace, asked, stem, media.ext);
  await writeFile(file, media.data);
  const name = path.basename(file);
  const value: GeneratedFileResult = {
    message: `Saved the ${NOUN[meta.mode]} to ${name} in your workspace (${media.data.byteLength} bytes).`,
    file: name,
    mode: meta.mode,
    backend: meta.backend,
    model: meta.model,
    mediaType: media.mediaType,
    bytes: media.data.byteLength,
  };
  return meta.mode === 'image'
    ? {
        value,
        media: [
          { type: 'image', mediaType: media.mediaType, data: Buffer.from(media.data).toString('base64') },
        ],
      }
    : { value };
}
