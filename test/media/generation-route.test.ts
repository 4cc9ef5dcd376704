/**
 * Routing of `generate_media` calls (src/media/generation-route.ts): which key names the backend,
 * `auto`, models, credentials from the agent, the run and the environment, and the errors.
 */
import { describe, expect, it } from 'vitest';
import type { GenerationRoutingConfig } from '../../src/config/schema-generation.js';
import type { GenerationProvider } from '../../src/media/generation-providers.js';
import {
  configuredChoice,
  credentialFinder,
  type RouteRequest,
  routeGeneration,
} from '../../src/media/generation-route.js';

/** Credentials for the listed providers only. */
const keys =
  (...providers: GenerationProvider[]) =>
  (p: GenerationProvider) =>
    providers.includes(p) ? { apiKey: `${p}-key`, baseURL: `https://${p}.example/v1` } : undefined;

const route = (request: Partial<RouteRequest>) =>
  routeGeneration({
    mode: 'image',
    asked: {},
    levels: [],
    ownType: 'claude',
    credentials: keys('openai', 'google', 'grok'),
    ...request,
  });

const brief = (r: ReturnType<typeof routeGeneration>) => ('error' in r ? r.error : [r.provider, r.model]);

describe('routeGeneration', () => {
  it('auto: the agent’s own provider first, else MassGen’s order among those with a key', () => {
    expect(brief(route({ ownType: 'grok' }))).toEqual(['grok', 'grok-imagine-image']);
    expect(brief(route({ ownType: 'claude' }))).toEqual(['google', 'imagen-4.0-generate-001']);
    expect(brief(route({ credentials: keys('openai') }))).toEqual(['openai', 'gpt-image-1']);
    expect(brief(route({ mode: 'video', ownType: 'openai' }))).toEqual(['grok', 'grok-imagine-video']);
    expect(brief(route({ mode: 'audio', ownType: 'gemini' }))).toEqual(['openai', 'gpt-4o-mini-tts']);
  });

  it('the call’s backend_type beats the agent’s keys, which beat multimodal_config, which beat orchestrator’s', () => {
    const agent: GenerationRoutingConfig = {
      image_generation_backend: 'grok',
      multimodal_config: { image: { backend: 'openai' } },
    };
    const orchestrator: GenerationRoutingConfig = { image_generation_backend: 'google' };
    expect(brief(route({ asked: { backend: 'openai' }, levels: [agent, orchestrator] }))).toEqual([
      'openai',
      'gpt-image-1',
    ]);
    expect(brief(route({ levels: [agent, orchestrator] }))).toEqual(['grok', 'grok-imagine-image']);
    expect(brief(route({ levels: [{ multimodal_config: agent.multimodal_config }, orchestrator] }))).toEqual([
      'openai',
      'gpt-image-1',
    ]);
    expect(brief(route({ levels: [undefined, orchestrator] }))).toEqual([
      'google',
      'imagen-4.0-generate-001',
    ]);
    expect(brief(route({ asked: { backend: 'auto' }, levels: [undefined, orchestrator] }))).toEqual([
      'google',
      'imagen-4.0-generate-001',
    ]);
  });

  it('models: the call’s, else the configured one of the chosen backend, else the default', () => {
    const level: GenerationRoutingConfig = {
      image_generation_backend: 'openai',
      image_generation_model: 'gpt-image-1.5',
    };
    expect(brief(route({ levels: [level] }))).toEqual(['openai', 'gpt-image-1.5']);
    expect(brief(route({ levels: [level], asked: { model: 'dall-e-3' } }))).toEqual(['openai', 'dall-e-3']);
    // A model configured for openai is not sent to grok.
    expect(brief(route({ levels: [level], asked: { backend: 'grok' } }))).toEqual([
      'grok',
      'grok-imagine-image',
    ]);
    expect(
      brief(
        route({
          levels: [{ video_generation_model: 'veo-3.0-generate-001' }],
          mode: 'video',
          ownType: 'gemini',
        }),
      ),
    ).toEqual(['google', 'veo-3.0-generate-001']);
  });

  it('a named backend that cannot make the mode, or has no key, is an error naming what is missing', () => {
    expect(brief(route({ mode: 'video', asked: { backend: 'openai' } }))).toBe(
      'Cannot generate video with openai: OpenAI video (Sora) is not available: the AI SDK OpenAI provider (@ai-sdk/openai 3.0) has no video model.',
    );
    expect(brief(route({ mode: 'audio', levels: [{ audio_generation_backend: 'google' }] }))).toBe(
      'Cannot generate audio with google: Gemini speech (TTS) is not available: the AI SDK Google provider (@ai-sdk/google 3.0) has no speech model.',
    );
    expect(brief(route({ asked: { backend: 'grok' }, credentials: keys('openai') }))).toBe(
      'Cannot generate image with grok: grok needs XAI_API_KEY (or an agent of type grok).',
    );
    expect(brief(route({ asked: { backend: 'elevenlabs' } }))).toBe(
      'Cannot generate image with elevenlabs: generation through elevenlabs is not supported yet; use openai, google or grok.',
    );
    expect(brief(route({ asked: { backend: 'dalle' } }))).toBe(
      'Cannot generate image with dalle: unknown generation backend "dalle"; use auto, openai, google or grok.',
    );
  });

  it('auto with no key anywhere says which keys would do and what is missing', () => {
    expect(brief(route({ mode: 'video', credentials: keys() }))).toBe(
      'No backend can generate video: google needs GEMINI_API_KEY or GOOGLE_API_KEY (or an agent of type gemini); grok needs XAI_API_KEY (or an agent of type grok); OpenAI video (Sora) is not available: the AI SDK OpenAI provider (@ai-sdk/openai 3.0) has no video model.',
    );
  });
});

