/**
 * What reaches the wire for OpenAI's APIs: `strict` on function tools (and only there), and the
 * output limit as `max_completion_tokens` where OpenAI refuses `max_tokens`.
 */
import { createOpenAI } from '@ai-sdk/openai';
import { generateText } from 'ai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { streamStep } from '../../src/agent/stream-step.js';
import { workflowTools } from '../../src/coordination/workflow-tools.js';
import type { BackendType } from '../../src/providers/catalog.js';
import { createModel, type ModelBackendConfig } from '../../src/providers/create-model.js';
import { isOpenAIHost, isOpenAIReasoningModel } from '../../src/providers/openai-models.js';
import { ToolRegistry } from '../../src/tools/registry.js';
import { createFakeProvider, type FakeProvider } from '../fake-provider/server.js';
import { fakeAgent } from '../support/fake-agents.js';

let fake: FakeProvider;
beforeAll(async () => {
  fake = await createFakeProvider({ scenario: () => ({ text: 'ok' }) });
});
afterAll(() => fake.close());

/** One reply of an agent on `type`/`model` with the workflow tools and a custom tool; the request as sent. */
async function replyWithTools(type: BackendType, model: string) {
  const agent = await fakeAgent(fake, 'a', 0, type, model);
  const registry = new ToolRegistry({ agentId: 'a' });
  registry.add([
    {
      name: 'custom_tool__lookup',
      description: 'Look up.',
      inputSchema: { type: 'object', properties: { q: { type: 'string' } } },
      source: 'custom',
      timeoutMs: 1000,
      execute: async () => ({ value: 'x' }),
    },
  ]);
  const notices: string[] = [];
  await streamStep({
    agent,
    system: 's',
    messages: [{ role: 'user', content: 'q' }],
    tools: registry.toolSet({ workflow: workflowTools(['agent1', 'agent2']) }),
    emit: (e) => {
      if (e.type === 'notice') notices.push(e.message);
    },
    signal: new AbortController().signal,
    phase: 'coordination',
  });
  return { body: fake.requests.at(-1)!.body, notices };
}

describe('strict function tools', () => {
  it('on the Responses API: true for new_answer and vote, false for custom and MCP tools', async () => {
    const { body, notices } = await replyWithTools('openai', 'gpt-5-mini');
    expect(body.tools.map((t: { name: string; strict: unknown }) => [t.name, t.strict])).toEqual([
      ['new_answer', true],
      ['vote', true],
      ['custom_tool__lookup', false],
    ]);
    expect(notices).toEqual([]);
  });

  it('other providers get their tools without the flag, and no warning about it', async () => {
    const claude = await replyWithTools('claude', 'claude-sonnet-4-5');
    expect(claude.body.tools.map((t: object) => 'strict' in t)).toEqual([false, false, false]);
    const gemini = await replyWithTools('gemini', 'gemini-2.5-flash');
    // With strict tools Gemini would switch to VALIDATED function calling.
    expect(gemini.body.toolConfig).toEqual({ functionCallingConfig: { mode: 'AUTO' } });
    const chat = await replyWithTools('chatcompletion', 'llama3.2');
    expect(chat.body.tools.map((t: { function: object }) => 'strict' in t.function)).toEqual([
      false,
      false,
      false,
    ]);
    expect([...claude.notices, ...gemini.notices, ...chat.notices]).toEqual([]);
  });
});

describe('the output limit on Chat Completions', () => {
  const backend = (type: BackendType, model: string, extra: Partial<ModelBackendConfig> = {}) =>
    fakeAgent(fake, 'a', 0, type, model, { max_tokens: 300, ...extra });
  const send = async (type: BackendType, model: string) => {
    const agent = await backend(type, model);
    await streamStep({
      agent,
      system: 's',
      messages: [{ role: 'user', content: 'q' }],
      emit: () => {},
      signal: new AbortController().signal,
      phase: 'coordination',
    });
    return fake.requests.at(-1)!.body;
  };

  it.each([
    ['chatcompletion', 'gpt-5-mini'],
    ['chatcompletion', 'o4-mini'],
    ['azure_openai', 'o3'],
  ] as const)('%s %s sends max_completion_tokens (OpenAI refuses max_tokens for it)', async (type, model) => {
    const body = await send(type, model);
    expect(body.max_completion_tokens).toBe(300);
    expect(body.max_tokens).toBeUndefined();
  });

  it('other models at other servers keep max_tokens', async () => {
    const body = await send('vllm', 'qwen3-8b');
    expect(body.max_tokens).toBe(300);
    expect(body.max_completion_tokens).toBeUndefined();
  });

  it('an agent at api.openai.com uses OpenAI’s own chat client with max_completion_tokens for every model', async () => {
    for (const model of ['gpt-4o', 'gpt-5-mini']) {
      const resolved = await createModel(
        'a',
        { type: 'chatcompletion', model, base_url: 'https://api.openai.com/v1', max_tokens: 300 },
        { OPENAI_API_KEY: 'k' },
      );
      expect(resolved.model.provider).toBe('openai.chat');
      expect(resolved.settings).toEqual({
        providerOptions: { openai: { maxCompletionTokens: 300 } },
        strictTools: true,
      });
      // The same client and settings against the fake: what OpenAI would receive.
      await generateText({
        model: createOpenAI({ baseURL: fake.baseUrls.chat, apiKey: 'k' }).chat(model),
        prompt: 'q',
        providerOptions: resolved.settings.providerOptions,
        maxRetries: 0,
      });
      const body = fake.requests.at(-1)!.body;
      expect([body.max_completion_tokens, body.max_tokens]).toEqual([300, undefined]);
    }
  });

  it('knows OpenAI’s host and its reasoning models', () => {
    expect(isOpenAIHost('https://api.openai.com/v1')).toBe(true);
    expect(isOpenAIHost('https://openrouter.ai/api/v1')).toBe(false);
    expect(isOpenAIHost(undefined)).toBe(false);
    const reasoning = ['o1', 'o3-mini', 'o4-mini', 'gpt-5', 'gpt-5-mini', 'gpt-5.1', 'gpt-5.1-chat-latest'];
    const others = ['gpt-4o', 'gpt-4.1-mini', 'gpt-5-chat-latest', 'llama3.2', 'omni-x'];
    expect(reasoning.filter(isOpenAIReasoningModel)).toEqual(reasoning);
    expect(others.filter(isOpenAIReasoningModel)).toEqual([]);
  });
});
