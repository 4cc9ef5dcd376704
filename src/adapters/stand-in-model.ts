/**
 * The `model` of an adapter agent's runtime: the external agent makes its own model calls, so this
 * one is never meant to be called. Features that call an agent's model directly (memory summaries,
 * group-chat turns, the post-evaluation) get an error naming the agent instead.
 */
import type { LanguageModelV3 } from '@ai-sdk/provider';
import { AdapterError } from './errors.js';

/** A model that refuses every call, for the agent `agentId` run by the `type` adapter. */
export function standInModel(agentId: string, type: string, modelId: string): LanguageModelV3 {
  const refuse = (): never => {
    throw new AdapterError(
      type,
      `Agent "${agentId}" is run by its ${type} adapter, which makes its own model calls: this step needs a provider backend (e.g. type "claude" or "openai").`,
    );
  };
  return {
    specificationVersion: 'v3',
    provider: type,
    modelId,
    supportedUrls: {},
    doGenerate: async () => refuse(),
    doStream: async () => refuse(),
  };
}
