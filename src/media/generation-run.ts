/**
 * One generation through the AI SDK on a resolved route: images (`experimental_generateImage`),
 * speech (`experimental_generateSpeech`) and video (`experimental_generateVideo`, which polls the
 * provider's long-running operation and downloads the file). Providers are imported when used.
 */
import type { GenerationMode } from './generation-providers.js';
import type { GenerationRoute } from './generation-route.js';

/** What the call asks for besides the prompt. */
export interface GenerationInput {
  prompt: string;
  voice?: string;
  /** `W:H`, images and video. */
  aspectRatio?: `${number}:${number}`;
  /** Seconds, video. */
  duration?: number;
}

/** The generated file. */
export interface GeneratedMedia {
  data: Uint8Array;
  mediaType: string;
  /** File extension without the dot. */
  ext: string;
}

const EXT: Record<string, string> = {
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/webp': 'webp',
  'audio/mpeg': 'mp3',
  'audio/mp3': 'mp3',
  'audio/wav': 'wav',
  'video/mp4': 'mp4',
};

/**
 * Milliseconds between polls of a video operation: `MASSGEN_VIDEO_POLL_MS`, else the provider's
 * default (10 s on Google, 5 s on xAI).
 */
function pollIntervalMs(env: NodeJS.ProcessEnv): number | undefined {
  const value = Number(env.MASSGEN_VIDEO_POLL_MS);
  return Number.isFinite(value) && value > 0 ? value : undefined;
}

async function imageModel(route: GenerationRoute) {
  const { apiKey, baseURL } = route.credentials;
  if (route.provider === 'openai')
    return (await import('@ai-sdk/openai')).createOpenAI({ apiKey, baseURL }).image(route.model);
  if (route.provider === 'google')
    return (await import('@ai-sdk/google')).createGoogleGenerativeAI({ apiKey, baseURL }).image(route.model);
  return (await import('@ai-sdk/xai')).createXai({ apiKey, baseURL }).image(route.model);
}

async function videoModel(route: GenerationRoute) {
  const { apiKey, baseURL } = route.credentials;
  if (route.provider === 'google')
    return (await import('@ai-sdk/google')).createGoogleGenerativeAI({ apiKey, baseURL }).video(route.model);
  if (route.provider === 'grok')
    return (await import('@ai-sdk/xai')).createXai({ apiKey, baseURL }).video(route.model);
  throw new Error(`${route.provider} has no video model`);
}

/** Largest video downloaded (the AI SDK's default limit). */
const MAX_VIDEO_BYTES = 2 * 1024 ** 3;

/**
 * Downloads a generated video. A URL on the provider's own base URL (the server the config names,
 * also a local one) is fetched as it is; any other goes through the AI SDK's download, which
 * refuses private and loopback addresses.
 */
function videoDownload(baseURL: string | undefined, ai: typeof import('ai')) {
  const checked = ai.createDownload({ maxBytes: MAX_VIDEO_BYTES });
  return async ({ url, abortSignal }: { url: URL; abortSignal?: AbortSignal }) => {
    if (!baseURL || url.origin !== new URL(baseURL).origin) return checked({ url, abortSignal });
    const response = await fetch(url, { signal: abortSignal });
    if (!response.ok) throw new Error(`downloading the video failed: HTTP ${response.status}`);
    return {
      data: new Uint8Array(await response.arrayBuffer()),
      mediaType: response.headers.get('content-type') ?? undefined,
    };
  };
}

/** Generates one file of `mode` on `route`. Provider errors are thrown as the AI SDK throws them. */
export async function runGeneration(
  route: GenerationRoute,
  mode: GenerationMode,
  input: GenerationInput,
  signal: AbortSignal,
  env: NodeJS.ProcessEnv,
): Promise<GeneratedMedia> {
  const ai = await import('ai');
  if (mode === 'image') {
    const { image } = await ai.experimental_generateImage({
      model: await imageModel(route),
      prompt: input.prompt,
      ...(input.aspectRatio && route.provider !== 'openai' ? { aspectRatio: input.aspectRatio } : {}),
      abortSignal: signal,
    });
    const mediaType = image.mediaType || 'image/png';
    return { data: image.uint8Array, mediaType, ext: EXT[mediaType] ?? 'png' };
  }
  if (mode === 'audio') {
    const { createOpenAI } = await import('@ai-sdk/openai');
    const { apiKey, baseURL } = route.credentials;
    const { audio } = await ai.experimental_generateSpeech({
      model: createOpenAI({ apiKey, baseURL }).speech(route.model),
      text: input.prompt,
      voice: input.voice || 'alloy',
      outputFormat: 'mp3',
      abortSignal: signal,
    });
    return { data: audio.uint8Array, mediaType: 'audio/mpeg', ext: 'mp3' };
  }
  const poll = pollIntervalMs(env);
  const options = poll === undefined ? undefined : { pollIntervalMs: poll };
  const { video } = await ai.experimental_generateVideo({
    model: await videoModel(route),
    prompt: input.prompt,
    ...(input.aspectRatio ? { aspectRatio: input.aspectRatio } : {}),
    ...(input.duration ? { duration: input.duration } : {}),
    ...(options ? { providerOptions: { google: options, xai: options } } : {}),
    download: videoDownload(route.credentials.baseURL, ai),
    abortSignal: signal,
  });
  const mediaType = video.mediaType || 'video/mp4';
  return { data: video.uint8Array, mediaType, ext: EXT[mediaType] ?? 'mp4' };
}