describe('configuredChoice', () => {
  it('skips openrouter and elevenlabs (accepted with a warning, ignored)', () => {
    expect(
      configuredChoice('image', [
        { image_generation_backend: 'openrouter', image_generation_model: 'x' },
        { multimodal_config: { image: { backend: 'grok' } } },
      ]),
    ).toEqual({ backend: 'grok', model: undefined });
  });

  it('skips multimodal_config entries naming read_media’s backends (gemini, claude)', () => {
    expect(
      configuredChoice('audio', [
        { multimodal_config: { audio: { backend: 'gemini', model: 'gemini-2.5-flash' } } },
        { audio_generation_backend: 'openai' },
      ]),
    ).toEqual({ backend: 'openai', model: undefined });
  });

  it('takes the first level that names the mode', () => {
    expect(
      configuredChoice('audio', [
        { image_generation_backend: 'grok' },
        { audio_generation_backend: 'openai' },
      ]),
    ).toEqual({
      backend: 'openai',
      model: undefined,
    });
    expect(configuredChoice('video', [undefined, {}])).toEqual({});
  });
});

describe('credentialFinder', () => {
  it('uses the agent’s own backend, then another agent’s of that type, then the environment', () => {
    const find = credentialFinder(
      { type: 'gemini', api_key: 'own', base_url: 'https://own.example/v1beta' },
      [
        { type: 'claude', api_key: 'c' },
        { type: 'openai', api_key: 'peer', base_url: 'https://peer.example/v1' },
      ],
      { XAI_API_KEY: 'env-xai' },
    );
    expect(find('google')).toEqual({ apiKey: 'own', baseURL: 'https://own.example/v1beta' });
    expect(find('openai')).toEqual({ apiKey: 'peer', baseURL: 'https://peer.example/v1' });
    expect(find('grok')).toEqual({ apiKey: 'env-xai', baseURL: 'https://api.x.ai/v1' });
  });

  it('has none for a provider without a key, and reads OPENAI_BASE_URL for openai', () => {
    const find = credentialFinder({ type: 'claude', api_key: 'c' }, [], {
      OPENAI_API_KEY: 'sk',
      OPENAI_BASE_URL: 'https://proxy.example/v1',
    });
    expect(find('grok')).toBeUndefined();
    expect(find('openai')).toEqual({ apiKey: 'sk', baseURL: 'https://proxy.example/v1' });
  });
});
