/** Audio → transcript through the AI SDK's transcription API, when the run has a transcription model. */
import type { TranscriptionModelV3 } from '@ai-sdk/provider';

/** The transcript of `data`; throws what the transcription model throws. */
export async function transcribeAudio(
  model: TranscriptionModelV3,
  data: Uint8Array,
  signal?: AbortSignal,
): Promise<string> {
  const { experimental_transcribe: transcribe } = await import('ai');
  const result = await transcribe({ model, audio: data, abortSignal: signal });
  return result.text.trim();
}

/** What a model without audio input is told when there is no transcript. */
export function noTranscriptNote(name: string): string {
  return `[audio file ${name}: no transcript, because no transcription model is configured; this agent's backend cannot listen to audio]`;
}
