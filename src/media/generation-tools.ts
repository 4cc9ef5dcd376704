/**
 * Generation tools of an agent (`enable_image_generation`, `enable_audio_generation`,
 * `enable_video_generation`): `generate_image`, `generate_speech` and `generate_video` on the
 * agent's own provider (its key and base URL) where the AI SDK has the model (see
 * generation-providers.ts), saved as new files in the agent's workspace — so the final workspace
 * carries the winner's. The image also goes back to the model as a media part.
 */
import { errorText } from '../error-text.js';
import type { BackendType } from '../providers/catalog.js';
import type { ToolEntry, ToolOutput } from '../tools/types.js';
import { saveGenerated } from './generation-output.js';
import {
  cannotGenerate,
  GENERATION_PROVIDERS,
  type GenerationMode,
  providerOfBackendType,
} from './generation-providers.js';
import type { GenerationCredentials } from './generation-route.js';
import { runGeneration } from './generation-run.js';

/** The backend keys the generation tools read. */
export interface GenerationBackendConfig {
  type: BackendType;
  api_key?: string;
  base_url?: string;
  enable_image_generation?: boolean;
  enable_audio_generation?: boolean;
  enable_video_generation?: boolean;
}

/** Names of the generation tools (generate_media included). */
export const GENERATION_TOOLS = new Set([
  'generate_image',
  'generate_speech',
  'generate_video',
  'generate_media',
]);

const KEYS: Array<[keyof GenerationBackendConfig, GenerationMode]> = [
  ['enable_image_generation', 'image'],
  ['enable_audio_generation', 'audio'],
  ['enable_video_generation', 'video'],
];

/** The modes a backend asks for. */
function askedModes(backend: GenerationBackendConfig): Array<[string, GenerationMode]> {
  return KEYS.filter(([key]) => backend[key] === true).map(([key, mode]) => [key, mode]);
}

/** Why an agent does not get tools it asked for (one line per reason), empty when it gets them all. */
export function generationNotices(
  agentId: string,
  backend: GenerationBackendConfig,
  hasWorkspace: boolean,
): string[] {
  const asked = askedModes(backend);
  if (asked.length === 0) return [];
  if (!hasWorkspace)
    return [
      `${agentId}: ${asked.map(([k]) => k).join(' and ')} save files in the agent's workspace: set backend.cwd; the agent runs without them`,
    ];
  const provider = providerOfBackendType(backend.type);
  const out: string[] = [];
  for (const [key, mode] of asked) {
    const reason = provider
      ? cannotGenerate(provider, mode)
      : `it needs an openai, gemini or grok backend (this one is ${backend.type})`;
    if (reason)
      out.push(
        `${agentId}: ${key}: ${reason}; the agent runs without it (enable_multimodal_tools gives generate_media, which can use another provider)`,
      );
  }
  return out;
}

const filenameProperty = (example: string) => ({
  type: 'string',
  description: `File name in the workspace (without folder), e.g. "${example}".`,
});

/** The generation tools of an agent whose backend asks for them (see {@link generationNotices}). */
export function generationToolEntries(
  backend: GenerationBackendConfig,
  workspace: string,
  credentials: GenerationCredentials,
  timeoutMs: number,
  env: NodeJS.ProcessEnv = {},
): ToolEntry[] {
  const provider = providerOfBackendType(backend.type);
  if (!provider) return [];
  const models = GENERATION_PROVIDERS[provider].models;
  const entries: ToolEntry[] = [];
  const make =
    (name: string, mode: GenerationMode, textKey: 'prompt' | 'text') =>
    async (input: unknown, context: { signal: AbortSignal }): Promise<ToolOutput> => {
      const args = (input ?? {}) as Record<string, unknown>;
      const text = args[textKey];
      if (typeof text !== 'string' || text.trim() === '')
        return { value: `${name} needs a ${textKey}.`, isError: true };
      const route = { provider, model: models[mode]!, credentials };
      try {
        const media = await runGeneration(
          route,
          mode,
          {
            prompt: text,
            ...(typeof args.voice === 'string' && args.voice !== '' ? { voice: args.voice } : {}),
          },
          context.signal,
          env,
        );
        return await saveGenerated(workspace, args.filename, text, media, {
          mode,
          backend: provider,
          model: route.model,
        });
      } catch (error) {
        return { value: `${provider} ${route.model} failed: ${errorText(error)}`, isError: true };
      }
    };
  const base = { source: 'workspace' as const, timeoutMs };
  if (backend.enable_image_generation && models.image) {
    entries.push({
      ...base,
      name: 'generate_image',
      description:
        'Generate an image from a text description; it is saved in your workspace and shown to you.',
      inputSchema: {
        type: 'object',
        properties: {
          prompt: { type: 'string', description: 'What the image shows.' },
          filename: filenameProperty('logo.png'),
        },
        required: ['prompt', 'filename'],
        additionalProperties: false,
      },
      origin: `${backend.type} image model ${models.image}`,
      execute: make('generate_image', 'image', 'prompt'),
    });
  }
  if (backend.enable_audio_generation && models.audio) {
    entries.push({
      ...base,
      name: 'generate_speech',
      description: 'Read a text aloud; the speech is saved as an MP3 file in your workspace.',
      inputSchema: {
        type: 'object',
        properties: {
          text: { type: 'string', description: 'What is said.' },
          filename: filenameProperty('intro.mp3'),
          voice: { type: 'string', description: 'The voice (e.g. alloy, verse, coral).' },
        },
        required: ['text', 'filename', 'voice'],
        additionalProperties: false,
      },
      origin: `${backend.type} speech model ${models.audio}`,
      execute: make('generate_speech', 'audio', 'text'),
    });
  }
  if (backend.enable_video_generation && models.video) {
    entries.push({
      ...base,
      timeoutMs: Math.max(timeoutMs, 600_000),
      name: 'generate_video',
      description:
        'Generate a short video from a text description; it is saved as an MP4 file in your workspace.',
      inputSchema: {
        type: 'object',
        properties: {
          prompt: { type: 'string', description: 'What the video shows.' },
          filename: filenameProperty('clip.mp4'),
        },
        required: ['prompt', 'filename'],
        additionalProperties: false,
      },
      origin: `${backend.type} video model ${models.video}`,
      execute: make('generate_video', 'video', 'prompt'),
    });
  }
  return entries;
}
