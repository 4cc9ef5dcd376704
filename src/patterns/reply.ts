/**
 * One model reply inside a chat: a direct `doStream` call on the member's model (already wrapped by
 * the retry middleware), its text and reasoning forwarded to a sink as they arrive. Provider failures
 * are thrown.
 */

import type {
  LanguageModelV3CallOptions,
  LanguageModelV3Prompt,
  LanguageModelV3ToolCall,
  LanguageModelV3Usage,
} from '@ai-sdk/provider';
import { judgeFailure } from '../providers/failure-verdict.js';
import { callToolsForModel } from '../providers/tool-strictness.js';
import type { ChatMember, ReplySink } from './types.js';
import { emptyUsage } from './usage.js';

export interface ReplyRequest {
  member: ChatMember;
  prompt: LanguageModelV3Prompt;
  tools?: LanguageModelV3CallOptions['tools'];
  toolChoice?: LanguageModelV3CallOptions['toolChoice'];
  signal: AbortSignal;
  sink: ReplySink;
}

export interface Reply {
  text: string;
  toolCalls: LanguageModelV3ToolCall[];
  usage: LanguageModelV3Usage;
}

/** A prompt of one system message and one user message (opened by the member's attachments, if any). */
export function simplePrompt(
  system: string,
  user: string,
  attachments: ChatMember['attachments'] = [],
): LanguageModelV3Prompt {
  return [
    { role: 'system', content: system },
    { role: 'user', content: [...attachments, { type: 'text', text: user }] },
  ];
}

/** The call options of `member` for `prompt`: its own sampling settings and provider options. */
export function memberCallOptions(
  member: ChatMember,
  base: Omit<LanguageModelV3CallOptions, 'temperature' | 'maxOutputTokens' | 'topP' | 'topK'>,
): LanguageModelV3CallOptions {
  const s = member.settings;
  return {
    ...base,
    temperature: s.temperature,
    maxOutputTokens: s.maxOutputTokens,
    topP: s.topP,
    topK: s.topK,
    providerOptions: s.providerOptions ?? base.providerOptions,
    tools: callToolsForModel(base.tools, s.strictTools),
  };
}

/** Streams one reply of `member`; resolves with its text, tool calls and usage. */
export async function streamReply(request: ReplyRequest): Promise<Reply> {
  const { member, sink, signal } = request;
  const { stream } = await member.model.doStream(
    memberCallOptions(member, {
      prompt: request.prompt,
      tools: request.tools,
      toolChoice: request.toolChoice,
      abortSignal: signal,
    }),
  );
  let text = '';
  let usage = emptyUsage();
  const toolCalls: LanguageModelV3ToolCall[] = [];
  // Leaving the loop early (an error part) cancels the stream, and with it the request.
  for await (const part of stream) {
    switch (part.type) {
      case 'text-delta':
        text += part.delta;
        sink.text(part.delta);
        break;
      case 'reasoning-delta':
        sink.reasoning(part.delta);
        break;
      case 'tool-call':
        toolCalls.push(part);
        break;
      case 'finish':
        usage = part.usage;
        sink.usage(part.usage);
        break;
      case 'error':
        throw part.error;
    }
  }
  if (signal.aborted) throw signal.reason;
  return { text, toolCalls, usage };
}

/** A provider or turn error as one line. */
export function failureMessage(error: unknown): string {
  return judgeFailure(error).message;
}

/** Errors that retrying cannot fix (or that the request already retried until its retries ran out). */
export function isPermanentFailure(error: unknown): boolean {
  return judgeFailure(error).final;
}
