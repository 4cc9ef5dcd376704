/** A run that generates media, for the web tests: one openai agent making an image and speech. */
import { consensus, scripted } from '../fake-provider/scenario.js';
import type { FakeProvider } from '../fake-provider/server.js';
import { writeFile } from '../support/cli.js';

/** A config of one openai agent `maker` with image and speech generation, on model `model`. */
export function makerConfig(fake: FakeProvider, dir: string, model: string): string {
  return writeFile(
    dir,
    'maker.yaml',
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
}

/** The maker's turns: an image, speech, then its answer. */
export function makerScript(model: string) {
  return scripted(
    {
      [model]: [
        { toolCalls: [{ name: 'generate_image', args: { prompt: 'A red square', filename: 'logo.png' } }] },
        { toolCalls: [{ name: 'generate_speech', args: { text: 'Welcome!', filename: 'intro.mp3' } }] },
        { toolCalls: [{ name: 'new_answer', args: { content: 'Made logo.png and intro.mp3.' } }] },
      ],
    },
    consensus(),
  );
}

/** A config of one gemini agent `filmer` with the media tools (its video goes to its own Veo). */
export function filmerConfig(fake: FakeProvider, dir: string, model: string): string {
  return writeFile(
    dir,
    'filmer.yaml',
    [
      'agents:',
      '  - id: filmer',
      '    backend:',
      '      type: gemini',
      `      model: ${model}`,
      `      base_url: "${fake.baseUrls.gemini}"`,
      '      api_key: gemini-key',
      '      cwd: ws_filmer',
      '      enable_multimodal_tools: true',
      '',
    ].join('\n'),
  );
}

/** The filmer's turns: a video through generate_media, then its answer. */
export function filmerScript(model: string) {
  return scripted(
    {
      [model]: [
        {
          toolCalls: [
            {
              name: 'generate_media',
              args: { mode: 'video', prompt: 'A cat on a sofa', filename: 'clip.mp4', duration: 4 },
            },
          ],
        },
        { toolCalls: [{ name: 'new_answer', args: { content: 'Made clip.mp4.' } }] },
      ],
    },
    consensus(),
  );
}
