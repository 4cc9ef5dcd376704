import { createAnthropic } from '@ai-sdk/anthropic';
import { createGoogleGenerativeAI } from '@ai-sdk/google';
import { createOpenAI } from '@ai-sdk/openai';
import { generateText, type LanguageModel } from 'ai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { workflowTools } from './protocol-suite.js';
import {
  byProtocol,
  consensus,
  type FakeMessage,
  type FakeRequest,
  findAnswerLabels,
  scripted,
} from './scenario.js';
import { createFakeProvider, type FakeProvider } from './server.js';

function request(overrides: Partial<FakeRequest> = {}): FakeRequest {
  return {
    protocol: 'chat',
    path: '/v1/chat/completions',
    model: 'm1',
    stream: true,
    system: '',
    messages: [],
    lastUserText: '',
    tools: [],
    providerTools: [],
    body: {},
    headers: {},
    index: 0,
    ...overrides,
  };
}

const WORKFLOW = [{ name: 'new_answer' }, { name: 'vote' }];
const user = (text: string): FakeMessage => ({ role: 'user', text });

describe('consensus()', () => {
  it('presents a final answer when no workflow tools are offered', async () => {
    expect(await consensus()(request({ tools: [{ name: 'other' }] }))).toEqual({
      text: 'Final answer from m1',
    });
    expect(
      await consensus({ present: (req) => `P:${req.lastUserText}` })(request({ lastUserText: 'q' })),
    ).toEqual({
      text: 'P:q',
    });
  });

  it('answers with new_answer while no agent answers are tagged', async () => {
    const reply = await consensus()(request({ tools: WORKFLOW, messages: [user('Question?')] }));
    expect(reply.toolCalls).toEqual([{ name: 'new_answer', args: { content: 'Answer from m1' } }]);
    const custom = await consensus({ answer: () => '42' })(request({ tools: WORKFLOW }));
    expect(custom.toolCalls?.[0]?.args).toEqual({ content: '42' });
  });

  it('votes for the lowest-numbered tagged agent found in user and tool messages', async () => {
    const messages: FakeMessage[] = [
      user('<agent10>ten</agent10> <agent3>three</agent3>'),
      { role: 'assistant', text: '<agent1>ignored: assistant text</agent1>' },
      { role: 'tool', text: '<agent2>two</agent2>', toolCallId: 'c1' },
    ];
    const reply = await consensus()(request({ tools: WORKFLOW, messages }));
    expect(reply.toolCalls).toEqual([
      { name: 'vote', args: { agent_id: 'agent2', reason: 'Most complete answer.' } },
    ]);
    expect(findAnswerLabels(request({ messages }))).toEqual(['agent2', 'agent3', 'agent10']);
  });

  it('turns latencyMs into firstByteDelayMs', async () => {
    expect(await consensus({ latencyMs: 25 })(request())).toMatchObject({ firstByteDelayMs: 25 });
  });
});

describe('scripted()', () => {
  it('serves each model its own queue, then falls back', async () => {
    const scenario = scripted(
      { m1: [{ text: 'one' }, (req) => ({ text: `two for ${req.lastUserText}` })], m2: [{ text: 'only' }] },
      () => ({ text: 'fallback' }),
    );
    const m1 = request({ model: 'm1', lastUserText: 'q' });
    expect(await scenario(m1)).toEqual({ text: 'one' });
    expect(await scenario(request({ model: 'm2' }))).toEqual({ text: 'only' });
    expect(await scenario(m1)).toEqual({ text: 'two for q' });
    expect(await scenario(m1)).toEqual({ text: 'fallback' });
    expect(await scenario(request({ model: 'unlisted' }))).toEqual({ text: 'fallback' });
  });

  it('falls back to consensus() by default', async () => {
    expect(await scripted({})(request())).toEqual({ text: 'Final answer from m1' });
  });
});

describe('byProtocol()', () => {
  it('routes by protocol with a fallback', async () => {
    const scenario = byProtocol({ gemini: () => ({ text: 'g' }) }, () => ({ text: 'other' }));
    expect(await scenario(request({ protocol: 'gemini' }))).toEqual({ text: 'g' });
    expect(await scenario(request({ protocol: 'anthropic' }))).toEqual({ text: 'other' });
  });
});

describe('consensus() end to end over three protocols', () => {
  let provider: FakeProvider;
  let agents: Record<string, LanguageModel>;
  beforeAll(async () => {
    provider = await createFakeProvider();
    agents = {
      agent1: createOpenAI({ baseURL: provider.baseUrls.openai, apiKey: 'k' }).responses('gpt-5-mini'),
      agent2: createAnthropic({ baseURL: provider.baseUrls.anthropic, apiKey: 'k' })('claude-sonnet-4-5'),
      agent3: createGoogleGenerativeAI({ baseURL: provider.baseUrls.gemini, apiKey: 'k' })(
        'gemini-2.5-flash',
      ),
    };
  });
  afterAll(() => provider.close());

  it('answers, votes for agent1, then presents', async () => {
    const ask = (model: LanguageModel, prompt: string) =>
      generateText({ model, system: 'Multi-agent.', prompt, tools: workflowTools, maxRetries: 0 });
    const answers = await Promise.all(Object.values(agents).map((model) => ask(model, 'What is 6 x 7?')));
    expect(answers.map((a) => a.toolCalls[0]?.toolName)).toEqual(['new_answer', 'new_answer', 'new_answer']);
    expect(answers[1]?.toolCalls[0]?.input).toEqual({ content: 'Answer from claude-sonnet-4-5' });
    const contents = answers.map((a) => (a.toolCalls[0]?.input as { content: string } | undefined)?.content);
    const tagged = contents.map((content, i) => `<agent${i + 1}>${content}</agent${i + 1}>`).join('\n');
    const votes = await Promise.all(Object.values(agents).map((model) => ask(model, `Answers:\n${tagged}`)));
    for (const vote of votes)
      expect(vote.toolCalls[0]).toMatchObject({ toolName: 'vote', input: { agent_id: 'agent1' } });
    const final = await generateText({
      model: agents.agent1 as LanguageModel,
      prompt: 'Present.',
      maxRetries: 0,
    });
    expect(final.text).toBe('Final answer from gpt-5-mini');
    expect(provider.requests.map((r) => r.protocol).sort()).toEqual(
      ['anthropic', 'anthropic', 'gemini', 'gemini', 'responses', 'responses', 'responses'].sort(),
    );
  });
});
