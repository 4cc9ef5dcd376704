/**
 * A model call whose answer is the arguments of one tool call (works on every provider, and a test
 * server can script it). A reply without the call is read as JSON from its text, if it holds any.
 */
import type { LanguageModelV3 } from '@ai-sdk/provider';
import { generateText, type LanguageModelUsage, ToolChoiceViolationError, tool } from 'ai';
import type { z } from 'zod';
import { toolsForModel } from '../providers/tool-strictness.js';
import type { CallSettings } from '../types/agent-runtime.js';

export interface StructuredCall<T> {
  model: LanguageModelV3;
  settings?: CallSettings;
  system: string;
  prompt: string;
  toolName: string;
  description: string;
  schema: z.ZodType<T>;
  signal?: AbortSignal;
  /** Told the call's token usage once the reply is in. */
  onUsage?: (usage: LanguageModelUsage) => void;
}

/** First JSON object in a text (fenced or bare), parsed; undefined when there is none. */
export function jsonInText(text: string): unknown {
  const fenced = /```(?:json)?\s*([\s\S]*?)```/.exec(text)?.[1];
  const candidate = fenced ?? text.slice(text.indexOf('{'), text.lastIndexOf('}') + 1);
  if (!candidate.trim().startsWith('{')) return undefined;
  try {
    return JSON.parse(candidate);
  } catch {
    return undefined;
  }
}

/** The validated arguments of the model's call to `toolName`, or undefined if it gave none that validate. */
export async function structuredCall<T>(call: StructuredCall<T>): Promise<T | undefined> {
  let raw: unknown;
  try {
    const result = await generateText({
      model: call.model,
      system: call.system,
      prompt: call.prompt,
      tools: toolsForModel(
        { [call.toolName]: tool({ description: call.description, inputSchema: call.schema, strict: false }) },
        call.settings?.strictTools,
      ),
      toolChoice: { type: 'tool', toolName: call.toolName },
      abortSignal: call.signal,
      maxRetries: 0,
      providerOptions: call.settings?.providerOptions,
    });
    call.onUsage?.(result.usage);
    const made = result.toolCalls.find((c) => c.toolName === call.toolName && !('invalid' in c && c.invalid));
    raw = made ? made.input : jsonInText(result.text);
  } catch (error) {
    // A reply without the forced call: its text may still hold the JSON.
    if (!ToolChoiceViolationError.isInstance(error)) throw error;
    const text = error.content.map((p) => (p.type === 'text' ? p.text : '')).join('');
    raw = jsonInText(text);
  }
  const parsed = call.schema.safeParse(raw);
  return parsed.success ? parsed.data : undefined;
}
