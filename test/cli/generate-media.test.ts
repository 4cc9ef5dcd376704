/**
 * `generate_media` through the CLI against the fake provider: a gemini agent with
 * `enable_multimodal_tools` whose images go to the configured openai backend
 * (`image_generation_backend: openai`), speech to openai (auto: Gemini has no speech model in the
 * AI SDK), video to its own Veo (the long-running operation polled, the file downloaded); OpenAI
 * video is refused naming what is missing; a provider error comes back as an error result; xAI
 * images and video through `orchestrator:` keys; an unknown backend name stops the run before it starts.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FAKE_SPEECH, fakeMp4, fakePng } from '../fake-provider/generation-protocol.js';
import { consensus, scripted } from '../fake-provider/scenario.js';
import { createFakeProvider, type FakeProvider } from '../fake-provider/server.js';
import { field, runCli, tempHome, writeFile } from '../support/cli.js';
import { events } from '../tools/cli-helpers.js';

let fake: FakeProvider;
beforeAll(async () => {
  fake = await createFakeProvider();
});
afterAll(() => fake.close());

const ENV = { MASSGEN_VIDEO_POLL_MS: '20' };

const gen = (args: Record<string, unknown>) => ({ toolCalls: [{ name: 'generate_media', args }] });

/** The tool results of the run, in order. */
function toolResults(stdout: string) {
  return events(field(stdout, 'LOG_DIR')!).flatMap((e) =>
    e.type === 'tool-result' ? [{ output: e.output, isError: e.isError }] : [],
  );
}

function workspaceOf(home: string, prefix: string): string {
  const [dir] = readdirSync(path.join(home, '.massgen', 'workspaces')).filter((d) => d.startsWith(prefix));
  return path.join(home, '.massgen', 'workspaces', dir!);
}

