/** The summariser of conversation compression: one plain model call that condenses a transcript. */
import type { LanguageModelV3 } from '@ai-sdk/provider';
import { generateText } from 'ai';
import type { CallSettings } from '../types/agent-runtime.js';

/** Condenses `transcript` to about `maxTokens` tokens. */
export type Summariser = (transcript: string, maxTokens: number, signal: AbortSignal) => Promise<string>;

/** System prompt of the summariser. */
export const SUMMARY_SYSTEM_PROMPT = [
  'You summarise the earlier part of an AI agent’s working conversation so the agent can continue without it.',
  'Keep everything the agent needs to finish its task: facts found, tool calls made and what they returned (names, numbers, paths, identifiers), decisions and their reasons, answers read from other agents, errors met and what was already tried, and what remains to be done.',
  'Drop greetings, repetition and reasoning that led nowhere. Write compact notes in the third person, not a reply to anyone.',
].join(' ');

/** A summariser backed by a language model (the agent’s own, or `persistent_memory.llm`). */
export function modelSummariser(model: LanguageModelV3, settings: CallSettings = {}): Summariser {
  return async (transcript, maxTokens, signal) => {
    const words = Math.max(50, Math.floor(maxTokens * 0.7));
    const result = await generateText({
      model,
      system: SUMMARY_SYSTEM_PROMPT,
      prompt: `Summarise this conversation in at most ${words} words.\n\n<CONVERSATION>\n${transcript}\n</CONVERSATION>`,
      abortSignal: signal,
      maxRetries: 0,
      maxOutputTokens: Math.max(1024, maxTokens * 2),
      providerOptions: settings.providerOptions,
    });
    return result.text.trim();
  };
}
