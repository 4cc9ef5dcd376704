/**
 * Video → sampled frames (JPEG) with ffmpeg, when it is on PATH: `uniform` spreads `maxFrames` over
 * the duration (read with ffprobe), `scene` takes the frames where the picture changes.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { VideoSampling } from './types.js';

/** Runs a program to its end; resolves with its stdout, rejects with its stderr's last line. */
function run(program: string, args: string[], signal?: AbortSignal): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(program, args, { stdio: ['ignore', 'pipe', 'pipe'], signal });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => {
      out += d;
    });
    child.stderr.on('data', (d) => {
      err += d;
    });
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve(out);
      else reject(new Error(err.trim().split('\n').at(-1) || `${program} exited with code ${code}`));
    });
  });
}

/** Whether `ffmpeg` can be run. */
export async function hasFfmpeg(): Promise<boolean> {
  try {
    await run('ffmpeg', ['-hide_banner', '-version']);
    return true;
  } catch {
    return false;
  }
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
