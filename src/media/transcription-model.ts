/**
 * The transcription model of `--transcription-model` or `orchestrator.media_input.transcription_model`:
 * an OpenAI one (or any server speaking its API).
 */
import type { TranscriptionModelV3 } from '@ai-sdk/provider';
import { ConfigError } from '../errors.js';

/**
 * OpenAI's transcription model `model` (whisper-1, gpt-4o-transcribe, …) with the key of
 * `OPENAI_API_KEY`, at `OPENAI_BASE_URL` when set. Throws a ConfigError naming the variable when no
 * key is set.
 */
export async function openAITranscriptionModel(
  model: string,
  env: NodeJS.ProcessEnv,
  /** Where the model was named, for the error (`--transcription-model` or the config key). */
  origin = '--transcription-model',
): Promise<TranscriptionModelV3> {
  const apiKey = env.OPENAI_API_KEY;
  if (!apiKey) {
    throw new ConfigError(
      `${origin} ${model} needs an OpenAI key: set OPENAI_API_KEY in the environment, in ./.env or in ~/.massgen/.env (OPENAI_BASE_URL points it at another server).`,
    );
  }
  const { createOpenAI } = await import('@ai-sdk/openai');
  return createOpenAI({ apiKey, baseURL: env.OPENAI_BASE_URL || undefined }).transcription(model);
}
