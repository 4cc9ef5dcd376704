/**
 * Video → sampled frames (JPEG) with ffmpeg, when it is on PATH: `uniform` spreads `maxFrames` over
 * the duration (read with ffprobe), `scene` takes the frames where the picture changes.
 */
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { canRun, runProgram as run } from './run-program.js';
import type { VideoSampling } from './types.js';

/** Whether `ffmpeg` can be run. */
export function hasFfmpeg(): Promise<boolean> {
  return canRun('ffmpeg', '-version');
}

/** Frames sampled from the video, in order (at least one when the video has any picture). */
export async function sampleFrames(
  data: Uint8Array,
  sampling: VideoSampling,
  signal?: AbortSignal,
): Promise<Uint8Array[]> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'massgen-frames-'));
  try {
    const input = path.join(dir, 'input');
    await writeFile(input, data);
    const max = Math.max(1, Math.floor(sampling.maxFrames));
    let filter: string;
    if (sampling.mode === 'scene') {
      filter = "select='eq(n\\,0)+gt(scene\\,0.3)',scale='min(1024,iw)':-2";
    } else {
      const duration = Number(
        (
          await run(
            'ffprobe',
            ['-v', 'error', '-show_entries', 'format=duration', '-of', 'default=nw=1:nk=1', input],
            signal,
          )
        ).trim(),
      );
      const rate = Number.isFinite(duration) && duration > 0 ? max / duration : 1;
      filter = `fps=${rate.toFixed(6)},scale='min(1024,iw)':-2`;
    }
    await run(
      'ffmpeg',
      [
        '-hide_banner',
        '-loglevel',
        'error',
        '-i',
        input,
        '-vf',
        filter,
        '-vsync',
        'vfr',
        '-frames:v',
        String(max),
        '-q:v',
        '4',
        path.join(dir, 'frame_%03d.jpg'),
      ],
      signal,
    );
    const names = (await readdir(dir)).filter((n) => n.startsWith('frame_')).sort();
    return Promise.all(names.map(async (n) => new Uint8Array(await readFile(path.join(dir, n)))));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** What a model is told about a video it gets neither natively nor as frames. */
export function noFramesNote(name: string): string {
  return `[video file ${name}: not shown, because ffmpeg is not installed to sample its frames; this agent's backend cannot watch video]`;
}
