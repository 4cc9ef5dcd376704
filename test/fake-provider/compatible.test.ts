import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import { createXai } from '@ai-sdk/xai';
import { streamText } from 'ai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeProtocol, drain, workflowTools } from './protocol-suite.js';
import { createFakeProvider, type FakeProvider } from './server.js';

describeProtocol({
  title: 'OpenAI-compatible chat via createOpenAICompatible()',
  protocol: 'chat',
  modelId: 'deepseek-reasoner',
  model: (provider) =>
    createOpenAICompatible({
      name: 'compatible',
      baseURL: provider.baseUrls.chat,
      apiKey: 'test-key',
      includeUsage: true,
    }).chatModel('deepseek-reasoner'),
  reasoning: true,
  malformedInput: 'verbatim',
  earlyCut: 'thrown',
});

describeProtocol({
  title: 'xAI chat via createXai()',
  protocol: 'chat',
  modelId: 'grok-4',
  model: (provider) => createXai({ baseURL: provider.baseUrls.chat, apiKey: 'test-key' })('grok-4'),
  reasoning: true,
  malformedInput: 'verbatim',
  earlyCut: 'thrown',
});

describe('xAI tool-call framing', () => {
  let provider: FakeProvider;
  beforeAll(async () => {
    provider = await createFakeProvider();
  });
  afterAll(() => provider.close());

  it('sends each tool call whole when the xAI client asks, whatever the model name', async () => {
    provider.setScenario(() => ({ toolCalls: [{ name: 'new_answer', args: { content: 'whole' } }] }));
    const model = createXai({ baseURL: provider.baseUrls.chat, apiKey: 'k' })('custom-model');
    const result = streamText({ model, prompt: 'hi', tools: workflowTools, maxRetries: 0 });
    const { thrown } = await drain(result);
    expect(thrown).toBeUndefined();
    expect((await result.toolCalls).map((call) => call.input)).toEqual([{ content: 'whole' }]);
    expect(provider.requests.at(-1)?.headers['user-agent']).toMatch(/ai-sdk\/xai/);
  });
});
