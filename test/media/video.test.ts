/**
 * Attached video: Gemini gets the file itself; other backends get frames sampled with ffmpeg
 * (`uniform`: evenly spaced, `scene`: where the picture changes). The video is made by ffmpeg in the
 * test. CI installs ffmpeg (.ci/run); elsewhere the test is skipped without it.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { LanguageModelV3Prompt } from '@ai-sdk/provider';
import { describe, expect, it } from 'vitest';
import type { CoordinationEvent } from '../../src/events/types.js';
import { defineConfig } from '../../src/run/config-source.js';
import { streamRun } from '../../src/run/stream-run.js';
import { protocolModel } from '../../src/testing/index.js';

const hasFfmpeg = spawnSync('ffmpeg', ['-version']).status === 0;
const required = Boolean(process.env.CI);

describe.runIf(required && !hasFfmpeg)('video attachments (CI)', () => {
  it('has ffmpeg', () => {
    expect.fail('ffmpeg is not on PATH: .ci/run installs it');
  });
});

/** Two seconds: one red, one blue (one scene change). */
function makeVideo(dir: string): string {
  const file = path.join(dir, 'clip.mp4');
  execFileSync('ffmpeg', [
    '-hide_banner',
    '-loglevel',
    'error',
    '-f',
    'lavfi',
    '-i',
    'color=red:s=64x64:d=1:r=10',
    '-f',
    'lavfi',
    '-i',
    'color=blue:s=64x64:d=1:r=10',
    '-filter_complex',
    '[0:v][1:v]concat=n=2:v=1[v]',
    '-map',
    '[v]',
    '-pix_fmt',
    'yuv420p',
    file,
  ]);
  return file;
}

const media = (prompt: LanguageModelV3Prompt) =>
  prompt.flatMap((m) =>
    m.role === 'user' ? m.content.flatMap((p) => (p.type === 'file' ? [p.mediaType] : [])) : [],
  );

describe.skipIf(!hasFfmpeg)('video attachments', () => {
  const config = defineConfig({
    agents: [
      { id: 'claude', backend: { type: 'claude', model: 'claude-sonnet-4-5' } },
      { id: 'gemini', backend: { type: 'gemini', model: 'gemini-2.5-flash' } },
    ],
  });

  for (const [mode, frames] of [
    ['uniform', 4],
    ['scene', 2],
  ] as const) {
    it(`${mode}: Claude gets ${frames} frames, Gemini the video`, async () => {
      const cwd = mkdtempSync(path.join(os.tmpdir(), 'massgen-video-'));
      const file = makeVideo(cwd);
      const models = { claude: protocolModel('claude'), gemini: protocolModel('gemini') };
      const events: CoordinationEvent[] = [];
      const run = streamRun(config, {
        question: 'What happens in the clip?',
        cwd,
        logRoot: false,
        models,
        attachments: [file],
        video: { mode, maxFrames: 4 },
        onEvent: (e) => events.push(e),
      });
      expect((await run.result).status).toBe('completed');
      expect(media(models.claude.calls[0]!.options.prompt)).toEqual(Array(frames).fill('image/jpeg'));
      expect(media(models.gemini.calls[0]!.options.prompt)).toEqual(['video/mp4']);
      expect(events.flatMap((e) => (e.type === 'attachment' ? [`${e.agentId}:${e.form}`] : []))).toEqual([
        'claude:frames',
        'gemini:file',
      ]);
    });
  }
});
