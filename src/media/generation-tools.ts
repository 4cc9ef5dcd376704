/**
 * Generation tools of an agent (`enable_image_generation`, `enable_audio_generation`): images and
 * speech through the AI SDK's image and speech APIs, on the agent's own provider (OpenAI; the
 * backend's key and base URL), saved as new files in the agent's workspace — so the final
 * workspace carries the winner's. The image also goes back to the model as a media part.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { BackendType } from '../providers/catalog.js';
import type { ToolEntry, ToolOutput } from '../tools/types.js';

/** The backend keys the generation tools read. */
export interface GenerationBackendConfig {
  type: BackendType;
  api_key?: string;
  base_url?: string;
  enable_image_generation?: boolean;
  enable_audio_generation?: boolean;
}

/** Names of the generation tools. */
export const GENERATION_TOOLS = new Set(['generate_image', 'generate_speech']);

/** The providers whose image and speech models the tools use, by backend type. */
const PROVIDERS: Partial<Record<BackendType, { image: string; speech: string }>> = {
  openai: { image: 'gpt-image-1', speech: 'gpt-4o-mini-tts' },
};

/** Why an agent does not get a tool it asked for, or undefined when it does. */
export function generationNotice(
  agentId: string,
  backend: GenerationBackendConfig,
  hasWorkspace: boolean,
): string | undefined {
  const asked = [
    backend.enable_image_generation && 'enable_image_generation',
    backend.enable_audio_generation && 'enable_audio_generation',
  ].filter(Boolean);
  if (asked.length === 0) return undefined;
  if (!PROVIDERS[backend.type])
    return `${agentId}: ${asked.join(' and ')} need an openai backend (this one is ${backend.type}); the agent runs without them`;
  if (!hasWorkspace)
    return `${agentId}: ${asked.join(' and ')} save files in the agent's workspace: set backend.cwd; the agent runs without them`;
  return undefined;
}

/** A file name for a new output: the one asked for (its base name, with `ext`), else `stem_<time>.ext`, never overwriting. */
async function outputPath(workspace: string, asked: unknown, stem: string, ext: string): Promise<string> {
  const { existsSync } = await import('node:fs');
  const base =
    typeof asked === 'string' && asked.trim() !== ''
      ? path
          .basename(asked.trim())
          .replace(/\.[^.]*$/, '')
          .replace(/[^\w.-]+/g, '_')
      : `${stem}_${Date.now()}`;
  let name = `${base}.${ext}`;
  for (let n = 2; existsSync(path.join(workspace, name)); n++) name = `${base}_${n}.${ext}`;
  return path.join(workspace, name);
}

/** The generation tools of an agent whose backend asks for them (see {@link generationNotice}). */
export function generationToolEntries(
  backend: GenerationBackendConfig,
  workspace: string,
  apiKey: string,
  baseURL: string | undefined,
  timeoutMs: number,
): ToolEntry[] {
  const models = PROVIDERS[backend.type];
  if (!models) return [];
  const provider = async () => (await import('@ai-sdk/openai')).createOpenAI({ apiKey, baseURL });
  const entries: ToolEntry[] = [];
  if (backend.enable_image_generation) {
    entries.push({
      name: 'generate_image',
      description:
        'Generate an image from a text description; it is saved as a PNG file in your workspace and shown to you.',
      inputSchema: {
        type: 'object',
        properties: {
          prompt: { type: 'string', description: 'What the image shows.' },
          filename: {
            type: 'string',
            description: 'File name in the workspace (without folder), e.g. "logo.png".',
          },
        },
        required: ['prompt', 'filename'],
        additionalProperties: false,
      },
      source: 'workspace',
      timeoutMs,
      origin: `${backend.type} image model ${models.image}`,
      async execute(input, context): Promise<ToolOutput> {
        const { prompt, filename } = (input ?? {}) as { prompt?: unknown; filename?: unknown };
        if (typeof prompt !== 'string' || prompt.trim() === '')
          return { value: 'generate_image needs a prompt.', isError: true };
        const { experimental_generateImage: generateImage } = await import('ai');
        const { image } = await generateImage({
          model: (await provider()).image(models.image),
          prompt,
          abortSignal: context.signal,
        });
        const file = await outputPath(workspace, filename, 'image', 'png');
        await writeFile(file, image.uint8Array);
        return {
          value: `Saved the image to ${path.basename(file)} in your workspace (${image.uint8Array.byteLength} bytes).`,
          media: [{ type: 'image', mediaType: image.mediaType || 'image/png', data: image.base64 }],
        };
      },
    });
  }
  if (backend.enable_audio_generation) {
    entries.push({
      name: 'generate_speech',
      description: 'Read a text aloud; the speech is saved as an MP3 file in your workspace.',
      inputSchema: {
        type: 'object',
        properties: {
          text: { type: 'string', description: 'What is said.' },
          filename: {
            type: 'string',
            description: 'File name in the workspace (without folder), e.g. "intro.mp3".',
          },
          voice: { type: 'string', description: 'The voice (e.g. alloy, verse, coral).' },
        },
        required: ['text', 'filename', 'voice'],
        additionalProperties: false,
      },
      source: 'workspace',
      timeoutMs,
      origin: `${backend.type} speech model ${models.speech}`,
      async execute(input, context): Promise<ToolOutput> {
        const { text, filename, voice } = (input ?? {}) as {
          text?: unknown;
          filename?: unknown;
          voice?: unknown;
        };
        if (typeof text !== 'string' || text.trim() === '')
          return { value: 'generate_speech needs a text.', isError: true };
        const { experimental_generateSpeech: generateSpeech } = await import('ai');
        const { audio } = await generateSpeech({
          model: (await provider()).speech(models.speech),
          text,
          voice: typeof voice === 'string' && voice !== '' ? voice : 'alloy',
          outputFormat: 'mp3',
          abortSignal: context.signal,
        });
        const file = await outputPath(workspace, filename, 'speech', 'mp3');
        await writeFile(file, audio.uint8Array);
        return {
          value: `Saved the speech to ${path.basename(file)} in your workspace (${audio.uint8Array.byteLength} bytes).`,
        };
      },
    });
  }
  return entries;
}
