import { createOpenAI } from '@ai-sdk/openai';
import { generateText, type ToolSet } from 'ai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeProtocol, readJson, workflowTools } from './protocol-suite.js';
import { createFakeProvider, type FakeProvider } from './server.js';

describeProtocol({
  title: 'OpenAI Responses API via createOpenAI().responses()',
  protocol: 'responses',
  modelId: 'gpt-5-mini',
  model: (provider) =>
    createOpenAI({ baseURL: provider.baseUrls.openai, apiKey: 'test-key' }).responses('gpt-5-mini'),
  reasoning: true,
  earlyCut: 'error-part',
  malformedInput: 'verbatim',
});

describe('OpenAI Responses API specifics', () => {
  let provider: FakeProvider;
  beforeAll(async () => {
    provider = await createFakeProvider();
  });
  afterAll(() => provider.close());
  const openai = () => createOpenAI({ baseURL: provider.baseUrls.openai, apiKey: 'test-key' });

  it('numbers every event and frames it with event: and data: lines', async () => {
    provider.setScenario(() => ({
      text: 'Hi there',
      reasoning: 'Hmm',
      toolCalls: [{ name: 'vote', args: {} }],
    }));
    const response = await fetch(`${provider.baseUrls.openai}/responses`, {
      method: 'POST',
      body: JSON.stringify({ model: 'gpt-5', stream: true, input: 'hi' }),
    });
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const frames = (await response.text()).split('\n\n').filter(Boolean);
    const events = frames.map((frame) => {
      const [eventLine, dataLine] = frame.split('\n');
      const data = JSON.parse(dataLine?.slice('data: '.length) ?? '');
      expect(eventLine).toBe(`event: ${data.type}`);
      return data;
    });
    expect(events.map((event) => event.sequence_number)).toEqual(events.map((_, index) => index));
    expect(events[0].type).toBe('response.created');
    expect(events.at(-1).type).toBe('response.completed');
    expect(events.at(-1).response.output.map((item: { type: string }) => item.type)).toEqual([
      'reasoning',
      'message',
      'function_call',
    ]);
    expect(events.map((event) => event.type)).toContain('response.reasoning_summary_text.delta');
  });

  // Non-reasoning models replay stored assistant text as item_reference (reasoning models only after reasoning).
  it('resolves item_reference inputs and previous_response_id like the stored API', async () => {
    provider.setScenario(() => ({ text: 'Stored answer.' }));
    const first = await generateText({ model: openai().responses('gpt-4.1'), prompt: 'Q1', maxRetries: 0 });
    provider.setScenario(() => ({ text: 'Second.' }));
    await generateText({
      model: openai().responses('gpt-4.1'),
      messages: [
        { role: 'user', content: 'Q1' },
        ...first.response.messages,
        { role: 'user', content: 'Q2' },
      ],
      maxRetries: 0,
    });
    const second = provider.requests.at(-1);
    expect(JSON.stringify(second?.body.input)).toContain('item_reference');
    expect(second?.messages.map((m) => [m.role, m.text])).toEqual([
      ['user', 'Q1'],
      ['assistant', 'Stored answer.'],
      ['user', 'Q2'],
    ]);
    await generateText({
      model: openai().responses('gpt-5'),
      prompt: 'Q3',
      providerOptions: { openai: { previousResponseId: first.response.id } },
      maxRetries: 0,
    });
    expect(provider.requests.at(-1)?.messages.map((m) => m.text)).toEqual(['Q1', 'Stored answer.', 'Q3']);
  });

  it('rejects an unknown item reference with a 404', async () => {
    const response = await fetch(`${provider.baseUrls.openai}/responses`, {
      method: 'POST',
      body: JSON.stringify({ model: 'gpt-5', input: [{ type: 'item_reference', id: 'msg_missing' }] }),
    });
    expect(response.status).toBe(404);
    expect(await readJson(response)).toMatchObject({
      error: { message: "Item with id 'msg_missing' not found." },
    });
  });

  it('keeps provider-native tools apart from function tools', async () => {
    provider.setScenario(() => ({ text: 'ok' }));
    await generateText({
      model: openai().responses('gpt-5'),
      prompt: 'search',
      // @ai-sdk/openai bundles its own provider-utils, so its tool type needs a cast to ai's ToolSet.
      tools: { ...workflowTools, web_search: openai().tools.webSearch({}) } as unknown as ToolSet,
      maxRetries: 0,
    });
    const req = provider.requests.at(-1);
    expect(req?.tools.map((t) => t.name)).toEqual(['new_answer', 'vote']);
    expect(req?.providerTools).toEqual([expect.objectContaining({ type: 'web_search' })]);
  });
});
