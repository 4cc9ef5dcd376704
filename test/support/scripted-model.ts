/**
 * A scripted language model for unit tests of the orchestrator: each call's reply is computed from
 * the prompt it receives, streamed as AI SDK stream parts, optionally after a delay.
 */
import type {
  LanguageModelV3CallOptions,
  LanguageModelV3Prompt,
  LanguageModelV3StreamPart,
} from '@ai-sdk/provider';
import { MockLanguageModelV3 } from 'ai/test';
import { agentLabel } from '../../src/coordination/labels.js';
import type { AgentRuntime } from '../../src/types/agent-runtime.js';

export interface ScriptedReply {
  text?: string;
  reasoning?: string;
  /** `args` as an object is JSON-encoded; a string is sent verbatim (may be malformed). */
  toolCalls?: Array<{ name: string; args: unknown }>;
  delayMs?: number;
  /** Thrown from the stream after any text. */
  error?: unknown;
}

export type Responder = (
  prompt: LanguageModelV3Prompt,
  call: number,
  options: LanguageModelV3CallOptions,
) => ScriptedReply | Promise<ScriptedReply>;

/** All user-visible text of a prompt (user messages and tool results). */
export function promptText(prompt: LanguageModelV3Prompt): string {
  const out: string[] = [];
  for (const m of prompt) {
    if (m.role === 'system') continue;
    for (const p of m.content) {
      if (p.type === 'text') out.push(p.text);
      if (p.type === 'tool-result') out.push(JSON.stringify(p.output));
    }
  }
  return out.join('\n');
}

/** Answer labels `agentK` shown in the prompt. */
export function labelsIn(prompt: LanguageModelV3Prompt): string[] {
  return [...new Set([...promptText(prompt).matchAll(/<(agent\d+)>/g)].map((m) => m[1]!))].sort();
}

export function isPresentation(options: LanguageModelV3CallOptions): boolean {
  return !options.tools?.some((t) => t.name === 'vote');
}

function wait(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const t = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(t);
      reject(signal.reason);
    });
  });
}

export function scriptedModel(modelId: string, respond: Responder): MockLanguageModelV3 {
  let calls = 0;
  return new MockLanguageModelV3({
    modelId,
    doStream: async (options) => {
      const reply = await respond(options.prompt, calls++, options);
      if (reply.delayMs) await wait(reply.delayMs, options.abortSignal);
      const parts: LanguageModelV3StreamPart[] = [{ type: 'stream-start', warnings: [] }];
      if (reply.reasoning) {
        parts.push(
          { type: 'reasoning-start', id: 'r' },
          { type: 'reasoning-delta', id: 'r', delta: reply.reasoning },
        );
        parts.push({ type: 'reasoning-end', id: 'r' });
      }
      if (reply.text) {
        parts.push({ type: 'text-start', id: 't' }, { type: 'text-delta', id: 't', delta: reply.text });
        parts.push({ type: 'text-end', id: 't' });
      }
      (reply.toolCalls ?? []).forEach((c, i) => {
        const input = typeof c.args === 'string' ? c.args : JSON.stringify(c.args);
        parts.push({ type: 'tool-call', toolCallId: `call_${calls}_${i}`, toolName: c.name, input });
      });
      const stream = new ReadableStream<LanguageModelV3StreamPart>({
        start(controller) {
          for (const p of parts) controller.enqueue(p);
          if (reply.error !== undefined) {
            controller.error(reply.error);
            return;
          }
          controller.enqueue({
            type: 'finish',
            finishReason: { unified: reply.toolCalls?.length ? 'tool-calls' : 'stop', raw: undefined },
            usage: {
              inputTokens: { total: 10, noCache: 10, cacheRead: 0, cacheWrite: 0 },
              outputTokens: { total: 5, text: 5, reasoning: 0 },
            },
          });
          controller.close();
        },
      });
      return { stream };
    },
  });
}

/** The protocol bot: answer when no answers are shown, else vote for the lowest label; present with text. */
export function consensusResponder(name: string, extra: Partial<ScriptedReply> = {}): Responder {
  return (prompt, _call, options) => {
    if (isPresentation(options)) return { text: `Final answer by ${name}`, ...extra };
    const labels = labelsIn(prompt);
    if (labels.length === 0)
      return { toolCalls: [{ name: 'new_answer', args: { content: `Answer by ${name}` } }], ...extra };
    return {
      toolCalls: [{ name: 'vote', args: { agent_id: labels[0], reason: `${labels[0]} is right` } }],
      ...extra,
    };
  };
}

export function runtime(
  id: string,
  index: number,
  respond: Responder,
): AgentRuntime & { mock: MockLanguageModelV3 } {
  const mock = scriptedModel(`model-${id}`, respond);
  return {
    id,
    label: agentLabel(index),
    index,
    backendType: 'mock',
    modelId: mock.modelId,
    model: mock,
    settings: {},
    mock,
  };
}

/** The call is a post-evaluation (offers `submit`). */
export function isEvaluation(options: LanguageModelV3CallOptions): boolean {
  return Boolean(options.tools?.some((t) => t.name === 'submit'));
}