describe('generate_media (CLI)', () => {
  it('routes a gemini agent: image to openai, audio to openai, video to its own Veo, OpenAI video refused', async () => {
    const model = 'gm-gemini';
    fake.setScenario(
      scripted(
        {
          [model]: [
            gen({ mode: 'image', prompt: 'A blue circle', filename: 'circle.png' }),
            gen({ mode: 'audio', prompt: 'Hello there', filename: 'hello.mp3', voice: 'nova' }),
            gen({ mode: 'video', prompt: 'A cat on a sofa', filename: 'clip.mp4', duration: 4 }),
            gen({ mode: 'video', prompt: 'A dog', backend_type: 'openai' }),
            {
              toolCalls: [
                { name: 'new_answer', args: { content: 'Made circle.png, hello.mp3 and clip.mp4.' } },
              ],
            },
          ],
        },
        consensus(),
      ),
    );
    const home = tempHome();
    const config = writeFile(
      home,
      'gm.yaml',
      [
        'agents:',
        '  - id: painter',
        '    backend:',
        '      type: gemini',
        `      model: ${model}`,
        `      base_url: "${fake.baseUrls.gemini}"`,
        '      api_key: gemini-key',
        '      cwd: ws_painter',
        '      enable_multimodal_tools: true',
        '      image_generation_backend: openai',
        '  - id: helper',
        '    backend:',
        '      type: openai',
        '      model: gm-helper',
        `      base_url: "${fake.baseUrls.openai}"`,
        '      api_key: openai-key',
        '',
      ].join('\n'),
    );
    const since = fake.generationRequests.length;
    const fetched = fake.generationFetches.length;
    const before = fake.requests.length;
    const r = await runCli(['--automation', '--config', config, 'Make a picture, a greeting and a clip'], {
      cwd: home,
      env: ENV,
    });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(
      fake.generationRequests.slice(since).map((g) => [g.provider, g.kind, g.model, g.input, g.voice]),
    ).toEqual([
      ['openai', 'image', 'gpt-image-1', 'A blue circle', undefined],
      ['openai', 'speech', 'gpt-4o-mini-tts', 'Hello there', 'nova'],
      ['google', 'video', 'veo-3.1-generate-preview', 'A cat on a sofa', undefined],
    ]);
    // Veo: the duration in the request; one poll while running, one when done, then the download.
    expect(fake.generationRequests[since + 2]!.body.parameters).toEqual({
      sampleCount: 1,
      durationSeconds: 4,
    });
    expect(fake.generationFetches.slice(fetched)).toEqual([
      '/v1beta/models/veo-3.1-generate-preview/operations/op1',
      '/v1beta/models/veo-3.1-generate-preview/operations/op1',
      '/v1beta/files/op1:download',
    ]);
    const results = toolResults(r.stdout);
    expect(results.map((x) => [x.isError, (x.output as { file?: string }).file ?? x.output])).toEqual([
      [false, 'circle.png'],
      [false, 'hello.mp3'],
      [false, 'clip.mp4'],
      [
        true,
        'Cannot generate video with openai: OpenAI video (Sora) is not available: the AI SDK OpenAI provider (@ai-sdk/openai 3.0) has no video model.',
      ],
    ]);
    expect(results[0]!.output).toEqual({
      message: `Saved the image to circle.png in your workspace (${fakePng().length} bytes).`,
      file: 'circle.png',
      mode: 'image',
      backend: 'openai',
      model: 'gpt-image-1',
      mediaType: 'image/png',
      bytes: fakePng().length,
    });
    // The image went back to the gemini model inside the function response.
    const second = fake.requests.slice(before).filter((q) => q.model === model)[1]!;
    expect(second.media?.map((m) => [m.mediaType, m.bytes])).toEqual([['image/png', fakePng().length]]);
    // The files are in the workspace, in the final workspace, and listed in the terminal.
    const ws = workspaceOf(home, 'ws_painter_');
    const final = path.join(field(r.stdout, 'LOG_DIR')!, 'final', 'painter', 'workspace');
    for (const dir of [ws, final]) {
      expect(readFileSync(path.join(dir, 'circle.png'))).toEqual(fakePng());
      expect(readFileSync(path.join(dir, 'hello.mp3'))).toEqual(FAKE_SPEECH);
      expect(readFileSync(path.join(dir, 'clip.mp4'))).toEqual(fakeMp4());
    }
    expect(r.stdout.split('\n').filter((l) => l.startsWith('GENERATED_FILE: '))).toEqual(
      ['circle.png', 'hello.mp3', 'clip.mp4'].map((f) => `GENERATED_FILE: ${path.join(ws, f)}`),
    );
  });

  it('a provider error comes back to the model as an error result naming the provider', async () => {
    const model = 'gm-fail';
    fake.setScenario(
      scripted(
        {
          [model]: [
            gen({ mode: 'image', prompt: 'Something forbidden', filename: 'x.png' }),
            { toolCalls: [{ name: 'new_answer', args: { content: 'Could not make it.' } }] },
          ],
        },
        consensus(),
      ),
    );
    fake.failGenerations({
      status: 400,
      type: 'image_generation_user_error',
      message: 'Your request was rejected by the safety system.',
    });
    const home = tempHome();
    const config = writeFile(
      home,
      'gm.yaml',
      [
        'agents:',
        '  - id: maker',
        `    backend: { type: openai, model: ${model}, base_url: "${fake.baseUrls.openai}", api_key: k, cwd: ws_m, enable_multimodal_tools: true }`,
        '',
      ].join('\n'),
    );
    try {
      const r = await runCli(['--automation', '--config', config, 'Q'], { cwd: home, env: ENV });
      expect(r.code).toBe(0);
      expect(toolResults(r.stdout)).toEqual([
        {
          isError: true,
          output:
            'openai gpt-image-1 failed: 400 image_generation_user_error: Your request was rejected by the safety system.',
        },
      ]);
      expect(r.stdout.split('\n').filter((l) => l.startsWith('GENERATED_FILE: '))).toEqual([]);
    } finally {
      fake.failGenerations(undefined);
    }
  });

  it('orchestrator keys route every agent: xAI images and video', async () => {
    const model = 'gm-openai';
    fake.setScenario(
      scripted(
        {
          [model]: [
            gen({ mode: 'image', prompt: 'A red star', filename: 'star' }),
            gen({ mode: 'video', prompt: 'Waves', filename: 'waves.mp4' }),
            { toolCalls: [{ name: 'new_answer', args: { content: 'Done.' } }] },
          ],
        },
        consensus(),
      ),
    );
    const home = tempHome();
    const config = writeFile(
      home,
      'gm.yaml',
      [
        'orchestrator:',
        '  enable_multimodal_tools: true',
        '  image_generation_backend: grok',
        '  multimodal_config:',
        '    video: { backend: grok, model: grok-imagine-video-1.5 }',
        'agents:',
        '  - id: maker',
        `    backend: { type: openai, model: ${model}, base_url: "${fake.baseUrls.openai}", api_key: k, cwd: ws_x }`,
        '  - id: grok',
        `    backend: { type: grok, model: gm-grok, base_url: "${fake.baseUrls.xai}", api_key: xai-key }`,
        '',
      ].join('\n'),
    );
    const since = fake.generationRequests.length;
    const r = await runCli(['--automation', '--config', config, 'Q'], { cwd: home, env: ENV });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(fake.generationRequests.slice(since).map((g) => [g.provider, g.kind, g.model, g.input])).toEqual([
      ['xai', 'image', 'grok-imagine-image', 'A red star'],
      ['xai', 'video', 'grok-imagine-video-1.5', 'Waves'],
    ]);
    const ws = workspaceOf(home, 'ws_x_');
    expect(readFileSync(path.join(ws, 'star.png'))).toEqual(fakePng());
    expect(readFileSync(path.join(ws, 'waves.mp4'))).toEqual(fakeMp4());
  });

  it('an unknown generation backend name stops the run before any agent starts', async () => {
    const home = tempHome();
    const config = writeFile(
      home,
      'gm.yaml',
      [
        'agents:',
        '  - id: a',
        `    backend: { type: gemini, model: gm-bad, base_url: "${fake.baseUrls.gemini}", api_key: k, cwd: ws_a, enable_multimodal_tools: true, video_generation_backend: sora }`,
        '',
      ].join('\n'),
    );
    const before = fake.requests.length;
    const r = await runCli(['--automation', '--config', config, 'Q'], { cwd: home });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      'agents[0].backend.video_generation_backend: expected one of `auto`, `openai`, `google`, `grok`, `openrouter`, `elevenlabs`; got "sora"',
    );
    expect(fake.requests.length).toBe(before);
  });
});
