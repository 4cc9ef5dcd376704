/**
 * The wrappers an evaluation puts under every agent's model (see `RunOptions.wrapModel`): a limit
 * on the provider's concurrent requests and a response cache on disk.
 */
import type {
  LanguageModelV3,
  LanguageModelV3CallOptions,
  LanguageModelV3StreamPart,
  LanguageModelV3StreamResult,
} from '@ai-sdk/provider';
import { wrapLanguageModel } from 'ai';
import type { ModelWrapper } from '../run/runtimes.js';
import type { Limiter, ProviderLimits } from './limiter.js';
import type { ResponseCache } from './response-cache.js';

/** Releases `release` once `stream` ends, fails or is cancelled. */
function releasing(
  stream: ReadableStream<LanguageModelV3StreamPart>,
  release: () => void,
): ReadableStream<LanguageModelV3StreamPart> {
  const reader = stream.getReader();
  return new ReadableStream<LanguageModelV3StreamPart>({
    async pull(controller) {
      try {
        const { done, value } = await reader.read();
        if (done) {
          release();
          controller.close();
        } else controller.enqueue(value);
      } catch (error) {
        release();
        controller.error(error);
      }
    },
    async cancel(reason) {
      release();
      await reader.cancel(reason);
    },
  });
}

/** `model` with at most `limiter.limit` of its requests under way at once. */
export function limitedModel(model: LanguageModelV3, limiter: Limiter): LanguageModelV3 {
  return wrapLanguageModel({
    model,
    middleware: {
      specificationVersion: 'v3',
      async wrapGenerate({ doGenerate }) {
        const release = await limiter.acquire();
        try {
          return await doGenerate();
        } finally {
          release();
        }
      },
      async wrapStream({ doStream }) {
        const release = await limiter.acquire();
        try {
          const result = await doStream();
          return { ...result, stream: releasing(result.stream, release) };
        } catch (error) {
          release();
          throw error;
        }
      },
    },
  });
}

/** Records a stream's parts as they pass; `done` stores them once the stream finished without error. */
function recording(
  stream: ReadableStream<LanguageModelV3StreamPart>,
  done: (parts: LanguageModelV3StreamPart[]) => Promise<void>,
): ReadableStream<LanguageModelV3StreamPart> {
  const parts: LanguageModelV3StreamPart[] = [];
  let failed = false;
  return stream.pipeThrough(
    new TransformStream<LanguageModelV3StreamPart, LanguageModelV3StreamPart>({
      transform(part, controller) {
        parts.push(part);
        if (part.type === 'error') failed = true;
        controller.enqueue(part);
      },
      // The reply is on disk before the stream ends.
      async flush() {
        if (!failed && parts.some((p) => p.type === 'finish')) await done(parts);
      },
    }),
  );
}

function replay(parts: LanguageModelV3StreamPart[]): LanguageModelV3StreamResult {
  return {
    stream: new ReadableStream({
      start(controller) {
        for (const part of parts) controller.enqueue(part);
        controller.close();
      },
    }),
    response: { headers: {} },
  };
}

/** `model` answering identical requests from `cache`. */
export function cachedModel(model: LanguageModelV3, cache: ResponseCache): LanguageModelV3 {
  const keyOf = (kind: string, options: LanguageModelV3CallOptions) =>
    cache.key({ kind, provider: model.provider, modelId: model.modelId, options });
  return wrapLanguageModel({
    model,
    middleware: {
      specificationVersion: 'v3',
      async wrapGenerate({ doGenerate, params }) {
        const key = keyOf('generate', params);
        const hit = await cache.get(key);
        if (hit) return hit as Awaited<ReturnType<LanguageModelV3['doGenerate']>>;
        const result = await doGenerate();
        await cache.put(key, {
          content: result.content,
          finishReason: result.finishReason,
          usage: result.usage,
          warnings: result.warnings,
        });
        return result;
      },
      async wrapStream({ doStream, params }) {
        const key = keyOf('stream', params);
        const hit = await cache.get(key);
        if (Array.isArray(hit)) return replay(hit as LanguageModelV3StreamPart[]);
        const result = await doStream();
        return { ...result, stream: recording(result.stream, (parts) => cache.put(key, parts)) };
      },
    },
  });
}

/** The wrapper of an evaluation's runs: the cache (when on) under the provider's limit (when set). */
export function evalModelWrapper(limits: ProviderLimits, cache?: ResponseCache): ModelWrapper {
  return (model, agent) => {
    const limiter = limits.of(agent.backendType);
    const limited = limiter ? limitedModel(model, limiter) : model;
    return cache ? cachedModel(limited, cache) : limited;
  };
}
