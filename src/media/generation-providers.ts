/**
 * What each generation provider can make through the AI SDK, with which default model, and why it
 * cannot make the rest: the one table `generate_media`, `generate_image`, `generate_speech` and
 * `generate_video` read. Names are MassGen's (`google` is Gemini's API, `grok` is xAI's).
 */
import type { GenerationBackendName } from '../config/schema-generation.js';
import type { BackendType } from '../providers/catalog.js';

/** The kinds of media `generate_media` makes (MassGen's `mode`). */
export type GenerationMode = 'image' | 'audio' | 'video';

export const GENERATION_MODES: readonly GenerationMode[] = ['image', 'audio', 'video'];

/** A provider MassGen-TS generates with. */
export type GenerationProvider = 'openai' | 'google' | 'grok';

export interface GenerationProviderInfo {
  /** The backend type whose key, base URL and SDK it shares. */
  backendType: BackendType;
  /** Default model per mode it can make. */
  models: Partial<Record<GenerationMode, string>>;
  /** Why it cannot make a mode (what is missing). */
  missing: Partial<Record<GenerationMode, string>>;
}

export const GENERATION_PROVIDERS: Record<GenerationProvider, GenerationProviderInfo> = {
  openai: {
    backendType: 'openai',
    models: { image: 'gpt-image-1', audio: 'gpt-4o-mini-tts' },
    missing: {
      video:
        'OpenAI video (Sora) is not available: the AI SDK OpenAI provider (@ai-sdk/openai 3.0) has no video model',
    },
  },
  google: {
    backendType: 'gemini',
    models: { image: 'imagen-4.0-generate-001', video: 'veo-3.1-generate-preview' },
    missing: {
      audio:
        'Gemini speech (TTS) is not available: the AI SDK Google provider (@ai-sdk/google 3.0) has no speech model',
    },
  },
  grok: {
    backendType: 'grok',
    models: { image: 'grok-imagine-image', video: 'grok-imagine-video' },
    missing: {
      audio: 'xAI speech is not available: the AI SDK xAI provider (@ai-sdk/xai 3.0) has no speech model',
    },
  },
};

/** `auto` tries these in order (after the agent's own provider), as MassGen does. */
export const AUTO_ORDER: Record<GenerationMode, GenerationProvider[]> = {
  image: ['google', 'openai', 'grok'],
  video: ['grok', 'google'],
  audio: ['openai'],
};

/** The generation provider of a backend type (the agent's own), if it has one. */
export function providerOfBackendType(type: BackendType): GenerationProvider | undefined {
  for (const [name, info] of Object.entries(GENERATION_PROVIDERS))
    if (info.backendType === type) return name as GenerationProvider;
  return undefined;
}

/** Whether a MassGen backend name is one MassGen-TS generates with. */
export function isGenerationProvider(name: GenerationBackendName | string): name is GenerationProvider {
  return name in GENERATION_PROVIDERS;
}

/** Why `name` cannot make `mode`, or undefined when it can. */
export function cannotGenerate(name: string, mode: GenerationMode): string | undefined {
  if (name === 'openrouter' || name === 'elevenlabs')
    return `generation through ${name} is not supported yet; use openai, google or grok`;
  if (!isGenerationProvider(name))
    return `unknown generation backend "${name}"; use auto, openai, google or grok`;
  const info = GENERATION_PROVIDERS[name];
  if (info.models[mode]) return undefined;
  return info.missing[mode] ?? `${name} cannot generate ${mode}`;
}

/** The providers that can make a mode. */
export function providersFor(mode: GenerationMode): GenerationProvider[] {
  return (Object.keys(GENERATION_PROVIDERS) as GenerationProvider[]).filter(
    (p) => GENERATION_PROVIDERS[p].models[mode] !== undefined,
  );
}
