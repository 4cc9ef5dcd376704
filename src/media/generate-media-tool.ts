/**
 * `generate_media` (MassGen's tool, given by `enable_multimodal_tools: true`): an image, speech or a
 * video from a prompt, made by the backend the call or the config names, or the first one that
 * can (src/media/generation-route.ts) — also when the agent's own backend cannot. The file is saved
 * in the agent's workspace; an image also goes back to the model as a media part.
 */
import type { GenerationRoutingConfig } from '../config/schema-generation.js';
import { GENERATION_BACKEND_NAMES } from '../config/schema-generation.js';
import { errorText } from '../error-text.js';
import type { BackendType } from '../providers/catalog.js';
import type { ToolEntry, ToolOutput } from '../tools/types.js';
import { saveGenerated } from './generation-output.js';
import { GENERATION_MODES, type GenerationMode } from './generation-providers.js';
import { type CredentialFinder, routeGeneration } from './generation-route.js';
import { type GenerationInput, runGeneration } from './generation-run.js';

export interface GenerateMediaOptions {
  workspace: string;
  /** The agent's backend type (its own provider is tried first on `auto`). */
  ownType: BackendType;
  /** The routing keys of the agent's backend, then of `orchestrator:`. */
  levels: ReadonlyArray<GenerationRoutingConfig | undefined>;
  credentials: CredentialFinder;
  env: NodeJS.ProcessEnv;
  timeoutMs: number;
}

/** Video generation waits for the provider's long-running operation: at least 10 minutes. */
const VIDEO_TIMEOUT_MS = 600_000;

const ASPECT = /^\d+:\d+$/;

/** The `generate_media` tool of an agent with a workspace. */
export function generateMediaToolEntry(options: GenerateMediaOptions): ToolEntry {
  return {
    name: 'generate_media',
    description:
      'Generate an image, speech (audio: the prompt is the text spoken) or a video from a text prompt; the file is saved in your workspace (an image is also shown to you).',
    inputSchema: {
      type: 'object',
      properties: {
        prompt: { type: 'string', description: 'What to make (for audio: the exact words to say).' },
        mode: {
          type: 'string',
          enum: [...GENERATION_MODES],
          description: 'image (default), audio or video.',
        },
        backend_type: {
          type: 'string',
          enum: GENERATION_BACKEND_NAMES.filter((n) => n !== 'openrouter' && n !== 'elevenlabs'),
          description: 'Who makes it: auto (default) or a provider.',
        },
        model: { type: 'string', description: "A model of that provider (default: the provider's)." },
        filename: { type: 'string', description: 'File name in the workspace (without folder).' },
        voice: { type: 'string', description: 'audio: the voice (e.g. alloy, coral).' },
        aspect_ratio: { type: 'string', description: 'image, video: e.g. "16:9".' },
        duration: { type: 'number', description: 'video: length in seconds.' },
      },
      required: ['prompt'],
      additionalProperties: false,
    },
    source: 'workspace',
    timeoutMs: Math.max(options.timeoutMs, VIDEO_TIMEOUT_MS),
    origin: 'media generation',
    async execute(input, context): Promise<ToolOutput> {
      const args = (input ?? {}) as Record<string, unknown>;
      const prompt = typeof args.prompt === 'string' ? args.prompt.trim() : '';
      if (prompt === '') return { value: 'generate_media needs a prompt.', isError: true };
      const mode = (args.mode ?? 'image') as GenerationMode;
      if (!GENERATION_MODES.includes(mode))
        return {
          value: `generate_media: mode must be image, audio or video (got ${String(args.mode)}).`,
          isError: true,
        };
      const route = routeGeneration({
        mode,
        asked: {
          backend: typeof args.backend_type === 'string' ? args.backend_type : undefined,
          model: typeof args.model === 'string' && args.model !== '' ? args.model : undefined,
        },
        levels: options.levels,
        ownType: options.ownType,
        credentials: options.credentials,
      });
      if ('error' in route) return { value: route.error, isError: true };
      const generation: GenerationInput = {
        prompt,
        ...(typeof args.voice === 'string' && args.voice !== '' ? { voice: args.voice } : {}),
        ...(typeof args.aspect_ratio === 'string' && ASPECT.test(args.aspect_ratio)
          ? { aspectRatio: args.aspect_ratio as `${number}:${number}` }
          : {}),
        ...(typeof args.duration === 'number' && args.duration > 0 ? { duration: args.duration } : {}),
      };
      try {
        const media = await runGeneration(route, mode, generation, context.signal, options.env);
        return await saveGenerated(options.workspace, args.filename, prompt, media, {
          mode,
          backend: route.provider,
          model: route.model,
        });
      } catch (error) {
        return { value: `${route.provider} ${route.model} failed: ${errorText(error)}`, isError: true };
      }
    },
  };
}
