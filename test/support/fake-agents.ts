/** Agent runtimes whose models are real AI SDK clients talking to the loopback fake provider. */
import { agentLabel } from '../../src/coordination/labels.js';
import type { BackendType } from '../../src/providers/catalog.js';
import { createModel, type ModelBackendConfig } from '../../src/providers/create-model.js';
import type { AgentRuntime } from '../../src/types/agent-runtime.js';
import type { FakeProvider } from '../fake-provider/server.js';

/** The fake's base URL for a backend type. */
export function fakeBaseUrl(fake: FakeProvider, type: BackendType): string {
  if (type === 'openai') return fake.baseUrls.openai;
  if (type === 'claude') return fake.baseUrls.anthropic;
  if (type === 'gemini') return fake.baseUrls.gemini;
  if (type === 'azure_openai') return fake.url;
  return fake.baseUrls.chat;
}

/** Agent `id` at config position `index`, on `type`/`model` at the fake (extra backend keys in `backend`). */
export async function fakeAgent(
  fake: FakeProvider,
  id: string,
  index: number,
  type: BackendType,
  model: string,
  backend: Partial<ModelBackendConfig> = {},
): Promise<AgentRuntime> {
  const config: ModelBackendConfig = {
    type,
    model,
    base_url: fakeBaseUrl(fake, type),
    api_key: 'test-key',
    ...backend,
  };
  const resolved = await createModel(id, config, {});
  return {
    id,
    label: agentLabel(index),
    index,
    backendType: type,
    modelId: resolved.modelId,
    model: resolved.model,
    settings: resolved.settings,
  };
}
