/**
 * Generation tools through the CLI (`enable_image_generation`, `enable_audio_generation`): the agent
 * calls them, the fake provider's image and speech endpoints answer, the files land in its
 * workspace and in the final workspace of the log; the image goes back to the model as a media part.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
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

describe('generation tools (CLI)', () => {
  it('generate_image and generate_speech write files that reach the final workspace', async () => {
    const model = 'gen-gpt';
    fake.setScenario(
      scripted(
        {
          [model]: [
            {
              toolCalls: [
                { name: 'generate_image', args: { prompt: 'A red square logo', filename: 'logo.png' } },
              ],
            },
            {
              toolCalls: [
                {
                  name: 'generate_speech',
                  args: { text: 'Welcome!', filename: 'intro.mp3', voice: 'coral' },
                },
              ],
            },
            { toolCalls: [{ name: 'new_answer', args: { content: 'Made logo.png and intro.mp3.' } }] },
          ],
        },
        consensus(),
      ),
    );
    const home = tempHome();
    const config = writeFile(
      home,
      'gen.yaml',
      [
        'agents:',
        '  - id: maker',
        '    backend:',
        '      type: openai',
        `      model: ${model}`,
        `      base_url: "${fake.baseUrls.openai}"`,
        '      api_key: test-key',
        '      cwd: ws_maker',
        '      enable_image_generation: true',
        '      enable_audio_generation: true',
        '',
      ].join('\n'),
    );
    const since = fake.generationRequests.length;
    const before = fake.requests.length;
    const r = await runCli(['--automation', '--config', config, 'Make a logo and a spoken intro'], {
      cwd: home,
    });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(
      fake.generationRequests.slice(since).map((g) => [g.provider, g.kind, g.model, g.input, g.voice]),
    ).toEqual([
      ['openai', 'image', 'gpt-image-1', 'A red square logo', undefined],
      ['openai', 'speech', 'gpt-4o-mini-tts', 'Welcome!', 'coral'],
    ]);
    // The files are in the agent's workspace (.massgen/workspaces/ws_maker_<8hex>/) and in the final workspace of the log.
    const [workspace] = readdirSync(path.join(home, '.massgen', 'workspaces')).filter((d) =>
      d.startsWith('ws_maker_'),
    );
    expect(readFileSync(path.join(home, '.massgen', 'workspaces', workspace!, 'logo.png'))).toEqual(
      fakePng(),
    );
    expect(readFileSync(path.join(home, '.massgen', 'workspaces', workspace!, 'intro.mp3'))).toEqual(
      FAKE_SPEECH,
    );
    const final = path.join(field(r.stdout, 'LOG_DIR')!, 'final', 'maker', 'workspace');
    expect(readFileSync(path.join(final, 'logo.png'))).toEqual(fakePng());
    expect(existsSync(path.join(final, 'intro.mp3'))).toBe(true);
    // The image came back to the model inside the function call's output.
    const second = fake.requests.slice(before).filter((q) => q.model === model)[1]!;
    expect(second.media?.map((m) => [m.wireType, m.mediaType, m.bytes])).toEqual([
      ['input_image', 'image/png', fakePng().length],
    ]);
    const results = events(field(r.stdout, 'LOG_DIR')!).flatMap((e) =>
      e.type === 'tool-result' ? [e.output] : [],
    );
    expect(results).toEqual([
      {
        message: `Saved the image to logo.png in your workspace (${fakePng().length} bytes).`,
        file: 'logo.png',
        mode: 'image',
        backend: 'openai',
        model: 'gpt-image-1',
        mediaType: 'image/png',
        bytes: fakePng().length,
      },
      {
        message: `Saved the speech to intro.mp3 in your workspace (${FAKE_SPEECH.length} bytes).`,
        file: 'intro.mp3',
        mode: 'audio',
        backend: 'openai',
        model: 'gpt-4o-mini-tts',
        mediaType: 'audio/mpeg',
        bytes: FAKE_SPEECH.length,
      },
    ]);
    // The terminal lists the presenter's generated files, in its workspace.
    const ws = path.join(home, '.massgen', 'workspaces', workspace!);
    expect(r.stdout.split('\n').filter((l) => l.startsWith('GENERATED_FILE: '))).toEqual([
      `GENERATED_FILE: ${path.join(ws, 'logo.png')}`,
      `GENERATED_FILE: ${path.join(ws, 'intro.mp3')}`,
    ]);
  });

  it('a backend without a workspace or of another type runs without them, with a notice', async () => {
    fake.setScenario(consensus());
    const home = tempHome();
    const config = writeFile(
      home,
      'gen.yaml',
      [
        'agents:',
        '  - id: nows',
        `    backend: { type: openai, model: gen-nows, base_url: "${fake.baseUrls.openai}", api_key: k, enable_image_generation: true }`,
        '  - id: claude',
        `    backend: { type: claude, model: gen-claude, base_url: "${fake.baseUrls.anthropic}", api_key: k, cwd: ws_c, enable_audio_generation: true }`,
        '',
      ].join('\n'),
    );
    const r = await runCli(['--automation', '--config', config, 'Q'], { cwd: home });
    expect(r.code).toBe(0);
    const notices = events(field(r.stdout, 'LOG_DIR')!).flatMap((e) =>
      e.type === 'notice' && e.message.includes('generation') ? [`${e.agentId}: ${e.message}`] : [],
    );
    expect(notices).toEqual([
      "nows: nows: enable_image_generation save files in the agent's workspace: set backend.cwd; the agent runs without them",
      'claude: claude: enable_audio_generation: it needs an openai, gemini or grok backend (this one is claude); the agent runs without it (enable_multimodal_tools gives generate_media, which can use another provider)',
    ]);
  });
  it('enable_video_generation: generate_video on a gemini backend (Veo); an openai backend is told why not', async () => {
    const model = 'gen-veo';
    fake.setScenario(
      scripted(
        {
          [model]: [
            {
              toolCalls: [{ name: 'generate_video', args: { prompt: 'A sunrise', filename: 'sunrise.mp4' } }],
            },
            { toolCalls: [{ name: 'new_answer', args: { content: 'Made sunrise.mp4.' } }] },
          ],
        },
        consensus(),
      ),
    );
    const home = tempHome();
    const config = writeFile(
      home,
      'gen.yaml',
      [
        'agents:',
        '  - id: director',
        `    backend: { type: gemini, model: ${model}, base_url: "${fake.baseUrls.gemini}", api_key: k, cwd: ws_d, enable_video_generation: true }`,
        '  - id: sora',
        `    backend: { type: openai, model: gen-sora, base_url: "${fake.baseUrls.openai}", api_key: k, cwd: ws_s, enable_video_generation: true }`,
        '',
      ].join('\n'),
    );
    const since = fake.generationRequests.length;
    const r = await runCli(['--automation', '--config', config, 'Make a clip'], {
      cwd: home,
      env: { MASSGEN_VIDEO_POLL_MS: '20' },
    });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(fake.generationRequests.slice(since).map((g) => [g.provider, g.kind, g.model, g.input])).toEqual([
      ['google', 'video', 'veo-3.1-generate-preview', 'A sunrise'],
    ]);
    const final = path.join(field(r.stdout, 'LOG_DIR')!, 'final', 'director', 'workspace');
    expect(readFileSync(path.join(final, 'sunrise.mp4'))).toEqual(fakeMp4());
    const notices = events(field(r.stdout, 'LOG_DIR')!).flatMap((e) =>
      e.type === 'notice' && e.message.includes('generation') ? [e.message] : [],
    );
    expect(notices).toEqual([
      'sora: enable_video_generation: OpenAI video (Sora) is not available: the AI SDK OpenAI provider (@ai-sdk/openai 3.0) has no video model; the agent runs without it (enable_multimodal_tools gives generate_media, which can use another provider)',
    ]);
  });
});
